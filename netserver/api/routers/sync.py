"""`GET /api/v1/sync`: delta pull (docs/api.md, "Delta sync")."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from ...db import Database
from ...services.sync import DEFAULT_LIMIT, MAX_LIMIT, sync_page
from ...services.tokens import Principal
from ..deps import KioskToken, read_by
from ..schemas import SyncResponse
from ..text import Line

router = APIRouter(tags=["kiosk"])


@router.get("/sync", response_model=SyncResponse)
async def sync(
    token: KioskToken,
    request: Request,
    cursor: Annotated[Line | None, Query(max_length=100)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> JSONResponse:
    return await read_by(request, token, _page, cursor, limit)


def _page(db: Database, kiosk: Principal, cursor: str | None, limit: int) -> JSONResponse:
    assert kiosk.space_id is not None
    with db.read() as session:
        page = sync_page(session, space_id=kiosk.space_id, cursor=cursor, limit=limit)
    # Built here and returned as is: validating 100,000 roster rows again would cost seconds.
    return JSONResponse(page)
