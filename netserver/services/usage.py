"""A member's network-wide usage: the visits the rules see, and overshoot detection.

An overshoot (member, month) lists the member's counted, admitted, not annulled check-ins of
the month away from the home space, in time order, when they use more guest days (distinct
host space and date, like the rules) than the plan allows. It is settled after every change
of that usage: grown by uploaded facts, shrunk or deleted (with a tombstone) by annulments.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.models import Visit

from ..db import Checkin, Member, Overshoot, Tombstone
from .clock import utc_now
from .network import get_policy

CHUNK = 500  # bound parameters per IN (...) list, well below SQLite's limit
T = TypeVar("T")


def chunks(values: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    batch: list[T] = []
    for value in values:
        batch.append(value)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def month_bounds(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    following = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return first, following


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


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


def lock_members(session: Session, numbers: Collection[int]) -> dict[int, Member]:
    """Several member rows at once, locked in number order (see `lock_member`)."""
    found: dict[int, Member] = {}
    for batch in chunks(sorted(numbers)):
        query = select(Member).where(Member.number.in_(batch)).order_by(Member.number).with_for_update()
        found.update((member.number, member) for member in session.scalars(query))
    return found


@dataclass(frozen=True, slots=True, order=True)
class Use:
    """One counted guest-day check-in, ordered by time (then by storage order)."""

    occurred_at: datetime
    order: int
    nonce: str
    space_id: int
    day: date


def counted_uses(session: Session, numbers: Collection[int], day: date) -> dict[int, list[Use]]:
    """Counted, admitted, not annulled check-ins in the month of `day`, per member (any space)."""
    first, following = month_bounds(day)
    uses: dict[int, list[Use]] = {number: [] for number in numbers}
    for batch in chunks(sorted(numbers)):
        rows = session.execute(
            select(
                Checkin.member_number, Checkin.occurred_at, Checkin.id, Checkin.nonce, Checkin.space_id,
                Checkin.day,
            ).where(
                Checkin.member_number.in_(batch),
                Checkin.admitted.is_(True),
                Checkin.counted.is_(True),
                Checkin.annulled_at.is_(None),
                Checkin.day >= first,
                Checkin.day < following,
            )
        )  # fmt: skip
        for number, occurred_at, row_id, nonce, space_id, visit_day in rows:
            assert number is not None
            uses[number].append(Use(occurred_at, row_id, nonce, space_id, visit_day))
    return uses


def settle_overshoots(
    session: Session,
    members: Mapping[int, Member],
    month: date,
    uses: Mapping[int, list[Use]],
    *,
    shrink: bool,
) -> list[Overshoot]:
    """Bring the overshoots of `members` in the month of `month` in line with `uses` (all their
    counted uses of that month): create or update where the allowance is exceeded; with
    `shrink`, delete those back within the allowance. Returns the overshoots that remain.

    Changes are only added to the session; the caller flushes (one change-sequence allocation).
    """
    policy = get_policy(session)
    key = month_key(month)
    existing: dict[int, Overshoot] = {}
    for batch in chunks(sorted(members)):
        query = select(Overshoot).where(Overshoot.member_number.in_(batch), Overshoot.month == key)
        existing.update((row.member_number, row) for row in session.scalars(query))
    kept = []
    for number, member in members.items():
        away = sorted(use for use in uses.get(number, ()) if use.space_id != member.home_space_id)
        used = len({(use.space_id, use.day) for use in away})
        allowed = policy.guest_days_for(member.plan_code)
        overshoot = existing.get(number)
        if used <= allowed:
            if shrink and overshoot is not None:
                session.add(Tombstone(kind="overshoot", object_id=overshoot.id))
                session.delete(overshoot)
            continue
        space_ids = sorted({use.space_id for use in away})
        nonces = [use.nonce for use in away]
        if overshoot is None:
            overshoot = Overshoot(member_number=number, month=key, detected_at=utc_now())
            session.add(overshoot)
        if (overshoot.nonces, overshoot.used, overshoot.allowed) != (nonces, used, allowed):
            overshoot.space_ids, overshoot.nonces = space_ids, nonces
            overshoot.allowed, overshoot.used = allowed, used
        kept.append(overshoot)
    return kept


def check_overshoot(session: Session, member: Member, day: date, *, shrink: bool = False) -> Overshoot | None:
    """Record, update (or with `shrink` delete) the overshoot of the member's month of `day`."""
    session.flush()
    uses = counted_uses(session, [member.number], day)
    kept = settle_overshoots(session, {member.number: member}, day, uses, shrink=shrink)
    session.flush()
    return kept[0] if kept else None
