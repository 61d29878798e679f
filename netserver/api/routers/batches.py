"""Kiosk batches: annulments, day passes, equipment status, audit entries, presence counts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from fastapi import APIRouter, Request

from ...db import Database
from ...services import batches as svc
from ...services import presence
from ...services.clock import utc_now
from ...services.day_passes import DayPassItem
from ...services.kiosks import refused_results, split_revoked
from ...services.network import get_calendar
from ...services.tokens import Principal
from ..deps import UploadingKioskToken, in_order, written_by
from ..schemas import (
    AnnulmentBatch,
    AuditBatch,
    BatchResponse,
    DayPassBatch,
    EquipmentStatusBatch,
    ItemResult,
    PresenceBatch,
)

T = TypeVar("T")
router = APIRouter(tags=["kiosk"])


def _answer(results: list[dict[str, Any]]) -> BatchResponse:
    return BatchResponse(results=[ItemResult.model_validate(r) for r in results])


def _store(
    items: list[T],
    at: Callable[[T], datetime],
    kiosk: Principal,
    store: Callable[[list[T]], list[dict[str, Any]]],
) -> BatchResponse:
    """`store` what the kiosk recorded before a revocation; refuse the rest (kiosk_revoked)."""
    accepted, refused = split_revoked(items, at, kiosk.revoked_at)
    stored = store(accepted) if accepted else []
    return _answer(in_order(items, refused, stored, refused_results(refused, _id)))


def _id(item: Any) -> str:
    return str(item.id)


@router.post("/annulments", response_model=BatchResponse, response_model_exclude_none=True)
async def annulments(body: AnnulmentBatch, token: UploadingKioskToken, request: Request) -> BatchResponse:
    return await written_by(request, token, _annulments, body)


def _annulments(db: Database, kiosk: Principal, body: AnnulmentBatch) -> BatchResponse:
    assert kiosk.space_id is not None
    items = [svc.AnnulmentItem(i.id, i.nonce, i.staff_id, i.reason, i.at) for i in body.items]
    with db.write() as session:  # committed before the answer is produced
        return _store(
            items,
            lambda i: i.at,
            kiosk,
            lambda ok: svc.store_annulments(session, ok, space_id=kiosk.space_id or 0, kiosk_id=kiosk.id),
        )


@router.post("/day-passes", response_model=BatchResponse, response_model_exclude_none=True)
async def day_passes(body: DayPassBatch, token: UploadingKioskToken, request: Request) -> BatchResponse:
    return await written_by(request, token, _day_passes, body)


def _day_passes(db: Database, kiosk: Principal, body: DayPassBatch) -> BatchResponse:
    assert kiosk.space_id is not None
    items = [
        DayPassItem(i.id, i.space_id, i.valid_on, i.number, i.secret_hash, i.issued_at, i.staff_id, i.note)
        for i in body.items
    ]
    with db.write() as session:  # committed before the answer is produced
        return _store(
            items,
            lambda i: i.issued_at,
            kiosk,
            lambda ok: svc.store_day_passes(session, ok, space_id=kiosk.space_id or 0),
        )


@router.post("/equipment-status", response_model=BatchResponse, response_model_exclude_none=True)
async def equipment_status(
    body: EquipmentStatusBatch, token: UploadingKioskToken, request: Request
) -> BatchResponse:
    return await written_by(request, token, _equipment_status, body)


def _equipment_status(db: Database, kiosk: Principal, body: EquipmentStatusBatch) -> BatchResponse:
    assert kiosk.space_id is not None
    items = [
        svc.EquipmentStatusItem(i.id, i.equipment_id, i.status, i.note, i.staff_id, i.at) for i in body.items
    ]
    with db.write() as session:  # committed before the answer is produced
        return _store(
            items,
            lambda i: i.at,
            kiosk,
            lambda ok: svc.store_equipment_changes(
                session, ok, space_id=kiosk.space_id or 0, kiosk_id=kiosk.id
            ),
        )


@router.post("/audit", response_model=BatchResponse, response_model_exclude_none=True)
async def audit(body: AuditBatch, token: UploadingKioskToken, request: Request) -> BatchResponse:
    return await written_by(request, token, _audit, body)


def _audit(db: Database, kiosk: Principal, body: AuditBatch) -> BatchResponse:
    assert kiosk.space_id is not None
    items = [svc.AuditItem(i.id, i.at, i.staff_id, i.action, i.detail) for i in body.items]
    with db.write() as session:  # committed before the answer is produced
        return _store(
            items,
            lambda i: i.at,
            kiosk,
            lambda ok: svc.store_audit(session, ok, space_id=kiosk.space_id or 0, kiosk_id=kiosk.id),
        )


@router.post("/presence", response_model=BatchResponse, response_model_exclude_none=True)
async def presence_counts(body: PresenceBatch, token: UploadingKioskToken, request: Request) -> BatchResponse:
    """Hourly counts of who is here (numbers only); an hour sent again replaces its count."""
    return await written_by(request, token, _presence_counts, body)


def _presence_counts(db: Database, kiosk: Principal, body: PresenceBatch) -> BatchResponse:
    assert kiosk.space_id is not None
    items = [presence.PresenceItem(i.id, i.hour, i.present) for i in body.items]
    now = utc_now()
    with db.write() as session:  # committed before the answer is produced
        calendar = get_calendar(session)
        return _store(
            items,
            lambda i: i.hour,
            kiosk,
            lambda ok: presence.store_counts(
                session, ok, space_id=kiosk.space_id or 0, kiosk_id=kiosk.id, calendar=calendar, now=now
            ),
        )
