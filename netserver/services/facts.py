"""Upload of facts: offline check-ins, denials, overrides, manual check-ins.

Never refused for quota (admission is never taken back); an overshoot is recorded instead.
A batch is stored set-wise: one query for the nonces already known, one for the members (locked),
one for pending annulments, one per month for the members' usage and their overshoots, then
one flush (bulk insert, one change-sequence allocation). A rejected item never fails the
batch; the results are those of storing the items one by one, in order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import Annulment, Checkin, Member
from ..db.sequence import serialize_writes
from .clock import utc_now
from .errors import DomainError, Forbidden, NotFound
from .network import get_calendar
from .usage import Use, chunks, counted_uses, lock_members, month_bounds, settle_overshoots


@dataclass(frozen=True, slots=True)
class CheckinFact:
    nonce: str
    occurred_at: datetime
    space_id: int
    reason: str
    admitted: bool
    counted: bool
    offline: bool
    method: str
    member_number: int | None = None
    pass_serial: int | None = None
    day_pass_valid_on: date | None = None
    day_pass_number: int | None = None
    staff_id: int | None = None
    override_reason: str | None = None


def item_result(item_id: str, status: str, error: DomainError | None = None) -> dict[str, Any]:
    result: dict[str, Any] = {"id": item_id, "status": status}
    if error is not None:
        result["error"] = {"code": error.code, "message": error.message}
    return result


def apply_annulment(checkin: Checkin, annulment: Annulment) -> None:
    if checkin.annulled_at is None:
        checkin.annulled_at = annulment.at
        checkin.annulled_by = annulment.staff_id
        checkin.annul_reason = annulment.reason


def known_nonces(session: Session, nonces: Collection[str]) -> set[str]:
    known: set[str] = set()
    for batch in chunks(nonces):
        known.update(session.scalars(select(Checkin.nonce).where(Checkin.nonce.in_(batch))))
    return known


def pending_annulments(session: Session, nonces: Collection[str]) -> dict[str, list[Annulment]]:
    """Annulments that arrived before their check-in, earliest first."""
    found: dict[str, list[Annulment]] = defaultdict(list)
    for batch in chunks(nonces):
        query = (
            select(Annulment).where(Annulment.checkin_nonce.in_(batch)).order_by(Annulment.at, Annulment.id)
        )
        for annulment in session.scalars(query):
            found[annulment.checkin_nonce].append(annulment)
    return found


def _checkin(fact: CheckinFact, *, day: date, kiosk_id: int | None, now: datetime) -> Checkin:
    return Checkin(
        nonce=fact.nonce,
        member_number=fact.member_number,
        pass_serial=fact.pass_serial,
        day_pass_valid_on=fact.day_pass_valid_on,
        day_pass_number=fact.day_pass_number,
        space_id=fact.space_id,
        occurred_at=fact.occurred_at,
        day=day,
        kiosk_id=kiosk_id,
        reason=fact.reason,
        admitted=fact.admitted,
        counted=fact.counted and fact.admitted,
        offline=fact.offline,
        method=fact.method,
        staff_id=fact.staff_id,
        override_reason=fact.override_reason,
        verdict=None,
        received_at=now,
        annulled_at=None,
        annulled_by=None,
        annul_reason=None,
    )


def _settle(session: Session, members: dict[int, Member], new: list[Checkin]) -> None:
    """Overshoots of the member-months that got a new counted guest day, counted once per
    member-month with the stored uses plus the batch's (which follow them in storage order)."""
    touched: dict[date, set[int]] = defaultdict(set)  # month -> member numbers
    for checkin in new:
        if checkin.member_number is not None and checkin.counted and checkin.annulled_at is None:
            touched[month_bounds(checkin.day)[0]].add(checkin.member_number)
    for month, numbers in sorted(touched.items()):
        uses = counted_uses(session, numbers, month)  # before the batch is added: no autoflush
        following = month_bounds(month)[1]
        for order, checkin in enumerate(new, start=1 << 62):
            number = checkin.member_number
            if (
                number in numbers
                and checkin.counted
                and checkin.annulled_at is None
                and month <= checkin.day < following
            ):
                uses[number].append(
                    Use(checkin.occurred_at, order, checkin.nonce, checkin.space_id, checkin.day)
                )
        settle_overshoots(session, {n: members[n] for n in numbers}, month, uses, shrink=False)


def store_facts(
    session: Session, facts: list[CheckinFact], *, space_id: int, kiosk_id: int | None
) -> list[dict[str, Any]]:
    serialize_writes(session)
    now = utc_now()
    calendar = get_calendar(session)
    seen = known_nonces(session, {fact.nonce for fact in facts})
    members = lock_members(
        session,
        {
            fact.member_number
            for fact in facts
            if fact.member_number is not None and fact.nonce not in seen and fact.space_id == space_id
        },
    )
    results: list[dict[str, Any]] = []
    new: list[Checkin] = []
    for fact in facts:
        if fact.nonce in seen:
            results.append(item_result(fact.nonce, "duplicate"))
            continue
        try:
            if fact.space_id != space_id:
                raise Forbidden(f"this kiosk acts only for space {space_id}")
            if fact.member_number is not None and fact.member_number not in members:
                raise NotFound(f"no member {fact.member_number}")
        except DomainError as exc:
            results.append(item_result(fact.nonce, "rejected", exc))
            continue
        seen.add(fact.nonce)
        new.append(_checkin(fact, day=calendar.local_date(fact.occurred_at), kiosk_id=kiosk_id, now=now))
        results.append(item_result(fact.nonce, "stored"))
    if new:
        annulments = pending_annulments(session, [checkin.nonce for checkin in new])
        for checkin in new:
            for annulment in annulments.get(checkin.nonce, ()):
                apply_annulment(checkin, annulment)
        with session.no_autoflush:  # all changes go out in the one flush below
            _settle(session, members, new)
        session.add_all(new)
        session.flush()
    return results
