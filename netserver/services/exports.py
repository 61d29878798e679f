"""Exports for the coordinator: the member list (the columns `member import` reads, so an edited
export can be imported again) and the audit log, as CSV (both dialects) or XLSX."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import AuditEntry, Member, Space
from .network import get_calendar
from .spaces import get_space
from .table_files import Sheet, write_csv, write_xlsx

MEMBER_COLUMNS: Final = ("number", "display_name", "home_space", "plan", "state", "email", "phone")
AUDIT_COLUMNS: Final = ("at", "actor", "space", "staff_id", "action", "detail")
FORMATS: Final = ("csv", "excel-de", "xlsx")
MAX_AUDIT_ROWS: Final = 500_000
EARLIEST: Final = date(2000, 1, 1)  # days outside these bounds are clamped (no datetime overflow)
LATEST: Final = date(9000, 1, 1)


def member_rows(session: Session, space: str | int | None = None) -> list[list[object]]:
    slugs = {space_id: slug for space_id, slug in session.execute(select(Space.id, Space.slug))}
    query = select(Member).order_by(Member.number)
    if space is not None:
        query = query.where(Member.home_space_id == get_space(session, space).id)
    return [
        [m.number, m.display_name, slugs.get(m.home_space_id, ""), m.plan_code, m.state, m.email, m.phone]
        for m in session.scalars(query)
    ]


def audit_rows(session: Session, start: date | None = None, end: date | None = None) -> list[list[object]]:
    """Entries from `start` to `end` (network-local days, both included), oldest first; times
    in the network's zone."""
    calendar = get_calendar(session)
    slugs = {space_id: slug for space_id, slug in session.execute(select(Space.id, Space.slug))}
    if start is not None and not EARLIEST <= start <= LATEST:
        start = max(EARLIEST, min(start, LATEST))  # no audit entry is older or newer
    if end is not None and not EARLIEST <= end <= LATEST:
        end = max(EARLIEST, min(end, LATEST))
    query = select(AuditEntry).order_by(AuditEntry.at, AuditEntry.id).limit(MAX_AUDIT_ROWS)
    if start is not None:
        query = query.where(AuditEntry.at >= calendar.day_start(start))
    if end is not None:
        query = query.where(AuditEntry.at < calendar.day_start(end + timedelta(days=1)))
    rows: list[list[object]] = []
    for entry in session.scalars(query):
        local: datetime = calendar.local(entry.at)  # with its offset (the autumn hour happens twice)
        space = slugs.get(entry.space_id, "") if entry.space_id is not None else ""
        rows.append([local, entry.actor, space, entry.staff_id, entry.action, entry.detail])
    return rows


def as_file(columns: tuple[str, ...], rows: list[list[object]], fmt: str, title: str) -> bytes:
    if fmt == "xlsx":
        return write_xlsx([Sheet(title, columns, rows)])
    return write_csv(columns, rows, "excel-de" if fmt == "excel-de" else "rfc4180")


def media_type(fmt: str) -> str:
    if fmt == "xlsx":
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return "text/csv; charset=utf-8"


def extension(fmt: str) -> str:
    return "xlsx" if fmt == "xlsx" else "csv"
