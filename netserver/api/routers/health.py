"""`GET /api/v1/health`: no auth, no database."""

from __future__ import annotations

from fastapi import APIRouter

from kiosk.core.wire import iso_utc

from ...services.clock import utc_now
from ..schemas import Health

router = APIRouter(tags=["kiosk"])


@router.get("/health", response_model=Health)
async def health() -> Health:
    """On the event loop: no database, no worker thread, so it answers under any write load."""
    return Health(status="ok", server_time=iso_utc(utc_now()))
