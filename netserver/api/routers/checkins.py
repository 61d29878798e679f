"""`POST /api/v1/checkins/redeem` and `/checkins/redeem-member` (online) and `POST /api/v1/checkins`
(facts)."""

from __future__ import annotations

from fastapi import APIRouter

from kiosk.core.wire import CheckinRecord

from ...services.facts import store_facts
from ...services.kiosks import refused_results, split_revoked
from ...services.redeem import redeem, redeem_member
from ..deps import CurrentKiosk, UploadingKiosk, WriteSession, in_order
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
def redeem_checkin(body: RedeemRequest, kiosk: CurrentKiosk, session: WriteSession) -> RedeemResponse:
    assert kiosk.space_id is not None
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
def redeem_member_checkin(
    body: RedeemMemberRequest, kiosk: CurrentKiosk, session: WriteSession
) -> RedeemResponse:
    """Manual check-in at the desk (staff found the member by name), decided online."""
    assert kiosk.space_id is not None
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


def checkin_records(body: CheckinBatch) -> list[CheckinRecord]:
    """The uploaded facts of a validated batch, as the one record kiosk and server share."""
    return [CheckinRecord.from_wire(item.model_dump()) for item in body.items]


@router.post("/checkins", response_model=BatchResponse, response_model_exclude_none=True)
def upload_checkins(body: CheckinBatch, kiosk: UploadingKiosk, session: WriteSession) -> BatchResponse:
    assert kiosk.space_id is not None
    facts = checkin_records(body)
    accepted, refused = split_revoked(facts, lambda fact: fact.occurred_at, kiosk.revoked_at)
    stored = store_facts(session, accepted, space_id=kiosk.space_id, kiosk_id=kiosk.id) if accepted else []
    results = in_order(facts, refused, stored, refused_results(refused, lambda fact: fact.nonce))
    return BatchResponse(results=[ItemResult.model_validate(r) for r in results])
