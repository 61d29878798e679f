"""The audit log as the web admin reads it: newest first, filtered by space, kind and days,
and exported (CSV, Excel-DE, xlsx; netserver/services/exports.py). A space manager sees only
entries of their space."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import AuditEntry
from . import exports
from .network import get_calendar
from .spaces import get_space

SHOWN: Final = 200


def entries(
    session: Session,
    *,
    space_id: int | None,
    action: str = "",
    start: date | None = None,
    end: date | None = None,
    limit: int = SHOWN,
) -> list[AuditEntry]:
    calendar = get_calendar(session)
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id).limit(limit)
    if space_id is not None:
        query = query.where(AuditEntry.space_id == space_id)
    if action:
        escaped = action.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(AuditEntry.action.like(f"{escaped}%", escape="\\"))
    if start is not None:
        query = query.where(AuditEntry.at >= calendar.day_start(max(start, exports.EARLIEST)))
    if end is not None:
        query = query.where(AuditEntry.at < calendar.day_start(min(end, exports.LATEST) + timedelta(days=1)))
    return list(session.scalars(query))


def export(
    session: Session, *, space_id: int | None, start: date | None, end: date | None, fmt: str
) -> bytes:
    rows = exports.audit_rows(session, start, end)
    if space_id is not None:
        slug = get_space(session, space_id).slug
        rows = [row for row in rows if row[2] == slug]
    return exports.as_file(exports.AUDIT_COLUMNS, rows, fmt, "Audit-Log")
