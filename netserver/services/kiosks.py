"""Enrolled kiosks: list, revoke, keep `last_seen_at` roughly current, their health reports
and the overview the web admin shows (`kiosk_overview`).

A revoked kiosk's token no longer syncs or redeems (401 token_revoked); it may still upload
what it recorded *before* its revocation (`split_revoked`), and its health report is answered
with `revoked: true`, which is how the kiosk learns it on its next contact.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kiosk.core.wire import iso_utc

from ..db import Kiosk
from .clock import utc_now
from .errors import DomainError, NotFound

T = TypeVar("T")
OFFLINE_AFTER = timedelta(minutes=5)  # a kiosk syncs about every 30 s; silent this long: offline
CAMERA_STATES = ("ok", "out_of_order", "none", "unknown")


class KioskRevoked(DomainError):
    code, status = "kiosk_revoked", 403


@dataclass(frozen=True, slots=True)
class KioskHealth:
    """What a kiosk reports with every sync pass."""

    version: str
    last_sync: datetime | None
    queue: int
    offline_since: datetime | None
    camera: str
    decoder_fps: float | None

    def as_json(self) -> dict[str, object]:
        return {
            "version": self.version,
            "last_sync": iso_utc(self.last_sync) if self.last_sync else None,
            "queue": self.queue,
            "offline_since": iso_utc(self.offline_since) if self.offline_since else None,
            "camera": self.camera,
            "decoder_fps": self.decoder_fps,
        }


@dataclass(frozen=True, slots=True)
class KioskOverview:
    """One row of the web admin's kiosk list (`health` fields None before the first report)."""

    id: int
    name: str
    space_id: int
    created_at: datetime
    last_seen_at: datetime | None
    revoked_at: datetime | None
    online: bool  # seen within OFFLINE_AFTER and not revoked
    health_at: datetime | None
    version: str | None
    last_sync: str | None
    queue: int | None
    offline_since: str | None
    camera: str | None
    decoder_fps: float | None
    expires_at: datetime | None = None  # a pop-up's kiosk: not accepted from then on (docs/popups.md)


def list_kiosks(session: Session, space_id: int | None = None) -> list[Kiosk]:
    query = select(Kiosk).order_by(Kiosk.id)
    if space_id is not None:
        query = query.where(Kiosk.space_id == space_id)
    return list(session.scalars(query))


def get_kiosk(session: Session, kiosk_id: int) -> Kiosk:
    kiosk = session.get(Kiosk, kiosk_id)
    if kiosk is None:
        raise NotFound(f"no kiosk {kiosk_id}")
    return kiosk


def revoke_kiosk(session: Session, kiosk_id: int) -> Kiosk:
    """Its token stops syncing and redeeming at once (401 token_revoked); see module docstring."""
    kiosk = session.get(Kiosk, kiosk_id)
    if kiosk is None:
        raise NotFound(f"no kiosk {kiosk_id}")
    if kiosk.revoked_at is None:
        kiosk.revoked_at = utc_now()
    session.flush()
    return kiosk


def touch(session: Session, kiosk_id: int, now: datetime | None = None) -> None:
    session.execute(update(Kiosk).where(Kiosk.id == kiosk_id).values(last_seen_at=now or utc_now()))


HEALTH_REFRESH = timedelta(seconds=60)  # an unchanged report is stored at most this often
# What a report says that the admin reads; `last_sync` (news only when it first comes) and
# `decoder_fps` move with every pass.
_SIGNIFICANT = ("version", "queue", "offline_since", "camera")


@dataclass(frozen=True, slots=True)
class StoredHealth:
    health: dict[str, object] | None
    health_at: datetime | None
    revoked_at: datetime | None


def stored_health(session: Session, kiosk_id: int) -> StoredHealth:
    row = session.execute(
        select(Kiosk.health, Kiosk.health_at, Kiosk.revoked_at).where(Kiosk.id == kiosk_id)
    ).one_or_none()
    if row is None:
        raise NotFound(f"no kiosk {kiosk_id}")
    return StoredHealth(row[0], row[1], row[2])


def health_is_news(stored: StoredHealth, health: KioskHealth, now: datetime) -> bool:
    """Whether a report must be written: it says something new to the admin, or the stored one
    is older than HEALTH_REFRESH (the last contact it keeps must not go stale). A kiosk reports
    with every pass (about every 30 s); writing each one was a write transaction per kiosk
    per pass, which on SQLite's single writer queued in front of the check-ins of a region."""
    if stored.health is None or stored.health_at is None or now - stored.health_at >= HEALTH_REFRESH:
        return True
    new = health.as_json()
    first_sync = (stored.health.get("last_sync") is None) != (new["last_sync"] is None)
    return first_sync or any(stored.health.get(name) != new[name] for name in _SIGNIFICANT)


def record_health(session: Session, kiosk_id: int, health: KioskHealth, now: datetime | None = None) -> Kiosk:
    """Store the kiosk's report (the last one wins); the kiosk row, for `revoked_at`."""
    kiosk = session.get(Kiosk, kiosk_id)
    if kiosk is None:
        raise NotFound(f"no kiosk {kiosk_id}")
    now = now or utc_now()
    kiosk.health = health.as_json()
    kiosk.health_at = now
    kiosk.last_seen_at = now
    session.flush()
    return kiosk


def is_online(kiosk: Kiosk, now: datetime) -> bool:
    seen = kiosk.last_seen_at or kiosk.created_at  # enrolling is its first contact
    ended = kiosk.expires_at is not None and kiosk.expires_at <= now  # a pop-up's kiosk after it
    return kiosk.revoked_at is None and not ended and now - seen <= OFFLINE_AFTER


def kiosk_overview(
    session: Session, space_id: int | None = None, now: datetime | None = None
) -> list[KioskOverview]:
    """Every kiosk (of one space, or all) with its last health report."""
    now = now or utc_now()
    rows = []
    for kiosk in list_kiosks(session, space_id):
        health: dict[str, Any] = kiosk.health or {}
        queue = health.get("queue")
        fps = health.get("decoder_fps")
        rows.append(
            KioskOverview(
                id=kiosk.id,
                name=kiosk.name,
                space_id=kiosk.space_id,
                created_at=kiosk.created_at,
                last_seen_at=kiosk.last_seen_at,
                revoked_at=kiosk.revoked_at,
                online=is_online(kiosk, now),
                health_at=kiosk.health_at,
                version=_text(health.get("version")),
                last_sync=_text(health.get("last_sync")),
                queue=queue if isinstance(queue, int) else None,
                offline_since=_text(health.get("offline_since")),
                camera=_text(health.get("camera")),
                decoder_fps=float(fps) if isinstance(fps, int | float) else None,
                expires_at=kiosk.expires_at,
            )
        )
    return rows


def offline_count(session: Session, now: datetime | None = None) -> int:
    """Enrolled (not revoked) kiosks not seen within OFFLINE_AFTER (for /metrics)."""
    now = now or utc_now()
    return sum(
        1
        for kiosk in session.scalars(select(Kiosk).where(Kiosk.revoked_at.is_(None)))
        if not is_online(kiosk, now)
    )


def split_revoked(
    items: Sequence[T], at: Callable[[T], datetime], revoked_at: datetime | None
) -> tuple[list[T], list[T]]:
    """(accepted, refused): from a revoked kiosk only what happened before the revocation."""
    if revoked_at is None:
        return list(items), []
    accepted = [item for item in items if at(item) < revoked_at]
    refused = [item for item in items if not at(item) < revoked_at]
    return accepted, refused


def refused_results(items: Sequence[T], key: Callable[[T], str]) -> list[dict[str, Any]]:
    from .facts import item_result

    error = KioskRevoked("this kiosk was revoked before this was recorded")
    return [item_result(key(item), "rejected", error) for item in items]


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None
