"""Calendar feeds: subscribe to an iCalendar URL, fetch it on a schedule, keep its events.

A fetch runs in three steps and holds a database transaction only for the first and the last:
1. claim (a short write): `UPDATE ... SET lease_owner, lease_until WHERE id = ? AND the lease
   is free [AND the feed is due]`; only the process whose update changed the row goes on, so
   several server processes (issue 14: several workers and hosts) never fetch one feed at once;
2. fetch over HTTP (feed_http: ETag/If-Modified-Since, deadline, size limit) and parse in a
   bounded child process (ical_worker), no transaction open;
3. store (a short write, only while the lease is still ours): the events (those removed at the
   source are deleted, ical.apply_events with feed_id), the validators, the outcome, the next
   fetch; a failure is stored too (`last_error`) and retried with backoff.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from ..db import CalendarFeed, Database, Event, Tombstone

__all__ = ["CalendarFeed", "FeedResult", "fetch_feed", "list_feeds", "run_due", "subscribe", "unsubscribe"]
from ..importers.ical import EventImportError, apply_events, default_window
from ..importers.ical_parse import IcsError
from ..importers.ical_worker import PARSE_TIMEOUT_S, parse_ics_bounded
from .clock import utc_now
from .errors import Conflict, Invalid, NotFound
from .feed_http import FETCH_TIMEOUT_S, MAX_FEED_BYTES, FeedFetchError, fetch, normalize_url, shown_url
from .network import get_calendar
from .spaces import get_space

log = logging.getLogger("netserver.feeds")
DEFAULT_INTERVAL_MIN: Final = 60
MIN_INTERVAL_MIN: Final = 5
MAX_INTERVAL_MIN: Final = 7 * 24 * 60
LEASE: Final = timedelta(seconds=FETCH_TIMEOUT_S + PARSE_TIMEOUT_S + 60)
RETRY_FIRST: Final = timedelta(minutes=5)  # after a failure; doubles up to the interval


def process_owner() -> str:
    """Who holds a lease: host, process and a random part (a restarted process is new)."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{secrets.token_hex(4)}"


@dataclass(frozen=True, slots=True)
class FeedResult:
    feed_id: int
    status: str  # ok, not_modified, error, busy (another process has it), not_due
    message: str = ""


def subscribe(
    session: Session,
    url: str,
    *,
    space: int | str | None = None,
    interval_minutes: int = DEFAULT_INTERVAL_MIN,
    now: datetime | None = None,
) -> CalendarFeed:
    try:
        url = normalize_url(url)
    except ValueError as exc:
        raise Invalid(str(exc)) from None
    if len(url) > 2000:
        raise Invalid("a feed URL may have at most 2000 characters")
    if not MIN_INTERVAL_MIN <= interval_minutes <= MAX_INTERVAL_MIN:
        raise Invalid(f"fetch every {MIN_INTERVAL_MIN} to {MAX_INTERVAL_MIN} minutes")
    if session.scalar(select(CalendarFeed.id).where(CalendarFeed.url == url)) is not None:
        raise Conflict(f"{shown_url(url)} is subscribed already (see `event feeds`)")
    now = now or utc_now()
    feed = CalendarFeed(
        url=url,
        space_id=get_space(session, space).id if space is not None else None,
        interval_minutes=interval_minutes,
        enabled=True,
        created_at=now,
        next_fetch_at=now,
        etag="",
        last_modified="",
        last_status="",
        last_error="",
        last_summary="",
        failures=0,
        lease_owner="",
    )
    session.add(feed)
    session.flush()
    return feed


def list_feeds(session: Session) -> list[CalendarFeed]:
    return list(session.scalars(select(CalendarFeed).order_by(CalendarFeed.id)))


def get_feed(session: Session, feed_id: int) -> CalendarFeed:
    feed = session.get(CalendarFeed, feed_id)
    if feed is None:
        raise NotFound(f"no calendar feed {feed_id}")
    return feed


def unsubscribe(session: Session, feed_id: int) -> int:
    """Remove the feed and its events (kiosks drop them with the next sync); how many."""
    feed = get_feed(session, feed_id)
    events = list(session.scalars(select(Event).where(Event.feed_id == feed.id)))
    for event in events:
        session.add(Tombstone(kind="event", object_id=event.id, space_id=event.space_id))
        session.delete(event)
    session.flush()
    session.delete(feed)
    session.flush()
    return len(events)


def count_events(session: Session, feed_id: int) -> int:
    return len(list(session.scalars(select(Event.id).where(Event.feed_id == feed_id))))


# -- fetching -------------------------------------------------------------------------------


def _claim(db: Database, feed_id: int, owner: str, *, force: bool, now: datetime) -> bool:
    condition = [
        CalendarFeed.id == feed_id,
        CalendarFeed.enabled.is_(True),
        or_(CalendarFeed.lease_until.is_(None), CalendarFeed.lease_until < now),
    ]
    if not force:
        condition.append(CalendarFeed.next_fetch_at <= now)
    with db.write() as session:
        result = session.execute(
            update(CalendarFeed)
            .where(*condition)
            .values(lease_owner=owner, lease_until=now + LEASE)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0) == 1)


def fetch_feed(
    db: Database,
    feed_id: int,
    owner: str | None = None,
    *,
    force: bool = False,
    timeout: float = FETCH_TIMEOUT_S,
    max_bytes: int = MAX_FEED_BYTES,
    now: datetime | None = None,
) -> FeedResult:
    """Fetch one feed now if this process can claim it (`force`: even if it is not due)."""
    owner = owner or process_owner()
    now = now or utc_now()
    with db.read() as session:
        feed = get_feed(session, feed_id)
        url, etag, modified, space_id = feed.url, feed.etag, feed.last_modified, feed.space_id
        calendar = get_calendar(session)
    if not _claim(db, feed_id, owner, force=force, now=now):
        with db.read() as session:
            feed = get_feed(session, feed_id)
            busy = feed.lease_until is not None and feed.lease_until >= now and feed.lease_owner != owner
        return FeedResult(feed_id, "busy" if busy else "not_due")
    try:
        fetched = fetch(url, etag=etag, last_modified=modified, timeout=timeout, max_bytes=max_bytes)
        if fetched.not_modified:
            return _store(db, feed_id, owner, now, status="not_modified", summary="", fetched=fetched)
        window = default_window(calendar.local_date(now), calendar.timezone)
        parsed = parse_ics_bounded(fetched.body, timezone=calendar.timezone, window=window)
        with db.write() as session:
            if not _still_ours(session, feed_id, owner):
                return FeedResult(feed_id, "busy", "the lease ran out while fetching")
            summary = apply_events(session, parsed, default_space=space_id, feed_id=feed_id)
            notes = [summary.line(), *summary.warnings, *(f"left out: {s}" for s in summary.skipped)]
            _finish(session, feed_id, now, status="ok", error="", summary="\n".join(notes), fetched=fetched)
        log.info("feed %s (%s): %s", feed_id, shown_url(url), summary.line())
        return FeedResult(feed_id, "ok", summary.line())
    except (FeedFetchError, IcsError, EventImportError) as exc:
        message = exc.message if isinstance(exc, EventImportError) else str(exc)
        log.warning("feed %s (%s) failed: %s", feed_id, shown_url(url), message)
        return _store(db, feed_id, owner, now, status="error", summary="", error=message)
    except Exception as exc:  # noqa: BLE001  # a bug must not leave the lease held for good
        log.exception("feed %s (%s) failed", feed_id, shown_url(url))
        return _store(
            db,
            feed_id,
            owner,
            now,
            status="error",
            summary="",
            error=f"internal error ({type(exc).__name__})",
        )


def _still_ours(session: Session, feed_id: int, owner: str) -> bool:
    feed = session.get(CalendarFeed, feed_id, with_for_update=session.get_bind().dialect.name != "sqlite")
    return feed is not None and feed.lease_owner == owner


def _store(
    db: Database,
    feed_id: int,
    owner: str,
    now: datetime,
    *,
    status: str,
    summary: str,
    error: str = "",
    fetched: object = None,
) -> FeedResult:
    with db.write() as session:
        if not _still_ours(session, feed_id, owner):
            return FeedResult(feed_id, "busy", "the lease ran out while fetching")
        _finish(session, feed_id, now, status=status, error=error, summary=summary, fetched=fetched)
    return FeedResult(feed_id, status, error or summary)


def _finish(
    session: Session, feed_id: int, now: datetime, *, status: str, error: str, summary: str, fetched: object
) -> None:
    feed = get_feed(session, feed_id)
    feed.last_fetch_at = now
    feed.last_status = status
    feed.lease_owner = ""
    feed.lease_until = None
    interval = timedelta(minutes=feed.interval_minutes)
    if status == "error":
        feed.failures += 1
        feed.last_error = error[:2000]
        feed.next_fetch_at = now + min(interval, RETRY_FIRST * 2 ** min(feed.failures - 1, 10))
        return
    feed.failures = 0
    feed.last_error = ""
    feed.last_success_at = now
    feed.next_fetch_at = now + interval
    if summary:
        feed.last_summary = summary[:10_000]
    etag = getattr(fetched, "etag", "")
    modified = getattr(fetched, "last_modified", "")
    feed.etag = str(etag)[:500]
    feed.last_modified = str(modified)[:100]


def run_due(
    db: Database, owner: str | None = None, *, limit: int = 20, now: datetime | None = None
) -> list[FeedResult]:
    """Fetch the feeds that are due (at most `limit`), each claimed first; what happened."""
    owner = owner or process_owner()
    now = now or utc_now()
    with db.read() as session:
        due = list(
            session.scalars(
                select(CalendarFeed.id)
                .where(
                    CalendarFeed.enabled.is_(True),
                    CalendarFeed.next_fetch_at <= now,
                    or_(CalendarFeed.lease_until.is_(None), CalendarFeed.lease_until < now),
                )
                .order_by(CalendarFeed.next_fetch_at)
                .limit(limit)
            )
        )
    return [fetch_feed(db, feed_id, owner, now=now) for feed_id in due]
