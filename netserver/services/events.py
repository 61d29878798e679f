"""Events of the network's spaces (series share a `series_key`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import Event, Tombstone
from .errors import Invalid, NotFound
from .spaces import get_space

MAX_URL = 1000  # the column sizes
MAX_SOURCE_UID = 500


def _check(title: str, starts_at: datetime, ends_at: datetime, url: str) -> None:
    if not title.strip() or len(title) > 300:
        raise Invalid("an event needs a title of 1 to 300 characters")
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise Invalid("event times need a time zone offset")
    if ends_at < starts_at:
        raise Invalid("an event cannot end before it starts")
    if url and not url.startswith(("http://", "https://")):
        raise Invalid("an event URL must start with http:// or https://")
    if len(url) > MAX_URL:
        raise Invalid(f"an event URL may have at most {MAX_URL} characters")


def add_event(
    session: Session,
    *,
    space: int | str,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    description: str = "",
    url: str = "",
    series_key: str = "",
    cancelled: bool = False,
    source_uid: str | None = None,
) -> Event:
    """A new event; with `source_uid` (e.g. an iCalendar UID) an existing one is updated."""
    _check(title, starts_at, ends_at, url)
    if source_uid is not None and len(source_uid) > MAX_SOURCE_UID:
        raise Invalid(f"an event's source UID may have at most {MAX_SOURCE_UID} characters")
    space_id = get_space(session, space).id
    event = None
    if source_uid:
        event = session.scalar(select(Event).where(Event.source_uid == source_uid))
    if event is None:
        event = Event(source_uid=source_uid or None)
        session.add(event)
    event.space_id = space_id
    event.title = title.strip()
    event.starts_at = starts_at
    event.ends_at = ends_at
    event.description = description
    event.url = url
    event.series_key = series_key
    event.cancelled = cancelled
    session.flush()
    return event


def get_event(session: Session, event_id: int) -> Event:
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound(f"no event {event_id}")
    return event


def cancel_event(session: Session, event_id: int, cancelled: bool = True) -> Event:
    event = get_event(session, event_id)
    event.cancelled = cancelled
    session.flush()
    return event


def delete_event(session: Session, event_id: int) -> None:
    event = get_event(session, event_id)
    session.add(Tombstone(kind="event", object_id=event.id, space_id=event.space_id))
    session.delete(event)
    session.flush()


def list_events(session: Session, space_id: int | None = None) -> list[Event]:
    query = select(Event).order_by(Event.starts_at)
    if space_id is not None:
        query = query.where(Event.space_id == space_id)
    return list(session.scalars(query))
