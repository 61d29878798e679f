"""The audit log: staff actions from kiosks and admin actions on the server."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.orm import Session

from ..db import AuditEntry
from .clock import utc_now


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    detail: str = "",
    space_id: int | None = None,
    staff_id: int | None = None,
    entry_id: str | None = None,
    at: datetime | None = None,
) -> AuditEntry:
    entry = AuditEntry(
        id=entry_id or uuid.uuid4().hex,
        at=at or utc_now(),
        actor=actor,
        space_id=space_id,
        staff_id=staff_id,
        action=action,
        detail=detail,
    )
    session.add(entry)
    session.flush()
    return entry
