"""Staff of a space: display name and a slow salted PIN hash (kiosk.core.pins).

The rules every caller (command line, API, web admin) gets from here:
- a PIN is 6 to 32 digits and not trivial (staff_rules.is_trivial);
- a PIN is not used by another staff member of the same space, disabled ones included (so
  enabling one again never collides): the kiosk unlocks the desk as the first staff member
  whose hash matches, so two people with one PIN would sign each other's actions. Checking
  means one slow hash per staff member of the space (200,000 PBKDF2 iterations each), the
  same work a kiosk does for a wrong PIN;
- a display name is not used twice in one space unless the caller says so (`allow_same_name`):
  staff pick their entry from the desk's list by name.
A disabled staff member stays in the roster with `active = False`; kiosks keep only active
staff's hashes (kiosk/store/store.py `staff_records`), so the PIN stops working at the next sync.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.pins import hash_pin, verify_pin

from ..db import Space, Staff
from .errors import Conflict, Forbidden, Invalid, NotFound
from .spaces import get_space
from .staff_rules import MAX_PIN_LENGTH, MIN_PIN_LENGTH, name_key, pin_problem

_ENGLISH = {
    "staff.pin_format": f"a staff PIN has {MIN_PIN_LENGTH} to {MAX_PIN_LENGTH} digits and nothing else",
    "staff.pin_trivial": "this PIN is too easy to guess (repeated digits or a run like 123456)",
}


def add_staff(
    session: Session, *, display_name: str, space: int | str, pin: str, allow_same_name: bool = False
) -> Staff:
    """A new active staff member; `Invalid` or `Conflict` (with a catalogue key) otherwise."""
    display_name = display_name.strip()
    if not display_name:
        raise Invalid("staff need a display name", key="staff.name_empty")
    row_space = get_space(session, space)
    if not allow_same_name:
        same = same_name(session, row_space.id, display_name)
        if same is not None:
            raise Conflict(
                f"space {row_space.slug} already has a staff member called {same.display_name!r}"
                f" (id {same.id})",
                {"reason": "name_taken", "staff_id": same.id},
                key="staff.name_taken",
                params={"space": row_space.name, "name": same.display_name, "id": same.id},
            )
    pin_hash = _checked_hash(session, row_space, pin, except_id=None)
    row = Staff(display_name=display_name, space_id=row_space.id, pin_hash=pin_hash, active=True)
    session.add(row)
    session.flush()
    return row


def add_demo_staff(session: Session, *, display_name: str, space: int | str, pin: str) -> Staff:
    """The demo network's staff, whose PINs are deliberately easy to remember (111111 ...,
    shown on the demo panel): only the format is checked. Nothing else may call this."""
    space_id = get_space(session, space).id
    row = Staff(display_name=display_name, space_id=space_id, pin_hash=hash_pin(pin), active=True)
    session.add(row)
    session.flush()
    return row


def same_name(session: Session, space_id: int, display_name: str) -> Staff | None:
    """The first staff member of the space whose name reads the same, if any."""
    wanted = name_key(display_name)
    for row in list_staff(session, space_id):
        if name_key(row.display_name) == wanted:
            return row
    return None


def get_staff(session: Session, staff_id: int) -> Staff:
    row = session.get(Staff, staff_id)
    if row is None:
        raise NotFound(f"no staff member {staff_id}", key="staff.not_found", params={"id": staff_id})
    return row


def set_staff_active(session: Session, staff_id: int, active: bool) -> Staff:
    row = get_staff(session, staff_id)
    row.active = active
    session.flush()
    return row


def set_staff_pin(session: Session, staff_id: int, pin: str) -> Staff:
    row = get_staff(session, staff_id)
    row.pin_hash = _checked_hash(session, session.get_one(Space, row.space_id), pin, except_id=row.id)
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


def _checked_hash(session: Session, space: Space, pin: str, *, except_id: int | None) -> str:
    problem = pin_problem(pin)
    if problem is not None:
        raise Invalid(
            _ENGLISH[problem],
            {"reason": problem.removeprefix("staff.")},
            key=problem,
            params={"min": MIN_PIN_LENGTH, "max": MAX_PIN_LENGTH},
        )
    for other in list_staff(session, space.id):
        if other.id != except_id and verify_pin(pin, other.pin_hash):
            raise Conflict(
                f"another staff member of space {space.slug} has this PIN",
                {"reason": "pin_taken"},
                key="staff.pin_taken",
                params={"space": space.name},
            )
    return hash_pin(pin)
