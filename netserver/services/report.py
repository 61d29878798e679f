"""The monthly report the spaces settle with: guest days per host space x home space,
overrides, overshoots, day passes and denials, with totals; and, only when there are any,
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
from datetime import date
from typing import Final, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import Checkin, Kiosk, Member, Space
from .network import get_policy
from .table_files import write_csv

COLUMNS: Final = (
    "month", "section", "host_space", "home_space", "reason", "count", "host_name", "home_name"
)  # fmt: skip
ALL: Final = "*"  # a total over this column
NONE: Final = "-"  # no member (e.g. staff admitted a walk-in visitor)
SECTIONS: Final = ("guest_days", "overshoot_days", "overrides", "day_passes", "denials", "revoked_uploads")
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
    if not match or not 1 <= int(match[2]) <= 12 or int(match[1]) < 2000:
        raise ValueError(f"bad month {text!r}: use YYYY-MM, e.g. 2026-11")
    return int(match[1]), int(match[2])


def build_report(session: Session, year: int, month: int) -> list[ReportRow]:
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    policy = get_policy(session)
    slugs = {space_id: slug for space_id, slug in session.execute(select(Space.id, Space.slug))}
    rows = session.execute(
        select(
            Checkin.member_number,
            Checkin.space_id,
            Checkin.day,
            Checkin.reason,
            Checkin.admitted,
            Checkin.counted,
            Member.home_space_id,
            Member.plan_code,
            Kiosk.revoked_at.is_not(None) & (Checkin.received_at >= Kiosk.revoked_at),
        )
        .outerjoin(Member, Member.number == Checkin.member_number)
        .outerjoin(Kiosk, Kiosk.id == Checkin.kiosk_id)
        .where(Checkin.day >= first, Checkin.day < following, Checkin.annulled_at.is_(None))
        .order_by(Checkin.occurred_at, Checkin.id)
    ).all()

    def home_of(home_id: int | None) -> str:
        return NONE if home_id is None else slugs.get(home_id, str(home_id))

    guest_days: dict[int, list[tuple[int, date]]] = defaultdict(list)  # member -> (host, day) in order
    member_home: dict[int, tuple[int, str]] = {}
    overrides: Counter[tuple[str, str]] = Counter()
    day_passes: Counter[tuple[str, str]] = Counter()  # walk-in visitors admitted with a day pass
    denials: Counter[tuple[str, str]] = Counter()
    revoked: Counter[tuple[str, str]] = Counter()  # admitted, uploaded by a kiosk after its revocation
    for number, space_id, day, reason, admitted, counted, home_id, plan, after_revocation in rows:
        host = slugs.get(space_id, str(space_id))
        if admitted and counted and number is not None and home_id is not None and space_id != home_id:
            if (space_id, day) not in guest_days[number]:  # once per member, host space and date
                guest_days[number].append((space_id, day))
            member_home[number] = (home_id, plan)
        if admitted and reason == "staff_override":
            overrides[host, home_of(home_id)] += 1
        if admitted and reason == "day_pass":
            day_passes[host, NONE] += 1
        if not admitted:
            denials[host, reason] += 1
        if admitted and after_revocation:
            revoked[host, home_of(home_id)] += 1

    used: Counter[tuple[str, str]] = Counter()
    excess: Counter[tuple[str, str]] = Counter()
    for number, days in guest_days.items():
        home_id, plan = member_home[number]
        allowed = policy.guest_days_for(plan)
        for index, (space_id, _day) in enumerate(days):
            key = (slugs.get(space_id, str(space_id)), home_of(home_id))
            used[key] += 1
            if index >= allowed:  # beyond the allowance, in the order they happened
                excess[key] += 1

    report: list[ReportRow] = []
    report += _matrix("guest_days", used)
    report += _matrix("overshoot_days", excess)
    report += _matrix("overrides", overrides)
    report += _matrix("day_passes", day_passes)
    report += _denials(denials)
    if revoked:
        report += _matrix("revoked_uploads", revoked)
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
