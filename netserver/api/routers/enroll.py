"""`POST /api/v1/enroll`: one-time enrollment code -> kiosk token; failed codes are
rate-limited per client address (services/enroll_limit.py)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from kiosk.core.wire import iso_utc

from ...db import Popup
from ...services.enroll_limit import check_allowed, record_failure
from ...services.enrollment import enroll
from ...services.errors import EnrollmentCodeExpired, EnrollmentCodeInvalid, EnrollmentCodeUsed
from ...services.network import get_network
from ..deps import WriteDb
from ..schemas import EnrollRequest, EnrollResponse, NetworkRef, PopupRef, SpaceRef

router = APIRouter(tags=["kiosk"])


def _popup_ref(popup: Popup | None) -> PopupRef | None:
    if popup is None:
        return None
    return PopupRef(
        id=popup.id,
        place=popup.place,
        town=popup.town,
        starts_at=iso_utc(popup.starts_at),
        ends_at=iso_utc(popup.ends_at),
    )


@router.post("/enroll", response_model=EnrollResponse)
def enroll_kiosk(body: EnrollRequest, request: Request, db: WriteDb) -> EnrollResponse:
    client = request.client.host if request.client else "unknown"
    with db.read() as session:
        check_allowed(session, client)
    try:
        with db.write() as session:  # committed before the token is handed out
            network = get_network(session)
            done = enroll(session, body.code, body.kiosk_name)
            return EnrollResponse(
                token=done.token,
                kiosk_id=done.kiosk.id,
                space=SpaceRef(id=done.space.id, name=done.space.name, slug=done.space.slug),
                network=NetworkRef(name=network.name, timezone=network.timezone),
                popup=_popup_ref(done.popup),
            )
    except (EnrollmentCodeInvalid, EnrollmentCodeUsed, EnrollmentCodeExpired):
        with db.write() as session:  # its own transaction: the failed one was rolled back
            record_failure(session, client)
        raise
