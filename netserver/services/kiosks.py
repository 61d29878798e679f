"""Enrolled kiosks: list, revoke, keep `last_seen_at` roughly current."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..db import Kiosk
from .clock import utc_now
from .errors import NotFound


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
    """Its token stops working at once (401 token_revoked)."""
    kiosk = get_kiosk(session, kiosk_id)
    if kiosk.revoked_at is None:
        kiosk.revoked_at = utc_now()
    session.flush()
    return kiosk


def touch(session: Session, kiosk_id: int, now: datetime | None = None) -> None:
    session.execute(update(Kiosk).where(Kiosk.id == kiosk_id).values(last_seen_at=now or utc_now()))
