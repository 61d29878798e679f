"""Member import in the web admin, over services/member_import.py (read, preview, commit).

- A space manager imports only their own space's members: a line whose home space is another
  one, or that would change a member of another space, is refused like any bad line.
- The preview page carries the file (not a server-side copy), and a fingerprint of what it
  showed; the commit previews the file again and imports only if the fingerprint is the same,
  all or nothing. So what is imported is exactly what was shown, even with several server
  processes and someone else editing members in between.
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Final

from sqlalchemy.orm import Session

from ..db import Database
from . import audit
from .member_import import (
    ImportPlan,
    ImportSummary,
    MemberFile,
    Refusal,
    StalePlan,
    commit,
    preview,
    read_member_file,
)
from .spaces import get_space

MAX_FILE: Final = 4 * 1024 * 1024


class ChangedSincePreview(Exception):
    """The preview made now differs from the one shown: show the new one instead."""

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__("members changed since the preview")
        self.plan = plan


def scoped_preview(
    session: Session, data: bytes | MemberFile, space_id: int | None, other_space: str
) -> ImportPlan:
    """The preview; for a manager (`space_id` set) lines of other spaces become refusals."""
    plan = preview(session, read_member_file(data) if isinstance(data, bytes) else data)
    if space_id is None:
        return plan
    own = get_space(session, space_id).slug
    kept, refused = [], list(plan.refused)
    for planned in plan.members:
        home_now = planned.before[1] if planned.before is not None else own
        if str(planned.member.home_space) != own or home_now != own:
            refused.append(Refusal(planned.line, other_space, field="home_space"))
        else:
            kept.append(planned)
    refused.sort(key=lambda r: (r.line, r.column or ""))
    return dataclasses.replace(plan, members=tuple(kept), refused=tuple(refused))


def fingerprint(plan: ImportPlan) -> str:
    digest = hashlib.sha256()
    for planned in plan.members:
        digest.update(
            repr((planned.line, planned.number, planned.action, planned.changes, planned.before)).encode()
        )
    for refusal in plan.refused:
        digest.update(repr(refusal.as_dict()).encode())
    return digest.hexdigest()


def preview_file(db: Database, data: bytes, space_id: int | None, other_space: str) -> ImportPlan:
    """The file read and checked outside any transaction, then previewed in a read one. Blocking:
    the web pages call it in a worker thread, never on the event loop."""
    member_file = read_member_file(data)
    with db.read() as session:
        return scoped_preview(session, member_file, space_id, other_space)


def commit_previewed(
    db: Database, data: bytes, shown: str, space_id: int | None, other_space: str, actor: str
) -> ImportSummary:
    """Import `data` if its preview now is the one shown (`shown`, its fingerprint); otherwise
    raise ChangedSincePreview with the new one. The preview is made in a read transaction and
    only the commit in a writing one, which re-checks every member the preview saw (`StalePlan`:
    someone edited one in between), so the write lock is held only for the writing."""
    member_file = read_member_file(data)
    with db.read() as session:
        plan = scoped_preview(session, member_file, space_id, other_space)
    if fingerprint(plan) != shown:
        raise ChangedSincePreview(plan)
    try:
        with db.write() as session:
            summary = commit(session, plan)
            audit.record(
                session,
                actor=actor,
                action="member.import",
                space_id=space_id,
                detail=f"{summary.created} added, {summary.updated} changed, {summary.unchanged} unchanged",
            )
    except StalePlan:
        raise ChangedSincePreview(preview_file(db, data, space_id, other_space)) from None
    return summary
