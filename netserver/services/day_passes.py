"""Day passes that kiosks issued (offline too): stored once by id, whichever way they arrive first.

A day pass comes to the server in the kiosk's upload batch, or, when it is scanned at the kiosk
that sold it before that upload, along with the redeem (services/redeem.py): both go through
`store_day_pass`, so the second arrival is a "duplicate", never a second pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import DayPassRow
from .errors import Conflict, Forbidden


@dataclass(frozen=True, slots=True)
class DayPassItem:
    id: str
    space_id: int
    valid_on: date
    number: int
    secret_hash: str
    issued_at: datetime
    staff_id: int | None = None
    note: str = ""


def store_day_pass(session: Session, item: DayPassItem, *, space_id: int) -> str:
    """ "stored" or "duplicate" (same id); Forbidden for another space, Conflict for a different
    pass with this space, date and number."""
    if session.get(DayPassRow, item.id) is not None:
        return "duplicate"
    if item.space_id != space_id:
        raise Forbidden(f"this kiosk issues day passes only for space {space_id}")
    clash = session.scalar(
        select(DayPassRow.id).where(
            DayPassRow.space_id == item.space_id,
            DayPassRow.valid_on == item.valid_on,
            DayPassRow.number == item.number,
        )
    )
    if clash is not None:
        raise Conflict("another day pass has this space, date and number")
    session.add(
        DayPassRow(
            id=item.id,
            space_id=item.space_id,
            valid_on=item.valid_on,
            number=item.number,
            secret_hash=item.secret_hash,
            issued_at=item.issued_at,
            staff_id=item.staff_id,
            note=item.note,
        )
    )
    session.flush()
    return "stored"
