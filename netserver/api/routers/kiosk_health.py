"""`POST /api/v1/kiosk/health`: the kiosk's report with every sync pass; the answer tells a
revoked kiosk that it was revoked (it then stops admitting, uploads what it recorded before)."""

from __future__ import annotations

from fastapi import APIRouter

from kiosk.core.wire import iso_utc

from ...services.kiosks import KioskHealth, record_health
from ..deps import UploadingKiosk, WriteSession
from ..schemas import KioskHealthIn, KioskHealthOut

router = APIRouter(tags=["kiosk"])


@router.post("/kiosk/health", response_model=KioskHealthOut, response_model_exclude_none=True)
def report_health(body: KioskHealthIn, kiosk: UploadingKiosk, session: WriteSession) -> KioskHealthOut:
    health = KioskHealth(
        version=body.version,
        last_sync=body.last_sync,
        queue=body.queue,
        offline_since=body.offline_since,
        camera=body.camera,
        decoder_fps=body.decoder_fps,
    )
    row = record_health(session, kiosk.id, health)
    revoked_at = row.revoked_at
    return KioskHealthOut(
        revoked=revoked_at is not None, revoked_at=iso_utc(revoked_at) if revoked_at else None
    )
