"""Staff of a space: display name and a slow salted PIN hash (kiosk.core.pins)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.pins import InvalidPin, hash_pin

from ..db import Staff
from .errors import Forbidden, Invalid, NotFound
from .spaces import get_space


def add_staff(session: Session, *, display_name: str, space: int | str, pin: str) -> Staff:
    display_name = display_name.strip()
    if not display_name:
        raise Invalid("staff need a display name")
    try:
        pin_hash = hash_pin(pin)
    except InvalidPin as exc:
        raise Invalid(str(exc)) from None
    row = Staff(
        display_name=display_name, space_id=get_space(session, space).id, pin_hash=pin_hash, active=True
    )
    session.add(row)
    session.flush()
    return row


def get_staff(session: Session, staff_id: int) -> Staff:
    row = session.get(Staff, staff_id)
    if row is None:
        raise NotFound(f"no staff member {staff_id}")
    return row


def set_staff_active(session: Session, staff_id: int, active: bool) -> Staff:
    row = get_staff(session, staff_id)
    row.active = active
    session.flush()
    return row


def set_staff_pin(session: Session, staff_id: int, pin: str) -> Staff:
    row = get_staff(session, staff_id)
    try:
        row.pin_hash = hash_pin(pin)
    except InvalidPin as exc:
        raise Invalid(str(exc)) from None
    session.flush()
    return row


def list_staff(session: Session, space_id: int | None = None) -> list[Staff]:
    query = select(Staff).order_by(Staff.id)
    if space_id is not None:
        query = query.where(Staff.space_id == space_id)
    return list(session.scalars(query))


def check_staff_of_space(session: Session, staff_id: int | None, space_id: int) -> None:
    """Forbidden unless `staff_id` (if given) is staff of `space_id`. Deactivated staff count:
    a kiosk may upload, after an offline period, what they did while still active."""
    if staff_id is None:
        return
    staff = session.get(Staff, staff_id)
    if staff is None or staff.space_id != space_id:
        raise Forbidden(f"staff {staff_id} is not staff of this kiosk's space")
