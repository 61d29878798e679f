"""Events and equipment for the web admin: upcoming events of a space, and the check that an
iCalendar import of a space manager touches only their own space."""

from __future__ import annotations

from datetime import datetime
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import Event
from ..importers import ical
from ..importers.ical_parse import ParsedCalendar
from .errors import Forbidden

SHOWN: Final = 300


def upcoming(session: Session, space_id: int | None, since: datetime, limit: int = SHOWN) -> list[Event]:
    query = select(Event).where(Event.ends_at >= since).order_by(Event.starts_at, Event.id).limit(limit)
    if space_id is not None:
        query = query.where(Event.space_id == space_id)
    return list(session.scalars(query))


def check_import_space(session: Session, parsed: ParsedCalendar, space_id: int) -> None:
    """Forbidden if importing `parsed` for `space_id` would add or change another space's event."""
    names, patterns = ical._space_index(session)
    for event in parsed.events:
        target = ical.resolve_space(event, names, patterns, space_id)
        if target is not None and target != space_id:
            raise Forbidden("the calendar has events of another space")
    if any(row.space_id != space_id for row in ical._existing(session, parsed).values()):
        raise Forbidden("the calendar changes events of another space")
