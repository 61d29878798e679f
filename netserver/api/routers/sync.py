"""`GET /api/v1/sync`: delta pull (docs/api.md, "Delta sync")."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from ...services.sync import DEFAULT_LIMIT, MAX_LIMIT, sync_page
from ..deps import CurrentKiosk, ReadSession
from ..schemas import SyncResponse
from ..text import Line

router = APIRouter(tags=["kiosk"])


@router.get("/sync", response_model=SyncResponse)
def sync(
    kiosk: CurrentKiosk,
    session: ReadSession,
    cursor: Annotated[Line | None, Query(max_length=100)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> JSONResponse:
    assert kiosk.space_id is not None
    # Built here and returned as is: validating 100,000 roster rows again would cost seconds.
    return JSONResponse(sync_page(session, space_id=kiosk.space_id, cursor=cursor, limit=limit))
