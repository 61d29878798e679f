"""`POST /api/v1/checkins/redeem` and `/checkins/redeem-member` (online) and `POST /api/v1/checkins`
(facts)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from kiosk.core.wire import CheckinRecord

from ...db import Database
from ...services.day_passes import DayPassItem
from ...services.facts import store_facts
from ...services.kiosks import refused_results, split_revoked
from ...services.redeem import redeem, redeem_member
from ...services.tokens import Principal
from ..deps import KioskToken, UploadingKioskToken, in_order, written_by
from ..metrics import count_checkin
from ..schemas import (
    BatchResponse,
    CheckinBatch,
    DayPassIn,
    ItemResult,
    RedeemMemberRequest,
    RedeemRequest,
    RedeemResponse,
)

router = APIRouter(tags=["kiosk"])


def _day_pass(i: DayPassIn | None) -> DayPassItem | None:
    if i is None:
        return None
    return DayPassItem(i.id, i.space_id, i.valid_on, i.number, i.secret_hash, i.issued_at, i.staff_id, i.note)


@router.post("/checkins/redeem", response_model=RedeemResponse)
async def redeem_checkin(body: RedeemRequest, token: KioskToken, request: Request) -> RedeemResponse:
    return await written_by(request, token, _redeem, body)


def _redeem(db: Database, kiosk: Principal, body: RedeemRequest) -> RedeemResponse:
    assert kiosk.space_id is not None
    with db.write() as session:  # committed before the answer is produced
        result = redeem(
            session,
            space_id=kiosk.space_id,
            kiosk_id=kiosk.id,
            nonce=body.nonce,
            code=body.code,
            scanned_at=body.scanned_at,
            method=body.method,
            sold_day_pass=_day_pass(body.day_pass),
            popup_id=kiosk.popup_id,
        )
    if not result.duplicate:
        count_checkin(kiosk.space_id, bool(result.verdict.get("admitted")), "redeem")
    return RedeemResponse(nonce=body.nonce, verdict=result.verdict, duplicate=result.duplicate)


@router.post("/checkins/redeem-member", response_model=RedeemResponse)
async def redeem_member_checkin(
    body: RedeemMemberRequest, token: KioskToken, request: Request
) -> RedeemResponse:
    """Manual check-in at the desk (staff found the member by name), decided online."""
    return await written_by(request, token, _redeem_member, body)


def _redeem_member(db: Database, kiosk: Principal, body: RedeemMemberRequest) -> RedeemResponse:
    assert kiosk.space_id is not None
    with db.write() as session:  # committed before the answer is produced
        result = redeem_member(
            session,
            space_id=kiosk.space_id,
            kiosk_id=kiosk.id,
            nonce=body.nonce,
            member_number=body.member_number,
            staff_id=body.staff_id,
            scanned_at=body.scanned_at,
            popup_id=kiosk.popup_id,
        )
    if not result.duplicate:
        count_checkin(kiosk.space_id, bool(result.verdict.get("admitted")), "redeem")
    return RedeemResponse(nonce=body.nonce, verdict=result.verdict, duplicate=result.duplicate)


def checkin_records(body: CheckinBatch) -> list[CheckinRecord]:
    """The uploaded facts of a validated batch, as the one record kiosk and server share."""
    return [CheckinRecord.from_wire(item.model_dump()) for item in body.items]


@router.post("/checkins", response_model=BatchResponse, response_model_exclude_none=True)
async def upload_checkins(body: CheckinBatch, token: UploadingKioskToken, request: Request) -> BatchResponse:
    return await written_by(request, token, _upload_checkins, body)


def _upload_checkins(db: Database, kiosk: Principal, body: CheckinBatch) -> BatchResponse:
    assert kiosk.space_id is not None
    facts = checkin_records(body)
    accepted, refused = split_revoked(facts, lambda fact: fact.occurred_at, kiosk.revoked_at)
    with db.write() as session:  # committed before the answer is produced
        stored = (
            store_facts(session, accepted, space_id=kiosk.space_id, kiosk_id=kiosk.id) if accepted else []
        )
    results = in_order(facts, refused, stored, refused_results(refused, lambda fact: fact.nonce))
    for admitted in (True, False):
        n = sum(
            1
            for f, r in zip(accepted, stored, strict=False)
            if f.admitted is admitted and r["status"] == "stored"
        )
        count_checkin(kiosk.space_id, admitted, "upload", n)
    return BatchResponse(results=[ItemResult.model_validate(r) for r in results])
