"""Admin: close a settled month; the facts held for staff (conflicts) instead of counted."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel

from ...services import audit
from ...services.errors import Invalid
from ...services.report import parse_month
from ...services.settlement import close_month, list_conflicts
from ..deps import CurrentAdmin, ReadSession, WriteDb

router = APIRouter(prefix="/admin", tags=["admin"])


class ClosedMonthPublic(BaseModel):
    month: str
    closed_at: datetime
    closed_by: str


class ConflictPublic(BaseModel):
    nonce: str
    space_id: int
    kiosk_id: int | None
    member_number: int | None
    occurred_at: datetime
    problem: str
    detail: str
    fact: dict[str, Any]
    received_at: datetime
    id: int = 0
    resolution: str | None = None  # "counted", "dismissed" (services/conflicts.py), None: waiting
    resolved_at: datetime | None = None
    resolved_by: str | None = None


@router.post("/months/{month}/close", response_model=ClosedMonthPublic)
def close(month: Annotated[str, Path(max_length=7)], who: CurrentAdmin, db: WriteDb) -> ClosedMonthPublic:
    """Close a month that has ended: its counts stop changing (facts for it are held)."""
    try:
        year, number = parse_month(month)
    except ValueError as exc:
        raise Invalid(str(exc)) from None
    with db.write() as session:
        row = close_month(session, year, number, by=who.actor)
        audit.record(session, actor=who.actor, action="month.close", detail=f"{year:04d}-{number:02d}")
        return ClosedMonthPublic(month=f"{row.month:%Y-%m}", closed_at=row.closed_at, closed_by=row.closed_by)


@router.get("/conflicts", response_model=list[ConflictPublic])
def conflicts(
    _: CurrentAdmin, session: ReadSession, space: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None
) -> list[ConflictPublic]:
    """Uploaded facts held for staff: before their kiosk's enrollment, in the future, or in a
    closed month (docs/server.md)."""
    return [
        ConflictPublic(
            nonce=c.nonce,
            space_id=c.space_id,
            kiosk_id=c.kiosk_id,
            member_number=c.member_number,
            occurred_at=c.occurred_at,
            problem=c.problem,
            detail=c.detail,
            fact=dict(c.fact),
            received_at=c.received_at,
            id=c.id,
            resolution=c.resolution,
            resolved_at=c.resolved_at,
            resolved_by=c.resolved_by,
        )  # fmt: skip
        for c in list_conflicts(session, space)
    ]
