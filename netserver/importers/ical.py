"""iCalendar import: parse (ical_parse), resolve each event's space, then upsert all-or-nothing.

Re-importing a file updates the events it created (keyed by UID and recurrence id, the
`source_uid` column) instead of duplicating them; an instance that vanished from a series
still in the file (a new EXDATE, a shortened RRULE) is marked cancelled.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from netserver.db import Event, Space
from netserver.services.errors import DomainError
from netserver.services.events import add_event
from netserver.services.network import get_network

from .ical_parse import IcsError, IcsEvent, ParsedCalendar, default_window, parse_ics, series_key_for

__all__ = [
    "EventImportError",
    "EventImportSummary",
    "IcsError",
    "IcsEvent",
    "ParsedCalendar",
    "apply_events",
    "default_window",
    "import_ics",
    "parse_ics",
    "series_key_for",
]


class EventImportError(ValueError):
    """Events that cannot be stored (no space for them, ...). Nothing was written."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True, slots=True)
class EventImportSummary:
    created: int
    updated: int
    unchanged: int
    cancelled: int  # instances gone from the file since the last import
    warnings: tuple[str, ...] = ()


def import_ics(
    session: Session, data: bytes | str, *, today: date, default_space: str | None = None
) -> EventImportSummary:
    """Read `data` in the network's time zone over the default window around `today`."""
    network = get_network(session)
    window = default_window(today, network.timezone)
    parsed = parse_ics(data, timezone=network.timezone, window=window)
    return apply_events(session, parsed, default_space=default_space)


def _space_index(session: Session) -> tuple[dict[str, int], list[tuple[re.Pattern[str], int]]]:
    names: dict[str, int] = {}
    patterns: list[tuple[re.Pattern[str], int]] = []
    for space in session.scalars(select(Space)):
        for word in {space.slug, space.name, space.town} - {""}:
            names[word.casefold()] = space.id
            patterns.append((re.compile(rf"(?<!\w){re.escape(word.casefold())}(?!\w)"), space.id))
    return names, patterns


def resolve_space(
    event: IcsEvent,
    names: dict[str, int],
    patterns: list[tuple[re.Pattern[str], int]],
    default: int | None,
) -> int | None:
    """X-SPACE (slug, name or town), else the --space default, else a LOCATION naming exactly
    one space."""
    if event.space_hint:
        return names.get(event.space_hint.casefold())
    if default is not None:
        return default
    location = event.location.casefold()
    found = {space_id for pattern, space_id in patterns if pattern.search(location)}
    return found.pop() if len(found) == 1 else None


def apply_events(
    session: Session, parsed: ParsedCalendar, *, default_space: str | None = None
) -> EventImportSummary:
    names, patterns = _space_index(session)
    default: int | None = None
    if default_space is not None:
        default = names.get(default_space.strip().casefold())
        if default is None:
            raise EventImportError([f"unknown space {default_space!r}"])
    problems: list[str] = []
    resolved: list[tuple[IcsEvent, int]] = []
    for event in parsed.events:
        space_id = resolve_space(event, names, patterns, default)
        if space_id is None:
            when = event.starts_at.strftime("%Y-%m-%d %H:%M UTC")
            why = f"X-SPACE {event.space_hint!r} is not a space" if event.space_hint else "no space for it"
            problems.append(f"event {event.title!r} on {when}: {why} (use --space SLUG or X-SPACE)")
        else:
            resolved.append((event, space_id))
    if problems:
        raise EventImportError(problems)
    known = _existing(session, parsed)
    created = updated = 0
    seen: set[str] = set()
    for event, space_id in resolved:
        seen.add(event.source_uid)
        before = known.get(event.source_uid)
        snapshot = _snapshot(before) if before is not None else None
        try:
            row = add_event(
                session,
                space=space_id,
                title=event.title,
                starts_at=event.starts_at,
                ends_at=event.ends_at,
                description=event.description,
                url=_safe_url(event.url),
                series_key=event.series_key,
                cancelled=event.cancelled,
                source_uid=event.source_uid,
            )
        except DomainError as exc:
            raise EventImportError([f"event {event.title!r}: {exc.message}"]) from None
        if snapshot is None:
            created += 1
        elif _snapshot(row) != snapshot:
            updated += 1
    cancelled = 0
    start, end = parsed.window
    for source_uid, row in known.items():
        if source_uid not in seen and not row.cancelled and start <= row.starts_at < end:
            row.cancelled = True
            cancelled += 1
    session.flush()
    return EventImportSummary(created, updated, len(resolved) - created - updated, cancelled, parsed.warnings)


def _existing(session: Session, parsed: ParsedCalendar) -> dict[str, Event]:
    """Events imported earlier from the UIDs in this file (series instances included)."""
    found: dict[str, Event] = {}
    uids = sorted(parsed.uids)
    for chunk in range(0, len(uids), 200):
        part = uids[chunk : chunk + 200]
        conditions: list[ColumnElement[bool]] = [Event.source_uid.in_(part)]
        conditions += [Event.source_uid.startswith(f"{uid}/", autoescape=True) for uid in part]
        for row in session.scalars(select(Event).where(or_(*conditions))):
            assert row.source_uid is not None
            found[row.source_uid] = row
    return found


def _snapshot(row: Event) -> tuple[object, ...]:
    return (
        row.space_id,
        row.title,
        row.starts_at,
        row.ends_at,
        row.description,
        row.url,
        row.series_key,
        row.cancelled,
    )


def _safe_url(url: str) -> str:
    """Only web links reach the lobby screen's QR codes; anything else is dropped."""
    return url if url.startswith(("http://", "https://")) else ""
