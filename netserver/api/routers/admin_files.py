"""Admin: file imports (members from CSV, events from iCalendar) and the monthly report (CSV).

Thin wrappers around `netserver.importers` and `netserver.services.report`, like the CLI commands
`member import`, `event import` and `report`. An import is all or nothing: a bad file is a 422
with every problem in `details` (CSV: with line numbers) and nothing written.
"""

from __future__ import annotations

import io
from typing import Annotated

from fastapi import APIRouter, Body, Query, Response
from sqlalchemy.exc import DataError

from ...importers.ical import EventImportError, IcsError, import_ics
from ...importers.members_csv import MemberImportError, import_members
from ...services import audit
from ...services.clock import utc_now
from ...services.errors import Invalid
from ...services.network import get_calendar, get_network
from ...services.report import build_report, parse_month, write_report_csv
from ..admin_schemas import EventImportResult, MemberImportResult
from ..deps import CurrentAdmin, ReadSession, WriteSession
from ..text import Line

router = APIRouter(prefix="/admin", tags=["admin"])
MAX_FILE = 5_000_000  # bytes; a network's member list or calendar is far smaller
CsvFile = Annotated[bytes, Body(media_type="text/csv", description="the CSV file (UTF-8)")]
IcsFile = Annotated[bytes, Body(media_type="text/calendar", description="the .ics file")]


def _checked(data: bytes) -> bytes:
    if len(data) > MAX_FILE:
        raise Invalid(f"the file is larger than {MAX_FILE // 1_000_000} MB")
    return data


def _unfit(exc: DataError) -> Invalid:
    """Last line of defence: a value the importers let through but the database refuses (the
    transaction is rolled back; it is the file's fault, so 422, not 500)."""
    return Invalid(f"nothing imported: a value in the file does not fit the database ({exc.orig})")


@router.post("/members/import", response_model=MemberImportResult)
def import_members_csv(body: CsvFile, who: CurrentAdmin, session: WriteSession) -> MemberImportResult:
    """Add or update members from CSV (columns: docs/server-cli.md); all or nothing."""
    try:
        summary = import_members(session, _checked(body))
    except MemberImportError as exc:
        details = [{"line": error.line, "message": error.message} for error in exc.errors]
        first = str(exc.errors[0]) if exc.errors else "the file cannot be imported"
        more = f" (and {len(exc.errors) - 1} more problem(s))" if len(exc.errors) > 1 else ""
        raise Invalid(f"nothing imported: {first}{more}", details) from None
    except DataError as exc:
        raise _unfit(exc) from None
    audit.record(
        session,
        actor=who.actor,
        action="member.import",
        detail=f"{summary.created} added, {summary.updated} updated, {summary.unchanged} unchanged",
    )
    return MemberImportResult(created=summary.created, updated=summary.updated, unchanged=summary.unchanged)


@router.post("/events/import", response_model=EventImportResult)
def import_events_ics(
    body: IcsFile,
    who: CurrentAdmin,
    session: WriteSession,
    space: Annotated[
        Line | None, Query(max_length=64, description="slug or name of the space for events without X-SPACE")
    ] = None,
) -> EventImportResult:
    """Add or update events from iCalendar (re-import follows changes); all or nothing."""
    today = get_calendar(session).local_date(utc_now())
    try:
        summary = import_ics(session, _checked(body), today=today, default_space=space)
    except IcsError as exc:
        raise Invalid(f"not a readable iCalendar file: {exc}") from None
    except EventImportError as exc:
        first = exc.problems[0] if exc.problems else "the file cannot be imported"
        more = f" (and {len(exc.problems) - 1} more problem(s))" if len(exc.problems) > 1 else ""
        raise Invalid(f"nothing imported: {first}{more}", [{"message": p} for p in exc.problems]) from None
    except DataError as exc:
        raise _unfit(exc) from None
    audit.record(
        session,
        actor=who.actor,
        action="event.import",
        detail=f"{summary.created} added, {summary.updated} updated, {summary.cancelled} cancelled",
    )
    return EventImportResult(
        created=summary.created,
        updated=summary.updated,
        unchanged=summary.unchanged,
        cancelled=summary.cancelled,
        warnings=list(summary.warnings),
    )


@router.get(
    "/report",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "the report as CSV"}},
)
def monthly_report(
    _: CurrentAdmin,
    session: ReadSession,
    month: Annotated[Line, Query(max_length=7, description="YYYY-MM, e.g. 2026-11")],
) -> Response:
    """The monthly report (guest days per host x home space, overshoots, overrides, denials)."""
    try:
        year, number = parse_month(month)
    except ValueError as exc:
        raise Invalid(str(exc)) from None
    get_network(session)
    buffer = io.StringIO()
    write_report_csv(build_report(session, year, number), buffer, year=year, month=number)
    filename = f"report-{year:04d}-{number:02d}.csv"
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
