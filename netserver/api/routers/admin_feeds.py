"""Admin: calendar feeds (`event subscribe`, `event feeds` over HTTP): subscribe, list with the
last fetch and its error, fetch now, unsubscribe."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, Field

from ...services import audit, feeds
from ...services.errors import Conflict
from ...services.feed_http import shown_url
from ..deps import CurrentAdmin, Db, ReadSession, WriteSession
from ..text import Line, SpaceRefIn, Strict

router = APIRouter(prefix="/admin", tags=["admin"])
FeedId = Annotated[int, Path(ge=1, le=2_147_483_647)]


class FeedCreate(Strict):
    url: Annotated[Line, Field(min_length=8, max_length=2000)]
    space: SpaceRefIn | None = None
    interval_minutes: Annotated[int, Field(ge=feeds.MIN_INTERVAL_MIN, le=feeds.MAX_INTERVAL_MIN)] = 60


class FeedPublic(BaseModel):
    id: int
    url: str
    space_id: int | None
    interval_minutes: int
    enabled: bool
    next_fetch_at: datetime
    last_fetch_at: datetime | None
    last_success_at: datetime | None
    last_status: str
    last_error: str
    last_summary: str
    failures: int


class FeedFetchResult(BaseModel):
    feed_id: int
    status: str
    message: str


def _public(feed: feeds.CalendarFeed) -> FeedPublic:
    return FeedPublic(
        id=feed.id,
        url=shown_url(feed.url),
        space_id=feed.space_id,
        interval_minutes=feed.interval_minutes,
        enabled=feed.enabled,
        next_fetch_at=feed.next_fetch_at,
        last_fetch_at=feed.last_fetch_at,
        last_success_at=feed.last_success_at,
        last_status=feed.last_status,
        last_error=feed.last_error,
        last_summary=feed.last_summary,
        failures=feed.failures,
    )


@router.get("/feeds", response_model=list[FeedPublic])
def list_feeds(_: CurrentAdmin, session: ReadSession) -> list[FeedPublic]:
    return [_public(f) for f in feeds.list_feeds(session)]


@router.post("/feeds", response_model=FeedPublic, status_code=201)
def subscribe(body: FeedCreate, who: CurrentAdmin, session: WriteSession) -> FeedPublic:
    """Subscribe to an iCalendar URL; the server fetches it within a minute, then on schedule."""
    feed = feeds.subscribe(session, body.url, space=body.space, interval_minutes=body.interval_minutes)
    audit.record(session, actor=who.actor, action="feed.subscribe", detail=shown_url(feed.url))
    return _public(feed)


@router.post("/feeds/{feed_id}/fetch", response_model=FeedFetchResult)
def fetch_now(feed_id: FeedId, _: CurrentAdmin, db: Db, request: Request) -> FeedFetchResult:
    """Fetch the feed now (no transaction is held while it is fetched and read)."""
    if not request.app.state.settings.feed_fetch:
        raise Conflict("this server does not fetch calendar feeds (COWORKING_FEED_FETCH is off)")
    with db.read() as session:
        feeds.get_feed(session, feed_id)
    result = feeds.fetch_feed(db, feed_id, force=True)
    return FeedFetchResult(feed_id=result.feed_id, status=result.status, message=result.message)


@router.delete("/feeds/{feed_id}", status_code=204)
def unsubscribe(feed_id: FeedId, who: CurrentAdmin, session: WriteSession) -> None:
    removed = feeds.unsubscribe(session, feed_id)
    audit.record(session, actor=who.actor, action="feed.unsubscribe", detail=f"{feed_id}: {removed} event(s)")
