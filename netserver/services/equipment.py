"""Shared equipment per space and its status board."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import Equipment, Tombstone
from .clock import utc_now
from .errors import Invalid, NotFound
from .spaces import get_space

STATUSES = ("ok", "out_of_order", "maintenance")


def check_status(status: str) -> str:
    if status not in STATUSES:
        raise Invalid(f"equipment status must be one of {', '.join(STATUSES)}")
    return status


def add_equipment(
    session: Session, *, space: int | str, name: str, category: str = "", status: str = "ok", note: str = ""
) -> Equipment:
    if not name.strip():
        raise Invalid("equipment needs a name")
    item = Equipment(
        space_id=get_space(session, space).id,
        name=name.strip(),
        category=category.strip(),
        status=check_status(status),
        note=note,
        status_at=utc_now(),
    )
    session.add(item)
    session.flush()
    return item


def get_equipment(session: Session, equipment_id: int) -> Equipment:
    item = session.get(Equipment, equipment_id)
    if item is None:
        raise NotFound(f"no equipment {equipment_id}")
    return item


def set_equipment_status(
    session: Session, equipment_id: int, status: str, note: str = "", at: datetime | None = None
) -> Equipment:
    """Last change by time wins: an older change arriving late does not overwrite a newer one."""
    item = get_equipment(session, equipment_id)
    check_status(status)
    at = at or utc_now()
    if item.status_at is None or at >= item.status_at:
        item.status, item.note, item.status_at = status, note, at
        session.flush()
    return item


def delete_equipment(session: Session, equipment_id: int) -> None:
    item = get_equipment(session, equipment_id)
    session.add(Tombstone(kind="equipment", object_id=item.id, space_id=item.space_id))
    session.delete(item)
    session.flush()


def list_equipment(session: Session, space_id: int | None = None) -> list[Equipment]:
    query = select(Equipment).order_by(Equipment.space_id, Equipment.id)
    if space_id is not None:
        query = query.where(Equipment.space_id == space_id)
    return list(session.scalars(query))
