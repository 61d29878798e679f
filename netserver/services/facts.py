"""Upload of facts: offline check-ins, denials, overrides, manual check-ins.

Never refused for quota (admission is never taken back); an overshoot is recorded instead.
Each item is stored in its own savepoint, so one rejected item never fails the batch.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import Annulment, Checkin
from ..db.sequence import serialize_writes
from .clock import utc_now
from .errors import DomainError, Forbidden, NotFound
from .network import get_calendar
from .redeem import find_checkin
from .usage import check_overshoot, lock_member


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


def _store(session: Session, fact: CheckinFact, *, space_id: int, kiosk_id: int | None, now: datetime) -> str:
    if find_checkin(session, fact.nonce) is not None:
        return "duplicate"
    if fact.space_id != space_id:
        raise Forbidden(f"this kiosk acts only for space {space_id}")
    member = None
    if fact.member_number is not None:
        member = lock_member(session, fact.member_number)
        if member is None:
            raise NotFound(f"no member {fact.member_number}")
    checkin = Checkin(
        nonce=fact.nonce,
        member_number=fact.member_number,
        pass_serial=fact.pass_serial,
        day_pass_valid_on=fact.day_pass_valid_on,
        day_pass_number=fact.day_pass_number,
        space_id=fact.space_id,
        occurred_at=fact.occurred_at,
        day=get_calendar(session).local_date(fact.occurred_at),
        kiosk_id=kiosk_id,
        reason=fact.reason,
        admitted=fact.admitted,
        counted=fact.counted and fact.admitted,
        offline=fact.offline,
        method=fact.method,
        staff_id=fact.staff_id,
        override_reason=fact.override_reason,
        received_at=now,
    )
    session.add(checkin)
    for annulment in session.scalars(select(Annulment).where(Annulment.checkin_nonce == fact.nonce)):
        apply_annulment(checkin, annulment)
    session.flush()
    if member is not None and checkin.counted and checkin.annulled_at is None:
        check_overshoot(session, member, checkin.day)
    return "stored"


def store_facts(
    session: Session, facts: list[CheckinFact], *, space_id: int, kiosk_id: int | None
) -> list[dict[str, Any]]:
    serialize_writes(session)
    now = utc_now()
    results = []
    for fact in facts:
        try:
            with session.begin_nested():
                status = _store(session, fact, space_id=space_id, kiosk_id=kiosk_id, now=now)
            results.append(item_result(fact.nonce, status))
        except DomainError as exc:
            results.append(item_result(fact.nonce, "rejected", exc))
    return results
