"""The report counted by the database (services/report.py) equals the row-by-row reference it
replaced (kept here verbatim), on a random month of check-ins: guest days, the excess ones in
the order they happened, overrides, day passes, denials, annulled and replaced rows."""

from __future__ import annotations

import random
import uuid
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from netserver.db import Checkin, Kiosk, Member, Space
from netserver.services import members
from netserver.services.network import get_policy
from netserver.services.report import NONE, ReportRow, _denials, _matrix, build_report

from .conftest import AdminWorld


def reference_report(session: Session, year: int, month: int) -> list[ReportRow]:
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
            Checkin.day_pass_number,
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
    passes_seen: set[tuple[int, date, int | None]] = set()  # one per pass, however often scanned
    denials: Counter[tuple[str, str]] = Counter()
    revoked: Counter[tuple[str, str]] = Counter()  # admitted, uploaded by a kiosk after its revocation
    for number, space_id, day, reason, admitted, counted, home_id, plan, after_revocation, pass_no in rows:
        host = slugs.get(space_id, str(space_id))
        if admitted and counted and number is not None and home_id is not None and space_id != home_id:
            if (space_id, day) not in guest_days[number]:  # once per member, host space and date
                guest_days[number].append((space_id, day))
            member_home[number] = (home_id, plan)
        if admitted and reason == "staff_override":
            overrides[host, home_of(home_id)] += 1
        if admitted and reason == "day_pass" and (space_id, day, pass_no) not in passes_seen:
            passes_seen.add((space_id, day, pass_no))
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


def test_the_sql_report_equals_the_row_by_row_reference(admin_world: AdminWorld) -> None:
    rng = random.Random(7)
    db = admin_world.world.db
    with db.write() as session:
        numbers = [
            members.add_member(session, display_name=f"M{i}", home_space=1 + i % 3).number for i in range(40)
        ]
        start = datetime(2026, 11, 1, 7, tzinfo=UTC)
        for _ in range(1500):
            at = start + timedelta(minutes=rng.randrange(29 * 24 * 60))
            number = rng.choice([*numbers, None]) if rng.random() < 0.95 else None
            reason = rng.choice(["guest_day", "home_member", "staff_override", "day_pass", "guest_days_used"])
            admitted = reason != "guest_days_used"
            session.add(
                Checkin(
                    nonce=uuid.uuid4().hex,
                    member_number=number,
                    space_id=1 + rng.randrange(3),
                    occurred_at=at,
                    day=at.date(),
                    reason=reason,
                    day_pass_number=rng.randrange(4) if reason == "day_pass" else None,
                    admitted=admitted,
                    counted=admitted and rng.random() < 0.6,
                    received_at=at,
                    annulled_at=at if rng.random() < 0.05 else None,
                )
            )
    with db.read() as session:
        for month in (10, 11, 12):
            assert build_report(session, 2026, month) == reference_report(session, 2026, month)
        assert any(r.section == "overshoot_days" and r.count > 0 for r in build_report(session, 2026, 11))
