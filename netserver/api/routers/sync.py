"""`GET /api/v1/sync`: delta pull (docs/api.md, "Delta sync")."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from ...db import Database
from ...services.sync import DEFAULT_LIMIT, MAX_LIMIT, sync_page
from ..deps import CurrentKiosk, in_thread
from ..schemas import SyncResponse
from ..text import Line

router = APIRouter(tags=["kiosk"])


@router.get("/sync", response_model=SyncResponse)
async def sync(
    kiosk: CurrentKiosk,
    request: Request,
    cursor: Annotated[Line | None, Query(max_length=100)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> JSONResponse:
    assert kiosk.space_id is not None
    return await in_thread(request, _page, kiosk.space_id, cursor, limit)


def _page(db: Database, space_id: int, cursor: str | None, limit: int) -> JSONResponse:
    with db.read() as session:
        page = sync_page(session, space_id=space_id, cursor=cursor, limit=limit)
    # Built here and returned as is: validating 100,000 roster rows again would cost seconds.
    return JSONResponse(page)
