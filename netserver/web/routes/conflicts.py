"""Held facts: uploaded check-ins kept for staff instead of counted (services/settlement.py),
listed per space, and staff's decision on each: count it or dismiss it (services/conflicts.py,
the same as `coworking-netserver conflicts count|dismiss ID`)."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ...services import conflicts, scope
from ...services.admin_sessions import SignedIn
from ...services.errors import Conflict, Invalid
from ..render import page
from ..session import Checked, Who, database, lang_of
from ..texts import text
from .common import back, slug_of, space_names, space_options, who_actor

router = APIRouter()


def _list(
    request: Request, who: SignedIn, space: str, decided: bool, *, notice: str = "", error: str = "",
    status: int = 200,
) -> Response:  # fmt: skip
    with database(request).read() as session:
        space_id = scope.space_filter(session, who, space)
        rows = [
            {
                "id": c.id,
                "received_at": c.received_at,
                "occurred_at": c.occurred_at,
                "space_id": c.space_id,
                "kiosk_id": c.kiosk_id,
                "member": c.member_number,
                "problem": c.problem,
                "detail": c.detail,
                "admitted": bool(c.fact.get("admitted")),
                "reason": str(c.fact.get("reason", "")),
                "resolution": c.resolution,
                "resolved_at": c.resolved_at,
                "resolved_by": c.resolved_by,
            }
            for c in conflicts.held(session, space_id, decided=decided)
        ]
        options = space_options(session, who)
        names = space_names(session)
        chosen = slug_of(session, space_id) if space else ""
    return page(
        request, "conflicts.html", status, rows=rows, options=options, names=names, chosen=chosen,
        decided=decided, notice=notice, error=error, limit=conflicts.LIMIT,
    )  # fmt: skip


@router.get("/admin/conflicts")
def show(
    request: Request,
    who: Who,
    space: str = Query("", max_length=200),
    decided: bool = False,
    notice: str = Query("", max_length=40),
) -> Response:
    shown = text(f"conflicts.{notice}", lang_of(request)) if notice else ""
    return _list(request, who, space, decided, notice=shown)


def _decide(request: Request, who: SignedIn, conflict_id: int, action: str) -> Response:
    try:
        with database(request).write() as session:
            row = conflicts.get_conflict(session, conflict_id)
            scope.require_space(who, row.space_id)  # 403 before anything is changed
            if action == "count":
                conflicts.count(session, row, who_actor(who))
            else:
                conflicts.dismiss(session, row, who_actor(who))
    except (Invalid, Conflict) as exc:
        refused = text("conflicts.refused", lang_of(request), message=exc.message)
        return _list(request, who, "", False, error=refused, status=422)
    return back("/admin/conflicts", "counted" if action == "count" else "dismissed")


@router.post("/admin/conflicts/{conflict_id}/count")
def count(request: Request, who: Checked, conflict_id: int) -> Response:
    return _decide(request, who, conflict_id, "count")


@router.post("/admin/conflicts/{conflict_id}/dismiss")
def dismiss(request: Request, who: Checked, conflict_id: int) -> Response:
    return _decide(request, who, conflict_id, "dismiss")
