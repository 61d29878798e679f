"""`GET /api/v1/health`: no auth."""

from __future__ import annotations

from fastapi import APIRouter

from kiosk.core.wire import iso_utc

from ...services.clock import utc_now
from ..schemas import Health

router = APIRouter(tags=["kiosk"])


@router.get("/health", response_model=Health)
def health() -> Health:
    return Health(status="ok", server_time=iso_utc(utc_now()))
