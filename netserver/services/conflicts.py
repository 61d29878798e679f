"""Staff's decision on a held fact (services/settlement.py): count it, or dismiss it.

- **count**: the fact is stored as the check-in it describes, at its recorded time, through
  the same path as an upload (`facts.store_facts`: overshoots, annulments that waited for it).
  Refused while its time is still later than the server's, and for a closed month (its counts
  do not change; `month_closed` can only be dismissed).
- **dismiss**: it stays held and uncounted, marked as decided.

Either way the row is kept with who decided and when, and the decision is in the audit log. A
kiosk that sends the fact again gets `duplicate` (a counted one is a check-in by then).
"""

from __future__ import annotations

from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.wire import CheckinRecord

from ..db import Checkin, FactConflict
from . import audit
from .clock import utc_now
from .errors import Conflict, Invalid, NotFound
from .facts import store_facts
from .settlement import fact_window

COUNTED: Final = "counted"
DISMISSED: Final = "dismissed"
LIMIT: Final = 500


def held(session: Session, space_id: int | None = None, *, decided: bool = False) -> list[FactConflict]:
    """Held facts, oldest first: those still waiting (or, with `decided`, those decided)."""
    query = select(FactConflict).order_by(FactConflict.received_at, FactConflict.id).limit(LIMIT)
    query = query.where(
        FactConflict.resolution.is_not(None) if decided else FactConflict.resolution.is_(None)
    )
    if space_id is not None:
        query = query.where(FactConflict.space_id == space_id)
    return list(session.scalars(query))


def get_conflict(session: Session, conflict_id: int) -> FactConflict:
    row = session.get(FactConflict, conflict_id)
    if row is None:
        raise NotFound(f"no held fact {conflict_id}")
    return row


def _decide(session: Session, row: FactConflict, actor: str, resolution: str) -> None:
    if row.resolution is not None:
        raise Conflict(f"held fact {row.id} was decided already ({row.resolution})")
    row.resolution, row.resolved_at, row.resolved_by = resolution, utc_now(), actor
    member = f"member {row.member_number}: " if row.member_number is not None else ""
    audit.record(
        session,
        actor=actor,
        action=f"conflict.{resolution}",
        space_id=row.space_id,
        detail=f"{member}held fact {row.id} ({row.problem}) nonce={row.nonce}",
    )


def dismiss(session: Session, row: FactConflict, actor: str) -> None:
    _decide(session, row, actor, DISMISSED)
    session.flush()


def count(session: Session, row: FactConflict, actor: str) -> None:
    """Store the held fact as a check-in (see the module text for when it is refused)."""
    fact = CheckinRecord.from_wire(row.fact)
    now = utc_now()
    problem = fact_window(session, [fact], enrolled_at=None, now=now).problem(fact.occurred_at)
    if problem is not None:
        raise Invalid(f"this fact cannot be counted: {problem[1]}")
    _decide(session, row, actor, COUNTED)
    session.flush()  # held_nonces no longer holds it back
    # no kiosk: its enrollment time is what held a `before_enrollment` fact back, and staff
    # have judged that; the check-in names its kiosk all the same
    result = store_facts(session, [fact], space_id=row.space_id, kiosk_id=None)[0]
    if result["status"] == "rejected":
        raise Invalid(f"this fact cannot be counted: {result['error']['message']}")
    stored = session.scalar(select(Checkin).where(Checkin.nonce == row.nonce))
    if stored is not None and stored.kiosk_id is None:
        stored.kiosk_id = row.kiosk_id
        session.flush()
