"""`GET /api/v1/health`: no auth."""

from __future__ import annotations

from fastapi import APIRouter

from ...services.clock import iso_z, utc_now
from ..schemas import Health

router = APIRouter(tags=["kiosk"])


@router.get("/health", response_model=Health)
def health() -> Health:
    return Health(status="ok", server_time=iso_z(utc_now()))
