"""Admin: file imports (members from CSV, events from iCalendar) and the monthly report (CSV).

Thin wrappers around `netserver.importers` and `netserver.services.report`, like the CLI commands
`member import`, `event import` and `report`. An import is all or nothing: a bad file is a 422
with every problem in `details` (CSV: with line numbers) and nothing written.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Body, Query, Response
from sqlalchemy.exc import DataError

from ...importers.ical import IcsError, apply_events, default_window
from ...importers.ical_worker import parse_ics_bounded
from ...services import audit, exports
from ...services.clock import utc_now
from ...services.errors import Invalid
from ...services.member_import import ImportPlan, MemberImportError, commit, preview, read_member_file
from ...services.network import get_calendar, get_network
from ...services.report import build_report, parse_month, report_csv, space_names
from ...services.report_xlsx import report_xlsx
from ..admin_schemas import (
    EventImportResult,
    ImportChange,
    ImportRefusal,
    ImportRow,
    MemberImportPreview,
    MemberImportResult,
)
from ..deps import CurrentAdmin, Db, ReadSession
from ..text import Line

router = APIRouter(prefix="/admin", tags=["admin"])
MAX_FILE = 5_000_000  # bytes; a network's member list or calendar is far smaller
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MemberFile = Annotated[
    bytes, Body(media_type="text/csv", description="the member list: CSV (any common encoding) or .xlsx")
]
IcsFile = Annotated[bytes, Body(media_type="text/calendar", description="the .ics file")]


def _checked(data: bytes) -> bytes:
    if len(data) > MAX_FILE:
        raise Invalid(f"the file is larger than {MAX_FILE // 1_000_000} MB")
    return data


def _unfit(exc: DataError) -> Invalid:
    """Last line of defence: a value the importers let through but the database refuses (the
    transaction is rolled back; it is the file's fault, so 422, not 500)."""
    return Invalid(f"nothing imported: a value in the file does not fit the database ({exc.orig})")


@router.post(
    "/members/import",
    response_model=MemberImportResult | MemberImportPreview,
    openapi_extra={"requestBody": {"content": {XLSX: {"schema": {"type": "string", "format": "binary"}}}}},
)
def import_members_file(
    body: MemberFile,
    who: CurrentAdmin,
    db: Db,
    dry_run: Annotated[bool, Query(description="only say what would happen; write nothing")] = False,
) -> MemberImportResult | MemberImportPreview:
    """Add or update members from CSV or XLSX (columns: docs/server-cli.md); all or nothing.

    The file is read and checked, and the preview made, before any writing transaction."""
    member_file = read_member_file(_checked(body))
    with db.read() as session:
        plan = preview(session, member_file)
    if dry_run:
        return _preview_answer(plan)
    if plan.refused:
        raise MemberImportError(plan.refused)
    try:
        with db.write() as session:
            summary = commit(session, plan)
            audit.record(
                session,
                actor=who.actor,
                action="member.import",
                detail=f"{summary.created} added, {summary.updated} updated, {summary.unchanged} unchanged",
            )
    except DataError as exc:
        raise _unfit(exc) from None
    return MemberImportResult(
        created=summary.created,
        updated=summary.updated,
        unchanged=summary.unchanged,
        warnings=list(plan.warnings),
    )


def _preview_answer(plan: ImportPlan) -> MemberImportPreview:
    counts = plan.counts()
    return MemberImportPreview(
        source=plan.source,
        warnings=list(plan.warnings),
        added=counts["added"],
        changed=counts["changed"],
        unchanged=counts["unchanged"],
        refused=counts["refused"],
        rows=[
            ImportRow(
                line=m.line,
                number=m.number,
                display_name=m.member.display_name,
                action=m.action,
                changes=[ImportChange(field=c.field, old=c.old, new=c.new) for c in m.changes],
            )
            for m in plan.members
        ],
        refusals=[ImportRefusal(**r.as_dict()) for r in plan.refused],
    )


@router.post("/events/import", response_model=EventImportResult)
def import_events_ics(
    body: IcsFile,
    who: CurrentAdmin,
    db: Db,
    space: Annotated[
        Line | None,
        Query(max_length=64, description="slug or name of the space for events without X-SPACE"),
    ] = None,
    strict: Annotated[bool, Query(description="refuse the file if any event is left out")] = False,
) -> EventImportResult:
    """Add or update events from iCalendar (re-import follows changes). Events that cannot be
    read or placed are left out and listed in `skipped` (`strict=true`: the file is refused).
    The file is parsed in a bounded child process before the writing transaction."""
    data = _checked(body)
    with db.read() as session:
        calendar = get_calendar(session)
        window = default_window(calendar.local_date(utc_now()), calendar.timezone)
    try:
        parsed = parse_ics_bounded(data, timezone=calendar.timezone, window=window)
    except IcsError as exc:
        message = str(exc)
        if not message.startswith("not "):
            message = f"not a readable iCalendar file: {message}"
        raise Invalid(message) from None
    try:
        with db.write() as session:
            summary = apply_events(session, parsed, default_space=space, strict=strict)
            audit.record(
                session,
                actor=who.actor,
                action="event.import",
                detail=f"{summary.created} added, {summary.updated} updated, {summary.cancelled} cancelled",
            )
    except DataError as exc:
        raise _unfit(exc) from None
    return EventImportResult(
        created=summary.created,
        updated=summary.updated,
        unchanged=summary.unchanged,
        cancelled=summary.cancelled,
        warnings=list(summary.warnings),
        skipped=list(summary.skipped),
    )


FileFormat = Literal["csv", "excel-de", "xlsx"]
_FILES = {
    200: {
        "content": {"text/csv": {}, XLSX: {}},
        "description": "CSV (RFC 4180, or Excel-DE: semicolons, BOM, decimal comma) or an Excel workbook",
    }
}


def _file(data: bytes, fmt: str, stem: str) -> Response:
    return Response(
        data,
        media_type=exports.media_type(fmt),
        headers={"Content-Disposition": f'attachment; filename="{stem}.{exports.extension(fmt)}"'},
    )


@router.get("/report", response_class=Response, responses=_FILES)  # type: ignore[arg-type]
def monthly_report(
    _: CurrentAdmin,
    session: ReadSession,
    month: Annotated[Line, Query(max_length=7, description="YYYY-MM, e.g. 2026-11")],
    format: Annotated[FileFormat, Query(description="csv, excel-de or xlsx")] = "csv",
    lang: Annotated[Literal["de", "en"], Query(description="language of the xlsx sheets")] = "de",
) -> Response:
    """The monthly report (guest days per host x home space, overshoots, overrides, day passes,
    denials)."""
    try:
        year, number = parse_month(month)
    except ValueError as exc:
        raise Invalid(str(exc)) from None
    network = get_network(session)
    rows = build_report(session, year, number)
    names = space_names(session)
    if format == "xlsx":
        data = report_xlsx(rows, year=year, month=number, names=names, network=network.name, lang=lang)
    else:
        data = report_csv(
            rows,
            year=year,
            month=number,
            names=names,
            dialect="excel-de" if format == "excel-de" else "rfc4180",
        )
    return _file(data, format, f"report-{year:04d}-{number:02d}")


@router.get("/members/export", response_class=Response, responses=_FILES)  # type: ignore[arg-type]
def export_members(
    _: CurrentAdmin,
    session: ReadSession,
    format: Annotated[FileFormat, Query(description="csv, excel-de or xlsx")] = "csv",
    space: Annotated[Line | None, Query(max_length=200, description="only this home space")] = None,
) -> Response:
    """The member list in the columns `member import` reads."""
    rows = exports.member_rows(session, space)
    return _file(exports.as_file(exports.MEMBER_COLUMNS, rows, format, "Mitglieder"), format, "members")


@router.get("/audit/export", response_class=Response, responses=_FILES)  # type: ignore[arg-type]
def export_audit(
    _: CurrentAdmin,
    session: ReadSession,
    format: Annotated[FileFormat, Query(description="csv, excel-de or xlsx")] = "csv",
    since: Annotated[date | None, Query(alias="from", description="first day, YYYY-MM-DD")] = None,
    until: Annotated[date | None, Query(alias="to", description="last day, YYYY-MM-DD")] = None,
) -> Response:
    """The audit log, oldest first, times in the network's zone."""
    rows = exports.audit_rows(session, since, until)
    return _file(exports.as_file(exports.AUDIT_COLUMNS, rows, format, "Audit-Log"), format, "audit")
