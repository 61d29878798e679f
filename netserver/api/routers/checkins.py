"""`POST /api/v1/checkins/redeem` and `/checkins/redeem-member` (online) and `POST /api/v1/checkins`
(facts)."""

from __future__ import annotations

from fastapi import APIRouter

from ...services.facts import CheckinFact, store_facts
from ...services.redeem import redeem, redeem_member
from ..deps import CurrentKiosk, WriteDb
from ..schemas import (
    BatchResponse,
    CheckinBatch,
    ItemResult,
    RedeemMemberRequest,
    RedeemRequest,
    RedeemResponse,
)

router = APIRouter(tags=["kiosk"])


@router.post("/checkins/redeem", response_model=RedeemResponse)
def redeem_checkin(body: RedeemRequest, kiosk: CurrentKiosk, db: WriteDb) -> RedeemResponse:
    assert kiosk.space_id is not None
    with db.write() as session:  # committed here, before the answer is produced
        result = redeem(
            session,
            space_id=kiosk.space_id,
            kiosk_id=kiosk.id,
            nonce=body.nonce,
            code=body.code,
            scanned_at=body.scanned_at,
            method=body.method,
        )
    return RedeemResponse(nonce=body.nonce, verdict=result.verdict, duplicate=result.duplicate)


@router.post("/checkins/redeem-member", response_model=RedeemResponse)
def redeem_member_checkin(body: RedeemMemberRequest, kiosk: CurrentKiosk, db: WriteDb) -> RedeemResponse:
    """Manual check-in at the desk (staff found the member by name), decided online."""
    assert kiosk.space_id is not None
    with db.write() as session:
        result = redeem_member(
            session,
            space_id=kiosk.space_id,
            kiosk_id=kiosk.id,
            nonce=body.nonce,
            member_number=body.member_number,
            staff_id=body.staff_id,
            scanned_at=body.scanned_at,
        )
    return RedeemResponse(nonce=body.nonce, verdict=result.verdict, duplicate=result.duplicate)


@router.post("/checkins", response_model=BatchResponse, response_model_exclude_none=True)
def upload_checkins(body: CheckinBatch, kiosk: CurrentKiosk, db: WriteDb) -> BatchResponse:
    assert kiosk.space_id is not None
    facts = [
        CheckinFact(
            nonce=item.nonce,
            occurred_at=item.occurred_at,
            space_id=item.space_id,
            reason=item.reason.value,
            admitted=item.admitted,
            counted=item.counted,
            offline=item.offline,
            method=item.method,
            member_number=item.member_number,
            pass_serial=item.pass_serial,
            day_pass_valid_on=item.day_pass.valid_on if item.day_pass else None,
            day_pass_number=item.day_pass.number if item.day_pass else None,
            staff_id=item.staff_id,
            override_reason=item.override_reason,
        )
        for item in body.items
    ]
    with db.write() as session:
        results = store_facts(session, facts, space_id=kiosk.space_id, kiosk_id=kiosk.id)
    return BatchResponse(results=[ItemResult.model_validate(r) for r in results])
