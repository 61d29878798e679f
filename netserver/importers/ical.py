"""iCalendar import: parse (ical_parse, outside any transaction), resolve each event's space,
then upsert in one writing transaction.

Re-importing a file updates the events it created (keyed by UID and recurrence id, the
`source_uid` column) instead of duplicating them; an instance that vanished from a series
still in the file (a new EXDATE, a shortened RRULE) is marked cancelled. For a calendar feed
(`feed_id`), the feed is the whole truth: its events that are no longer in it are deleted,
so kiosks drop them with the next sync.

Events that cannot be read, or that have no space, are left out and listed (`skipped`); with
`strict=True` any of them refuses the whole file.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from netserver.db import Event, Space, Tombstone
from netserver.services.errors import DomainError, Invalid
from netserver.services.events import add_event
from netserver.services.network import get_network

from .ical_parse import (
    IcsError,
    IcsEvent,
    ParsedCalendar,
    Unreadable,
    default_window,
    parse_ics,
    series_key_for,
)

__all__ = [
    "EventImportError",
    "EventImportSummary",
    "IcsError",
    "IcsEvent",
    "ParsedCalendar",
    "Unreadable",
    "apply_events",
    "default_window",
    "import_ics",
    "parse_ics",
    "series_key_for",
]


class EventImportError(Invalid):
    """Events that cannot be stored (strict mode, an unknown --space, ...). Nothing was written."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        first = self.problems[0] if self.problems else "the file cannot be imported"
        more = f" (and {len(self.problems) - 1} more problem(s))" if len(self.problems) > 1 else ""
        super().__init__(f"nothing imported: {first}{more}", [{"message": p} for p in self.problems])


@dataclass(frozen=True, slots=True)
class EventImportSummary:
    created: int
    updated: int
    unchanged: int
    cancelled: int  # instances gone from the file since the last import
    warnings: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()  # events left out: unreadable, or no space for them
    deleted: int = 0  # a feed's events removed at the source

    def line(self) -> str:
        text = f"{self.created} event(s) added, {self.updated} updated, {self.unchanged} unchanged, "
        text += f"{self.deleted} removed" if self.deleted else f"{self.cancelled} cancelled"
        return text + (f", {len(self.skipped)} left out" if self.skipped else "")


def import_ics(
    session: Session,
    data: bytes | str,
    *,
    today: date,
    default_space: str | None = None,
    strict: bool = False,
) -> EventImportSummary:
    """Parse and apply in `session` (tests, scripts). The CLI, the API and the feeds parse in a
    bounded child process before the writing transaction (ical_worker.parse_ics_bounded)."""
    network = get_network(session)
    window = default_window(today, network.timezone)
    parsed = parse_ics(data, timezone=network.timezone, window=window)
    return apply_events(session, parsed, default_space=default_space, strict=strict)


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
    session: Session,
    parsed: ParsedCalendar,
    *,
    default_space: str | int | None = None,
    strict: bool = False,
    feed_id: int | None = None,
) -> EventImportSummary:
    names, patterns = _space_index(session)
    default: int | None = None
    if default_space is not None:
        default = (
            default_space if isinstance(default_space, int) else names.get(default_space.strip().casefold())
        )
        if default is None:
            raise EventImportError([f"unknown space {default_space!r}"])
    skipped = [str(u) for u in parsed.unreadable]
    resolved: list[tuple[IcsEvent, int]] = []
    unplaced: set[str] = set()
    for event in parsed.events:
        space_id = resolve_space(event, names, patterns, default)
        if space_id is None:
            if event.uid in unplaced:
                continue  # one line per series
            unplaced.add(event.uid)
            when = event.starts_at.strftime("%Y-%m-%d %H:%M UTC")
            why = f"X-SPACE {event.space_hint!r} is not a space" if event.space_hint else "no space for it"
            skipped.append(
                f"event {event.title!r} (UID {event.uid}) on {when}: {why} (use --space SLUG or X-SPACE)"
            )
        else:
            resolved.append((event, space_id))
    if strict and skipped:
        raise EventImportError(skipped)
    prefix = f"feed{feed_id}:" if feed_id is not None else ""
    known = _existing_feed(session, feed_id) if feed_id is not None else _existing(session, parsed)
    created = updated = 0
    seen: set[str] = set()
    for event, space_id in resolved:
        source_uid = _prefixed(prefix, event.source_uid)
        seen.add(source_uid)
        before = known.get(source_uid)
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
                source_uid=source_uid,
            )
        except DomainError as exc:
            raise EventImportError([f"event {event.title!r} (UID {event.uid}): {exc.message}"]) from None
        if feed_id is not None:
            row.feed_id = feed_id
        if snapshot is None:
            created += 1
        elif _snapshot(row) != snapshot:
            updated += 1
    cancelled = deleted = 0
    start, end = parsed.window
    keep = {_prefixed(prefix, e.source_uid) for e in parsed.events}  # unplaced ones stay
    unreadable = tuple(prefix + u.uid for u in parsed.unreadable if u.uid)
    for source_uid, row in known.items():
        if source_uid in seen or source_uid in keep or not start <= row.starts_at < end:
            continue
        if feed_id is not None:
            if any(source_uid == u or source_uid.startswith(u + "/") for u in unreadable):
                continue  # unreadable now is not removed: keep what we had
            session.add(Tombstone(kind="event", object_id=row.id, space_id=row.space_id))
            session.delete(row)
            deleted += 1
        elif not row.cancelled:
            row.cancelled = True
            cancelled += 1
    session.flush()
    unchanged = len(resolved) - created - updated
    return EventImportSummary(
        created, updated, unchanged, cancelled, parsed.warnings, tuple(skipped), deleted
    )


def _prefixed(prefix: str, source_uid: str) -> str:
    if not prefix:
        return source_uid
    text = prefix + source_uid
    if len(text) <= 500:
        return text
    return prefix + "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def _existing(session: Session, parsed: ParsedCalendar) -> dict[str, Event]:
    """Events imported earlier from the UIDs in this file (series instances included)."""
    found: dict[str, Event] = {}
    uids = sorted(parsed.uids)
    for chunk in range(0, len(uids), 200):
        part = uids[chunk : chunk + 200]
        conditions: list[ColumnElement[bool]] = [Event.source_uid.in_(part)]
        conditions += [Event.source_uid.startswith(f"{uid}/", autoescape=True) for uid in part]
        for row in session.scalars(select(Event).where(or_(*conditions), Event.feed_id.is_(None))):
            assert row.source_uid is not None
            found[row.source_uid] = row
    return found


def _existing_feed(session: Session, feed_id: int) -> dict[str, Event]:
    return {
        row.source_uid: row
        for row in session.scalars(select(Event).where(Event.feed_id == feed_id))
        if row.source_uid is not None
    }


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
