"""Members for the web admin: search (by number or name, with filters), a member's usage this
month and history, and the changes a manager makes (edit, pause or end, re-issue a pass).

Search at 200,000 members: a number is a primary-key lookup; a name is matched case-blind
anywhere in the display name, read in `display_name` index order and cut at `limit` rows, so
a page never sorts or counts the whole table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.core.credentials import MemberPass

from ..db import Checkin, Member, Pass
from . import audit, members, passes
from .usage import month_bounds

PAGE: Final = 50
HISTORY: Final = 100


@dataclass(frozen=True, slots=True)
class SearchResult:
    members: list[Member]
    more: bool  # there are more than shown: narrow the search


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


def search(
    session: Session,
    q: str = "",
    *,
    space_id: int | None = None,
    plan: str | None = None,
    state: str | None = None,
    limit: int = PAGE,
) -> SearchResult:
    query = select(Member)
    text = q.strip()
    if text.isdigit() and len(text) <= 9:
        query = query.where(Member.number == int(text))
    elif text:
        query = query.where(func.lower(Member.display_name).like(_like(text), escape="\\"))
    if space_id is not None:
        query = query.where(Member.home_space_id == space_id)
    if plan:
        query = query.where(Member.plan_code == plan)
    if state:
        query = query.where(Member.state == state)
    rows = list(session.scalars(query.order_by(Member.display_name, Member.number).limit(limit + 1)))
    return SearchResult(rows[:limit], len(rows) > limit)


@dataclass(frozen=True, slots=True)
class Visit:
    occurred_at: object  # aware datetime
    space_id: int
    reason: str
    admitted: bool
    counted: bool
    offline: bool
    annulled: bool


def usage_this_month(session: Session, number: int, today: date) -> dict[int, int]:
    """space id -> admitted, not annulled visits in the month of `today`."""
    first, following = month_bounds(today)
    rows = session.execute(
        select(Checkin.space_id, func.count())
        .where(
            Checkin.member_number == number,
            Checkin.admitted.is_(True),
            Checkin.annulled_at.is_(None),
            Checkin.day >= first,
            Checkin.day < following,
        )
        .group_by(Checkin.space_id)
    )
    return {int(space_id): int(count) for space_id, count in rows}


def guest_days_used(session: Session, number: int, today: date) -> int:
    first, following = month_bounds(today)
    rows = session.execute(
        select(Checkin.day, Checkin.space_id)
        .where(
            Checkin.member_number == number,
            Checkin.counted.is_(True),
            Checkin.annulled_at.is_(None),
            Checkin.day >= first,
            Checkin.day < following,
        )
        .distinct()
    )
    return len(list(rows))


def history(session: Session, number: int, limit: int = HISTORY) -> list[Visit]:
    rows = session.scalars(
        select(Checkin)
        .where(Checkin.member_number == number, Checkin.replaced_at.is_(None))
        .order_by(Checkin.occurred_at.desc())
        .limit(limit)
    )
    return [
        Visit(
            r.occurred_at, r.space_id, r.reason, r.admitted, r.counted, r.offline, r.annulled_at is not None
        )
        for r in rows
    ]


def pass_history(session: Session, number: int) -> list[Pass]:
    return list(
        session.scalars(select(Pass).where(Pass.member_number == number).order_by(Pass.serial.desc()))
    )


def edit(session: Session, member: Member, actor: str, **changes: object) -> list[str]:
    """Apply `changes` (display_name, email, phone, plan, state); the names of changed fields,
    recorded in the audit log (field names only: no personal data in the log)."""
    before = {key: getattr(member, _column(key)) for key in changes}
    members.update_member(session, member.number, **changes)
    changed = [key for key in changes if getattr(member, _column(key)) != before[key]]
    if changed:
        audit.record(
            session,
            actor=actor,
            action="member.edit",
            space_id=member.home_space_id,
            detail=f"member {member.number}: {', '.join(changed)}",
        )
    return changed


def _column(key: str) -> str:
    return {"plan": "plan_code", "home_space": "home_space_id"}.get(key, key)


def reissue(session: Session, member: Member, actor: str) -> MemberPass:
    """A new pass; the old card stops working (kiosks learn it with their next sync)."""
    credential = passes.issue_pass(session, member.number)
    audit.record(
        session,
        actor=actor,
        action="pass.reissue",
        space_id=member.home_space_id,
        detail=f"member {member.number}: serial {credential.serial}",
    )
    return credential
