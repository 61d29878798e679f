"""Who is here, by the hour: the counts kiosks upload (POST /api/v1/presence) and the
dashboard's view of them. Numbers only, never who (docs/privacy.md, docs/presence.md)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.core.calendar import NetworkCalendar
from kiosk.core.presence import hour_bounds

from ..db import PresenceCount
from .batches import run_batch
from .errors import Invalid

MAX_PRESENT = 100_000
AHEAD = timedelta(hours=1)  # an hour starting later than this from now is refused (clock wrong)


@dataclass(frozen=True, slots=True)
class PresenceItem:
    id: str
    hour: datetime  # the start of a wall-clock hour of the network
    present: int


def store_counts(
    session: Session,
    items: Sequence[PresenceItem],
    *,
    space_id: int,
    kiosk_id: int,
    calendar: NetworkCalendar,
    now: datetime,
) -> list[dict[str, Any]]:
    """Keep each hour's newest count of this kiosk; an unchanged count is a duplicate."""

    def store(item: PresenceItem) -> str:
        local = calendar.local(item.hour)
        if (local.minute, local.second, local.microsecond) != (0, 0, 0):
            raise Invalid("hour: the start of an hour of the network's time zone")
        if item.hour > now + AHEAD:
            raise Invalid("hour: in the future")
        if not 0 <= item.present <= MAX_PRESENT:
            raise Invalid(f"present: a number from 0 to {MAX_PRESENT}")
        row = session.get(PresenceCount, (kiosk_id, item.hour))
        if row is None:
            session.add(PresenceCount(kiosk_id=kiosk_id, hour=item.hour, space_id=space_id,
                                      present=item.present, received_at=now))  # fmt: skip
            return "stored"
        if row.present == item.present:
            return "duplicate"
        row.present, row.received_at = item.present, now
        return "stored"

    return run_batch(session, items, lambda i: i.id, store)


def presence_by_hour(
    session: Session, space_id: int | None, day: Any, calendar: NetworkCalendar
) -> list[int | None]:
    """People here per local hour (0-23) of `day`: the highest count any kiosk of a space sent
    for the hour, summed over the spaces in view; None for an hour no kiosk reported (the
    kiosks send only hours with somebody in them, so the page shows those as 0 around others)."""
    bounds = hour_bounds(day, calendar)
    start, end = bounds[0][0], bounds[-1][1]
    query = (
        select(PresenceCount.space_id, PresenceCount.hour, func.max(PresenceCount.present))
        .where(PresenceCount.hour >= start, PresenceCount.hour < end)
        .group_by(PresenceCount.space_id, PresenceCount.hour)
    )
    if space_id is not None:
        query = query.where(PresenceCount.space_id == space_id)
    counts: list[int | None] = [None] * len(bounds)
    for _, hour, present in session.execute(query):
        for index, (a, b) in enumerate(bounds):
            if a <= hour < b:
                counts[index] = (counts[index] or 0) + int(present)
                break
    return counts
