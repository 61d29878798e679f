"""The monthly report the spaces settle with: guest days per host space x home space,
overrides, overshoots, day passes and denials, with totals; `popup_visits` (check-ins at the
network's pop-ups, once per member, pop-up and date, docs/popups.md) when there are any; and,
only when there are any,
`revoked_uploads`: admissions a kiosk recorded before its revocation and uploaded after it
(the server accepts those, services/kiosks.py), for the spaces to look at. One long table, as CSV in two
dialects (RFC 4180; Excel-DE) or as an Excel workbook (report_xlsx.py); docs/server-cli.md.

Months are calendar months in the network's time zone: a check-in's `day` is its
network-local date. Annulled check-ins are left out everywhere.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Final, TextIO

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db import Checkin, Kiosk, Member, Popup, Space
from .network import get_policy
from .table_files import write_csv
from .usage import chunks

COLUMNS: Final = (
    "month", "section", "host_space", "home_space", "reason", "count", "host_name", "home_name"
)  # fmt: skip
ALL: Final = "*"  # a total over this column
NONE: Final = "-"  # no member (e.g. staff admitted a walk-in visitor)
SECTIONS: Final = (
    "guest_days", "overshoot_days", "overrides", "day_passes", "denials", "revoked_uploads", "popup_visits"
)  # fmt: skip
_MONTH: Final = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, slots=True, order=True)
class ReportRow:
    section: str
    host_space: str
    home_space: str
    reason: str
    count: int


def parse_month(text: str) -> tuple[int, int]:
    """'2026-11' -> (2026, 11); ValueError with a clear message otherwise."""
    match = _MONTH.match(text.strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise ValueError(f"bad month {text!r}: use YYYY-MM, e.g. 2026-11")
    if not 2000 <= int(match[1]) <= 2999:  # the years the API takes times for (api/instants.py)
        raise ValueError(f"bad month {text!r}: the month must lie between 2000-01 and 2999-12")
    return int(match[1]), int(match[2])


def build_report(session: Session, year: int, month: int) -> list[ReportRow]:
    """The month's report, counted by the database in two grouped passes over the month's
    check-ins (Python sees groups, not rows); only members over their allowance are read row by
    row, to find which of their guest days were the excess ones (in the order they happened)."""
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    policy = get_policy(session)
    slugs = {space_id: slug for space_id, slug in session.execute(select(Space.id, Space.slug))}
    in_month = (Checkin.day >= first, Checkin.day < following, Checkin.annulled_at.is_(None))

    def slug(space_id: int) -> str:
        return slugs.get(space_id, str(space_id))

    def home_of(home_id: int | None) -> str:
        return NONE if home_id is None else slug(home_id)

    # guest days: once per member, host space and date, admitted and counted away from home;
    # the days are counted from the report index alone, then each group is joined to its member
    days_at = (
        select(
            Checkin.member_number.label("member_number"),
            Checkin.space_id.label("space_id"),
            func.count(func.distinct(Checkin.day)).label("days"),
        )
        .where(*in_month, Checkin.admitted.is_(True), Checkin.counted.is_(True))
        .where(Checkin.member_number.is_not(None))
        .group_by(Checkin.member_number, Checkin.space_id)
        .subquery()
    )
    by_ids: Counter[tuple[int, int]] = Counter()  # (host id, home id): slugs after the loop
    per_member: Counter[int] = Counter()
    plans: dict[int, tuple[int, str]] = {}
    for number, space_id, home_id, plan, n in session.connection().execute(
        select(
            days_at.c.member_number,
            days_at.c.space_id,
            Member.home_space_id,
            Member.plan_code,
            days_at.c.days,
        )
        .join(Member, Member.number == days_at.c.member_number)
        .where(days_at.c.space_id != Member.home_space_id)
    ):  # one row per member and host: tens of thousands in a busy month, so kept lean
        by_ids[space_id, home_id] += n
        per_member[number] += n
        plans[number] = (home_id, plan)
    used: Counter[tuple[str, str]] = Counter()
    for (space_id, home_id), n in by_ids.items():
        used[slug(space_id), home_of(home_id)] += n
    over = {
        number: plans[number]
        for number, n in per_member.items()
        if n > policy.guest_days_for(plans[number][1])
    }
    excess: Counter[tuple[str, str]] = Counter()
    for numbers in chunks(sorted(over)):
        days: dict[int, list[tuple[int, date]]] = defaultdict(list)  # member -> (host, day) in order
        for number, space_id, day in session.execute(
            select(Checkin.member_number, Checkin.space_id, Checkin.day)
            .join(Member, Member.number == Checkin.member_number)
            .where(*in_month, Checkin.admitted.is_(True), Checkin.counted.is_(True))
            .where(Checkin.space_id != Member.home_space_id, Checkin.member_number.in_(numbers))
            .order_by(Checkin.occurred_at, Checkin.id)
        ):
            assert number is not None  # joined to a member
            if (space_id, day) not in days[number]:
                days[number].append((space_id, day))
        for number, visits in days.items():
            home_id, plan = over[number]
            for space_id, _day in visits[policy.guest_days_for(plan) :]:  # beyond the allowance
                excess[slug(space_id), home_of(home_id)] += 1

    # overrides, denials and late uploads: separate grouped passes, each over the report index,
    # joined to members or kiosks only for the few rows that need them
    overrides: Counter[tuple[str, str]] = Counter()
    day_passes: Counter[tuple[str, str]] = Counter()  # walk-in visitors admitted with a day pass
    denials: Counter[tuple[str, str]] = Counter()
    revoked: Counter[tuple[str, str]] = Counter()  # admitted, uploaded by a kiosk after its revocation
    for space_id, reason, n in session.execute(
        select(Checkin.space_id, Checkin.reason, func.count())
        .where(*in_month, Checkin.admitted.is_(False))
        .group_by(Checkin.space_id, Checkin.reason)
    ):
        denials[slug(space_id), str(reason)] += int(n)
    for space_id, home_id, n in session.execute(
        select(Checkin.space_id, Member.home_space_id, func.count())
        .outerjoin(Member, Member.number == Checkin.member_number)
        .where(*in_month, Checkin.admitted.is_(True), Checkin.reason == "staff_override")
        .group_by(Checkin.space_id, Member.home_space_id)
    ):
        overrides[slug(space_id), home_of(home_id)] += int(n)
    revoked_kiosks = list(session.scalars(select(Kiosk.id).where(Kiosk.revoked_at.is_not(None))))
    for kiosk_ids in chunks(revoked_kiosks) if revoked_kiosks else ():  # few, usually none
        for space_id, home_id, n in session.execute(
            select(Checkin.space_id, Member.home_space_id, func.count())
            .join(Kiosk, Kiosk.id == Checkin.kiosk_id)
            .outerjoin(Member, Member.number == Checkin.member_number)
            .where(*in_month, Checkin.admitted.is_(True), Checkin.kiosk_id.in_(kiosk_ids))
            .where(Checkin.received_at >= Kiosk.revoked_at)
            .group_by(Checkin.space_id, Member.home_space_id)
        ):
            revoked[slug(space_id), home_of(home_id)] += int(n)

    # day passes: one per pass (space, date, number), however often it was scanned that day
    passes = (
        select(Checkin.space_id, Checkin.day, Checkin.day_pass_number)
        .where(*in_month, Checkin.admitted.is_(True), Checkin.reason == "day_pass")
        .distinct()
        .subquery()
    )
    for space_id, n in session.execute(select(passes.c.space_id, func.count()).group_by(passes.c.space_id)):
        day_passes[slug(space_id), NONE] += int(n)

    # pop-up visits: once per member, pop-up and date, counted for the pop-up's hosting space.
    # Only pop-ups that had not ended before the month can have check-ins in it (a pop-up's
    # kiosk records nothing after its end), so the check-ins are found by pop-up, not by
    # reading every check-in of the month (popup_id is not in the report index)
    since = datetime.combine(first - timedelta(days=1), time(0), tzinfo=UTC)
    popup_ids = list(session.scalars(select(Popup.id).where(Popup.ends_at >= since)))
    popup_visits: Counter[tuple[str, str]] = Counter()
    for ids in chunks(popup_ids):
        at_popups = (
            select(
                Checkin.member_number, Checkin.popup_id, Checkin.day, Checkin.space_id, Member.home_space_id
            )
            .join(Member, Member.number == Checkin.member_number)
            .where(*in_month, Checkin.admitted.is_(True), Checkin.popup_id.in_(ids))
            .distinct()
            .subquery()
        )
        for space_id, home_id, n in session.execute(
            select(at_popups.c.space_id, at_popups.c.home_space_id, func.count()).group_by(
                at_popups.c.space_id, at_popups.c.home_space_id
            )
        ):
            popup_visits[slug(space_id), home_of(home_id)] += int(n)

    report: list[ReportRow] = []
    report += _matrix("guest_days", used)
    report += _matrix("overshoot_days", excess)
    report += _matrix("overrides", overrides)
    report += _matrix("day_passes", day_passes)
    report += _denials(denials)
    if revoked:
        report += _matrix("revoked_uploads", revoked)
    if popup_visits:
        report += _matrix("popup_visits", popup_visits)
    return report


def _matrix(section: str, counts: Counter[tuple[str, str]]) -> list[ReportRow]:
    """host x home cells, then totals per host, per home and overall (always present)."""
    rows = [ReportRow(section, host, home, "", n) for (host, home), n in sorted(counts.items())]
    by_host: Counter[str] = Counter()
    by_home: Counter[str] = Counter()
    for (host, home), n in counts.items():
        by_host[host] += n
        by_home[home] += n
    rows += [ReportRow(section, host, ALL, "", n) for host, n in sorted(by_host.items())]
    rows += [ReportRow(section, ALL, home, "", n) for home, n in sorted(by_home.items())]
    rows.append(ReportRow(section, ALL, ALL, "", sum(counts.values())))
    return rows


def _denials(counts: Counter[tuple[str, str]]) -> list[ReportRow]:
    rows = [ReportRow("denials", host, ALL, reason, n) for (host, reason), n in sorted(counts.items())]
    by_host: Counter[str] = Counter()
    by_reason: Counter[str] = Counter()
    for (host, reason), n in counts.items():
        by_host[host] += n
        by_reason[reason] += n
    rows += [ReportRow("denials", host, ALL, ALL, n) for host, n in sorted(by_host.items())]
    rows += [ReportRow("denials", ALL, ALL, reason, n) for reason, n in sorted(by_reason.items())]
    rows.append(ReportRow("denials", ALL, ALL, ALL, sum(counts.values())))
    return rows


def space_names(session: Session) -> dict[str, str]:
    """slug -> name, for the columns people read."""
    return {slug: name for slug, name in session.execute(select(Space.slug, Space.name))}


def _name(slug: str, names: Mapping[str, str]) -> str:
    if slug == ALL:
        return "Summe"
    if slug == NONE:
        return "-"
    return names.get(slug, slug)


def report_table(
    rows: Iterable[ReportRow], *, year: int, month: int, names: Mapping[str, str]
) -> list[list[object]]:
    label = f"{year:04d}-{month:02d}"
    return [
        [
            label,
            row.section,
            row.host_space,
            row.home_space,
            row.reason,
            row.count,
            _name(row.host_space, names),
            "" if row.section == "denials" else _name(row.home_space, names),
        ]
        for row in rows
    ]


def report_csv(
    rows: Iterable[ReportRow],
    *,
    year: int,
    month: int,
    names: Mapping[str, str] | None = None,
    dialect: str = "rfc4180",
) -> bytes:
    """RFC 4180 (comma, CRLF, UTF-8) or Excel-DE (semicolon, BOM, decimal comma)."""
    return write_csv(COLUMNS, report_table(rows, year=year, month=month, names=names or {}), dialect)


def write_report_csv(rows: Iterable[ReportRow], out: TextIO, *, year: int, month: int) -> None:
    """The RFC 4180 CSV as text (without names: kept for callers that have no session)."""
    out.write(report_csv(rows, year=year, month=month).decode("utf-8"))
