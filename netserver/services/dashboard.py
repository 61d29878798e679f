"""The admin's dashboard: today's check-ins by the hour, guests by home space, kiosks offline.

"Today" and the hours are the network's (its time zone). A kiosk counts as offline when its
last contact is older than `OFFLINE_AFTER` (kiosks pull about every 30 s while online).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Final

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from kiosk.core.calendar import NetworkCalendar

from ..db import Checkin, Member, Space
from . import kiosks

OFFLINE_AFTER: Final = kiosks.OFFLINE_AFTER
# What kiosks report with every sync (POST /api/v1/kiosk/health); a column shows when any kiosk has it.
HEALTH_FIELDS: Final = ("version", "queue", "camera")


def _today(space_id: int | None, day: date) -> list[Any]:
    where = [
        Checkin.day == day,
        Checkin.admitted.is_(True),
        Checkin.annulled_at.is_(None),
        Checkin.replaced_at.is_(None),
    ]
    if space_id is not None:
        where.append(Checkin.space_id == space_id)
    return where


def checkins_by_hour(
    session: Session, space_id: int | None, day: date, calendar: NetworkCalendar
) -> list[int]:
    """Admitted check-ins of `day` per local hour (0-23), counted by the database: the hours'
    bounds are the network's wall-clock hours in UTC (a repeated autumn hour falls into its
    hour, a skipped spring hour stays 0)."""
    bounds = [datetime.combine(day, time(hour), tzinfo=calendar.tz).astimezone(UTC) for hour in range(24)]
    bounds.append(calendar.day_start(day + timedelta(days=1)))
    columns = [
        func.coalesce(
            func.sum(case((and_(Checkin.occurred_at >= start, Checkin.occurred_at < end), 1), else_=0)), 0
        )
        for start, end in itertools.pairwise(bounds)
    ]
    counts = session.execute(select(*columns).where(*_today(space_id, day))).one()
    return [int(count) for count in counts]


def guests_by_home(session: Session, space_id: int | None, day: date) -> list[tuple[str, int]]:
    """(home space name, guests today) for members checked in at another space than home."""
    rows = session.execute(
        select(Space.name, func.count(func.distinct(Checkin.member_number)))
        .join(Member, Member.number == Checkin.member_number)
        .join(Space, Space.id == Member.home_space_id)
        .where(*_today(space_id, day), Member.home_space_id != Checkin.space_id)
        .group_by(Space.name)
        .order_by(func.count(func.distinct(Checkin.member_number)).desc(), Space.name)
    )
    return [(str(name), int(count)) for name, count in rows]


@dataclass(frozen=True)
class KioskState:
    id: int
    name: str
    space_id: int
    last_seen_at: datetime | None
    revoked: bool
    offline_since: datetime | None  # the last contact, when that is longer ago than OFFLINE_AFTER
    health: dict[str, object] = field(default_factory=dict)  # what the kiosk last reported
    popup_until: datetime | None = None  # a pop-up's kiosk: accepted until then (docs/popups.md)

    @property
    def online(self) -> bool:
        return not self.revoked and self.last_seen_at is not None and self.offline_since is None


def kiosk_states(session: Session, space_id: int | None, now: datetime) -> list[KioskState]:
    """Every kiosk with its last contact and its last health report (services/kiosks.py)."""
    states = []
    for row in kiosks.kiosk_overview(session, space_id, now):
        seen = row.last_seen_at
        offline = seen if seen is not None and now - seen > OFFLINE_AFTER else None
        reported: dict[str, object] = {"version": row.version, "queue": row.queue, "camera": row.camera}
        health = {name: value for name, value in reported.items() if value is not None}
        ended = row.expires_at is not None and row.expires_at <= now  # its pop-up is over
        revoked = row.revoked_at is not None or ended
        states.append(
            KioskState(row.id, row.name, row.space_id, seen, revoked, offline, health, row.expires_at)
        )
    return sorted(states, key=lambda k: (k.space_id, k.name, k.id))
