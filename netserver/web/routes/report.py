"""The monthly settlement: the table on screen and its downloads (CSV, Excel-DE CSV, xlsx)."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ...services import audit
from ...services import settlement_admin as settlement
from ...services.clock import utc_now
from ...services.errors import Invalid
from ...services.network import get_calendar
from ...services.report import parse_month, space_names
from ..render import page
from ..session import Who, database, lang_of
from .common import who_actor

router = APIRouter()


def _month(request: Request, text: str) -> tuple[int, int]:
    if not text:
        with database(request).read() as session:
            today = get_calendar(session).local_date(utc_now())
        return today.year, today.month
    try:
        return parse_month(text)
    except ValueError as exc:
        raise Invalid(str(exc)) from None


@router.get("/admin/report")
def show(request: Request, who: Who, month: str = Query("", max_length=7)) -> Response:
    year, number = _month(request, month)
    with database(request).read() as session:
        rows = settlement.rows_for(session, who, year, number)
        names = space_names(session)
    label = f"{year:04d}-{number:02d}"
    return page(
        request,
        "report.html",
        rows=rows,
        names=names,
        label=label,
        year=year,
        month=number,
        formats=settlement.FORMATS,
    )


@router.get("/admin/report/download")
def download(
    request: Request,
    who: Who,
    month: str = Query("", max_length=7),
    format: str = Query("csv", max_length=10),
) -> Response:
    if format not in settlement.FORMATS:
        raise Invalid("unknown format")
    year, number = _month(request, month)
    with database(request).write() as session:
        data, media = settlement.download(session, who, year, number, format, lang_of(request))
        audit.record(
            session,
            actor=who_actor(who),
            action="report.download",
            space_id=who.space_id,
            detail=f"{year:04d}-{number:02d} {format}",
        )
    suffix = "-excel-de.csv" if format == "excel-de" else f".{'xlsx' if format == 'xlsx' else 'csv'}"
    return Response(
        data,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="settlement-{year:04d}-{number:02d}{suffix}"'},
    )
