"""The admin's dashboard: today's check-ins by the hour, guests by home space, kiosks offline.

"Today" and the hours are the network's (its time zone). A kiosk counts as offline when its
last contact is older than `OFFLINE_AFTER` (kiosks pull about every 30 s while online).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Final

from sqlalchemy import func, select
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
    hours = [0] * 24
    for (at,) in session.execute(select(Checkin.occurred_at).where(*_today(space_id, day))):
        hours[calendar.local(at).hour] += 1
    return hours


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
        revoked = row.revoked_at is not None
        states.append(KioskState(row.id, row.name, row.space_id, seen, revoked, offline, health))
    return sorted(states, key=lambda k: (k.space_id, k.name, k.id))
