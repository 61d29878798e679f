"""`POST /api/v1/kiosk/health`: the kiosk's report with every sync pass; the answer tells a
revoked kiosk that it was revoked (it then stops admitting, uploads what it recorded before).

A report that says nothing new (services/kiosks.py, `health_is_news`) is answered from a read:
no write slot, no write transaction, so a region's kiosks reporting every 30 s do not queue in
front of its check-ins."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Request

from kiosk.core.wire import iso_utc

from ...db import Database
from ...services.clock import utc_now
from ...services.kiosks import KioskHealth, health_is_news, record_health, stored_health
from ...services.tokens import Principal
from ..deps import ReportingKioskToken, read_by, written
from ..schemas import KioskHealthIn, KioskHealthOut

router = APIRouter(tags=["kiosk"])


def _read(db: Database, kiosk: Principal, health: KioskHealth) -> tuple[Principal, bool, KioskHealthOut]:
    with db.read() as session:
        stored = stored_health(session, kiosk.id)
    return kiosk, health_is_news(stored, health, utc_now()), _answer(stored.revoked_at)


def _write(db: Database, kiosk_id: int, health: KioskHealth) -> KioskHealthOut:
    with db.write() as session:  # committed before the answer is produced
        return _answer(record_health(session, kiosk_id, health).revoked_at)


def _answer(revoked_at: datetime | None) -> KioskHealthOut:
    if revoked_at is None:
        return KioskHealthOut(revoked=False, revoked_at=None)
    return KioskHealthOut(revoked=True, revoked_at=iso_utc(revoked_at))


@router.post("/kiosk/health", response_model=KioskHealthOut, response_model_exclude_none=True)
async def report_health(body: KioskHealthIn, token: ReportingKioskToken, request: Request) -> KioskHealthOut:
    health = KioskHealth(
        version=body.version,
        last_sync=body.last_sync,
        queue=body.queue,
        offline_since=body.offline_since,
        camera=body.camera,
        decoder_fps=body.decoder_fps,
    )
    kiosk, news, answer = await read_by(request, token, _read, health)
    if news:
        answer = await written(request, _write, kiosk.id, health)
    if not answer.revoked and kiosk.revoked_at is not None:  # a pop-up's kiosk after its end
        answer = _answer(kiosk.revoked_at)
    return answer
