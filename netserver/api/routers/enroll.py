"""`POST /api/v1/enroll`: one-time enrollment code -> kiosk token."""

from __future__ import annotations

from fastapi import APIRouter

from ...services.enrollment import enroll
from ...services.network import get_network
from ..deps import WriteDb
from ..schemas import EnrollRequest, EnrollResponse, NetworkRef, SpaceRef

router = APIRouter(tags=["kiosk"])


@router.post("/enroll", response_model=EnrollResponse)
def enroll_kiosk(body: EnrollRequest, db: WriteDb) -> EnrollResponse:
    with db.write() as session:  # committed before the token is handed out
        network = get_network(session)
        done = enroll(session, body.code, body.kiosk_name)
        return EnrollResponse(
            token=done.token,
            kiosk_id=done.kiosk.id,
            space=SpaceRef(id=done.space.id, name=done.space.name, slug=done.space.slug),
            network=NetworkRef(name=network.name, timezone=network.timezone),
        )
