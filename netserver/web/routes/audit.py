"""The audit log: overrides with their reasons, revocations, imports, sign-ins; filter, export."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ...services import audit_view, exports, scope
from ...services.errors import Invalid
from ..render import page
from ..session import Who, database
from .common import slug_of, space_names, space_options

router = APIRouter()
KINDS = (
    "override",
    "undo",
    "manual_checkin",
    "day_pass",
    "admin.",
    "member.",
    "pass.",
    "staff.",
    "kiosk.",
    "event.",
    "equipment",
    "report.",
)


def _day(text: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise Invalid("not a date (YYYY-MM-DD)") from None


@router.get("/admin/audit")
def show(
    request: Request,
    who: Who,
    space: str = Query("", max_length=200),
    action: str = Query("", max_length=100),
    since: str = Query("", max_length=10),
    until: str = Query("", max_length=10),
) -> Response:
    start, end = _day(since), _day(until)
    with database(request).read() as session:
        space_id = scope.space_filter(session, who, space)
        rows = audit_view.entries(session, space_id=space_id, action=action, start=start, end=end)
        names = space_names(session)
        options = space_options(session, who)
        chosen = slug_of(session, space_id) if space else ""
    return page(
        request,
        "audit.html",
        rows=rows,
        names=names,
        options=options,
        chosen=chosen,
        action=action,
        since=since,
        until=until,
        kinds=KINDS,
        formats=exports.FORMATS,
        shown=audit_view.SHOWN,
    )


@router.get("/admin/audit/export")
def export(
    request: Request,
    who: Who,
    space: str = Query("", max_length=200),
    since: str = Query("", max_length=10),
    until: str = Query("", max_length=10),
    format: str = Query("csv", max_length=10),
) -> Response:
    if format not in exports.FORMATS:
        raise Invalid("unknown format")
    start, end = _day(since), _day(until)
    with database(request).read() as session:
        space_id = scope.space_filter(session, who, space)
        data = audit_view.export(session, space_id=space_id, start=start, end=end, fmt=format)
    return Response(
        data,
        media_type=exports.media_type(format),
        headers={"Content-Disposition": f'attachment; filename="audit.{exports.extension(format)}"'},
    )
