"""Upload of facts: offline check-ins, denials, overrides, manual check-ins.

Never refused for quota (admission is never taken back); an overshoot is recorded instead.
A batch is stored set-wise: one query for the nonces already known, one for the members (locked),
one for pending annulments, one per month for the members' usage and their overshoots, then
one flush (bulk insert, one change-sequence allocation). A rejected item never fails the
batch; the results are those of storing the items one by one, in order.

The door's truth wins: a fact whose nonce belongs to an online redeem at the same space (the
kiosk ran out of its budget, decided locally and showed that verdict, while the server still
completed the redeem) replaces the server's record when admitted, counted or reason differ,
and the member-month is settled again (an overshoot may grow, shrink or go). A nonce that
came from an upload before stays a duplicate (idempotent retries).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Collection
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.wire import CheckinRecord

from ..db import Annulment, AuditEntry, Checkin, FactConflict, Kiosk, Member
from . import skills
from .clock import utc_now
from .errors import Conflict, DomainError, Forbidden, NotFound
from .network import get_calendar
from .nonces import Prior, is_repeat, priors
from .settlement import fact_window, held_nonces, hold
from .usage import Use, chunks, counted_uses, lock_members, month_bounds, settle_overshoots

ANOTHER_SPACE = "this nonce belongs to a check-in at another space"
CheckinFact = CheckinRecord  # the record a kiosk uploads, defined once in kiosk.core.wire


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


def online_records(session: Session, nonces: Collection[str]) -> dict[str, Checkin]:
    """The online (redeemed, not uploaded) check-ins among `nonces`, loaded (and locked)."""
    found: dict[str, Checkin] = {}
    for batch in chunks(sorted(nonces)):
        query = select(Checkin).where(Checkin.nonce.in_(batch), Checkin.offline.is_(False)).with_for_update()
        found.update((row.nonce, row) for row in session.scalars(query))
    return found


def _differs(row: Checkin, fact: CheckinFact) -> bool:
    return (row.admitted, row.counted, row.reason) != (
        fact.admitted,
        fact.counted and fact.admitted,
        fact.reason,
    )


def _replace(
    row: Checkin, fact: CheckinFact, *, day: date, kiosk_id: int | None, now: datetime
) -> AuditEntry:
    """Make the online record `row` say what the door showed; the audit entry that notes it."""
    detail = (
        f"{row.nonce}: online {row.reason} admitted={row.admitted} counted={row.counted} -> "
        f"door {fact.reason} admitted={fact.admitted} counted={fact.counted and fact.admitted}"
    )
    row.reason, row.admitted, row.counted = fact.reason, fact.admitted, fact.counted and fact.admitted
    row.offline, row.occurred_at, row.day = True, fact.occurred_at, day
    row.verdict, row.replaced_at = None, now
    return AuditEntry(
        id=uuid.uuid4().hex, at=now, actor=f"kiosk:{kiosk_id}", space_id=fact.space_id,
        staff_id=fact.staff_id, action="checkin.replaced", detail=detail,
    )  # fmt: skip


def annulment_space(session: Session, annulment: Annulment) -> int | None:
    """The space an annulment was sent for: stored with it, or (older rows) its kiosk's."""
    if annulment.space_id is not None:
        return annulment.space_id
    kiosk = session.get(Kiosk, annulment.kiosk_id) if annulment.kiosk_id is not None else None
    return kiosk.space_id if kiosk is not None else None


def pending_annulments(session: Session, nonces: Collection[str]) -> dict[str, list[Annulment]]:
    """Annulments that arrived before their check-in, earliest first (of every space: the
    caller applies only those of the check-in's own space, `annulment_space`)."""
    found: dict[str, list[Annulment]] = defaultdict(list)
    for batch in chunks(nonces):
        query = (
            select(Annulment).where(Annulment.checkin_nonce.in_(batch)).order_by(Annulment.at, Annulment.id)
        )
        for annulment in session.scalars(query):
            found[annulment.checkin_nonce].append(annulment)
    return found


def _checkin(
    fact: CheckinFact, *, day: date, kiosk_id: int | None, now: datetime, popup_id: int | None = None
) -> Checkin:
    return Checkin(
        popup_id=popup_id,
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


def _settle(
    session: Session,
    members: dict[int, Member],
    new: list[Checkin],
    replaced: dict[str, tuple[Checkin, date]],
) -> None:
    """Overshoots of the member-months that got a new counted guest day, counted once per
    member-month with the stored uses plus the batch's (which follow them in storage order).
    Member-months with a replaced record (`replaced`: nonce -> row, its day before) are settled
    with `shrink`, in the old and the new month, with the rows as replaced."""
    touched: dict[date, set[int]] = defaultdict(set)  # month -> member numbers
    shrinking: dict[date, set[int]] = defaultdict(set)
    for checkin in new:
        if checkin.member_number is not None and checkin.counted and checkin.annulled_at is None:
            touched[month_bounds(checkin.day)[0]].add(checkin.member_number)
    for row, old_day in replaced.values():
        if row.member_number is not None:
            for day in (old_day, row.day):
                touched[month_bounds(day)[0]].add(row.member_number)
                shrinking[month_bounds(day)[0]].add(row.member_number)
    for month, numbers in sorted(touched.items()):
        uses = counted_uses(session, numbers, month)  # before the batch is added: no autoflush
        following = month_bounds(month)[1]
        if replaced:  # the database still has the online verdicts: use the rows as replaced
            for who in numbers:
                uses[who] = [use for use in uses[who] if use.nonce not in replaced]
            for row, _ in replaced.values():
                owner = row.member_number
                if (
                    owner is not None
                    and owner in numbers
                    and row.counted
                    and row.annulled_at is None
                    and month <= row.day < following
                ):
                    uses[owner].append(Use(row.occurred_at, row.id, row.nonce, row.space_id, row.day))
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
        grow = numbers - shrinking[month]
        settle_overshoots(session, {n: members[n] for n in grow}, month, uses, shrink=False)
        shrink = numbers & shrinking[month]
        settle_overshoots(session, {n: members[n] for n in shrink}, month, uses, shrink=True)


def store_facts(
    session: Session, facts: list[CheckinFact], *, space_id: int, kiosk_id: int | None
) -> list[dict[str, Any]]:
    now = utc_now()
    calendar = get_calendar(session)
    known = priors(session, {fact.nonce for fact in facts})
    members = lock_members(
        session,
        {
            fact.member_number
            for fact in facts
            if fact.member_number is not None and fact.space_id == space_id
            and (fact.nonce not in known or (known[fact.nonce].online and fact.offline))
        },
    )  # fmt: skip
    online = online_records(
        session,
        {
            fact.nonce
            for fact in facts
            if fact.nonce in known and known[fact.nonce].online and fact.offline and fact.space_id == space_id
        },
    )
    seen = dict(known)
    kiosk = session.get(Kiosk, kiosk_id) if kiosk_id is not None else None
    window = fact_window(session, facts, enrolled_at=kiosk.created_at if kiosk else None, now=now)
    popup_id = kiosk.popup_id if kiosk is not None else None  # a pop-up's kiosk: visits there
    held = held_nonces(session, [fact.nonce for fact in facts])
    results: list[dict[str, Any]] = []
    new: list[Checkin] = []
    conflicts: list[FactConflict] = []
    replaced: dict[str, tuple[Checkin, date]] = {}
    audits: list[AuditEntry] = []
    for fact in facts:
        row = online.get(fact.nonce)
        problem = window.problem(fact.occurred_at)
        if fact.nonce in held:  # held for staff before: a retry
            if held[fact.nonce] == space_id:
                results.append(item_result(fact.nonce, "duplicate"))
            else:
                results.append(item_result(fact.nonce, "rejected", Conflict(ANOTHER_SPACE)))
            continue
        if (
            row is not None
            and problem is None
            and fact.nonce not in replaced
            and fact.offline
            and row.space_id == fact.space_id == space_id
            and row.member_number == fact.member_number
            and _differs(row, fact)
        ):
            old_day = row.day
            audits.append(
                _replace(row, fact, day=calendar.local_date(fact.occurred_at), kiosk_id=kiosk_id, now=now)
            )
            replaced[fact.nonce] = (row, old_day)
            results.append(item_result(fact.nonce, "stored"))
            continue
        try:
            if is_repeat(seen.get(fact.nonce), fact.space_id):
                results.append(item_result(fact.nonce, "duplicate"))
                continue
            if fact.space_id != space_id:
                raise Forbidden(f"this kiosk acts only for space {space_id}")
            if fact.member_number is not None and fact.member_number not in members:
                raise NotFound(f"no member {fact.member_number}")
        except DomainError as exc:
            results.append(item_result(fact.nonce, "rejected", exc))
            continue
        seen[fact.nonce] = Prior(fact.space_id, online=False)
        if problem is not None and row is None:  # not counted: held for staff
            conflicts.append(hold(fact, problem, kiosk_id=kiosk_id, now=now))
            held[fact.nonce] = space_id
            results.append(item_result(fact.nonce, "stored"))
            continue
        day = calendar.local_date(fact.occurred_at)
        new.append(_checkin(fact, day=day, kiosk_id=kiosk_id, now=now, popup_id=popup_id))
        results.append(item_result(fact.nonce, "stored"))
    if new or replaced:
        with session.no_autoflush:  # all changes (replaced rows too) go out in the one flush below
            annulments = pending_annulments(session, [checkin.nonce for checkin in new])
            for checkin in new:
                for annulment in annulments.get(checkin.nonce, ()):
                    if annulment_space(session, annulment) == checkin.space_id:
                        apply_annulment(checkin, annulment)
            _settle(session, members, new, replaced)
        session.add_all(new)
        session.add_all(audits)
        session.flush()
    if conflicts:
        session.add_all(conflicts)
        session.flush()
    skills.on_admitted(
        session,
        [
            (c.member_number, c.space_id, c.day)
            for c in new
            if c.admitted and c.member_number is not None and c.annulled_at is None
        ],
    )
    return results
