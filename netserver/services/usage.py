"""A member's network-wide usage: the visits the rules see, and overshoot detection."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.models import Visit

from ..db import Checkin, Member, Overshoot
from .clock import utc_now
from .network import get_policy


def month_bounds(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    following = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return first, following


def member_visits(session: Session, member_number: int, day: date) -> list[Visit]:
    """Admitted, not annulled check-ins of the member in the calendar month of `day`."""
    first, following = month_bounds(day)
    rows = session.execute(
        select(Checkin.space_id, Checkin.day, Checkin.counted).where(
            Checkin.member_number == member_number,
            Checkin.admitted.is_(True),
            Checkin.annulled_at.is_(None),
            Checkin.day >= first,
            Checkin.day < following,
        )
    )
    return [Visit(member_number, space_id, visit_day, counted) for space_id, visit_day, counted in rows]


def lock_member(session: Session, member_number: int) -> Member | None:
    """The member row, locked until commit (PostgreSQL; SQLite holds the write lock already)."""
    return session.scalar(select(Member).where(Member.number == member_number).with_for_update())


def check_overshoot(session: Session, member: Member, day: date) -> Overshoot | None:
    """Record (or update) an overshoot if the member's counted guest days in the month of
    `day` exceed the allowance. Counts once per host space and date, like the rules."""
    allowed = get_policy(session).guest_days_for(member.plan_code)
    first, following = month_bounds(day)
    rows = session.execute(
        select(Checkin.nonce, Checkin.space_id, Checkin.day)
        .where(
            Checkin.member_number == member.number,
            Checkin.admitted.is_(True),
            Checkin.counted.is_(True),
            Checkin.annulled_at.is_(None),
            Checkin.space_id != member.home_space_id,
            Checkin.day >= first,
            Checkin.day < following,
        )
        .order_by(Checkin.occurred_at)
    ).all()
    used = len({(space_id, visit_day) for _, space_id, visit_day in rows})
    if used <= allowed:
        return None
    month = f"{first.year:04d}-{first.month:02d}"
    overshoot = session.scalar(
        select(Overshoot).where(Overshoot.member_number == member.number, Overshoot.month == month)
    )
    space_ids = sorted({space_id for _, space_id, _ in rows})
    nonces = [nonce for nonce, _, _ in rows]
    if overshoot is None:
        overshoot = Overshoot(member_number=member.number, month=month, detected_at=utc_now())
        session.add(overshoot)
    elif overshoot.nonces == nonces and overshoot.used == used:
        return overshoot
    overshoot.space_ids, overshoot.nonces = space_ids, nonces
    overshoot.allowed, overshoot.used = allowed, used
    session.flush()
    return overshoot
