"""Kiosk batches: annulments, day passes, equipment status, audit entries."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ...services import batches as svc
from ..deps import CurrentKiosk, WriteDb
from ..schemas import (
    AnnulmentBatch,
    AuditBatch,
    BatchResponse,
    DayPassBatch,
    EquipmentStatusBatch,
    ItemResult,
)

router = APIRouter(tags=["kiosk"])


def _answer(results: list[dict[str, Any]]) -> BatchResponse:
    return BatchResponse(results=[ItemResult.model_validate(r) for r in results])


@router.post("/annulments", response_model=BatchResponse, response_model_exclude_none=True)
def annulments(body: AnnulmentBatch, kiosk: CurrentKiosk, db: WriteDb) -> BatchResponse:
    assert kiosk.space_id is not None
    items = [svc.AnnulmentItem(i.id, i.nonce, i.staff_id, i.reason, i.at) for i in body.items]
    with db.write() as session:
        results = svc.store_annulments(session, items, space_id=kiosk.space_id, kiosk_id=kiosk.id)
    return _answer(results)


@router.post("/day-passes", response_model=BatchResponse, response_model_exclude_none=True)
def day_passes(body: DayPassBatch, kiosk: CurrentKiosk, db: WriteDb) -> BatchResponse:
    assert kiosk.space_id is not None
    items = [
        svc.DayPassItem(
            i.id, i.space_id, i.valid_on, i.number, i.secret_hash, i.issued_at, i.staff_id, i.note
        )
        for i in body.items
    ]
    with db.write() as session:
        results = svc.store_day_passes(session, items, space_id=kiosk.space_id)
    return _answer(results)


@router.post("/equipment-status", response_model=BatchResponse, response_model_exclude_none=True)
def equipment_status(body: EquipmentStatusBatch, kiosk: CurrentKiosk, db: WriteDb) -> BatchResponse:
    assert kiosk.space_id is not None
    items = [
        svc.EquipmentStatusItem(i.id, i.equipment_id, i.status, i.note, i.staff_id, i.at) for i in body.items
    ]
    with db.write() as session:
        results = svc.store_equipment_changes(session, items, space_id=kiosk.space_id, kiosk_id=kiosk.id)
    return _answer(results)


@router.post("/audit", response_model=BatchResponse, response_model_exclude_none=True)
def audit(body: AuditBatch, kiosk: CurrentKiosk, db: WriteDb) -> BatchResponse:
    assert kiosk.space_id is not None
    items = [svc.AuditItem(i.id, i.at, i.staff_id, i.action, i.detail) for i in body.items]
    with db.write() as session:
        results = svc.store_audit(session, items, space_id=kiosk.space_id, kiosk_id=kiosk.id)
    return _answer(results)
