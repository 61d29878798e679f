"""Members for the web admin: search (by number or name, with filters), a member's usage this
month and history, and the changes a manager makes (edit, pause or end, re-issue a pass).

Search at 200,000 members: a number is a primary-key lookup. A name is matched in
`members.name_key` (db/name_key.py: case-folded, accents removed, so "muller" finds "Müller"),
through the index `ix_members_name_key (name_key, home_space_id, number)`, in two steps:
names that begin with the text (one index range), then names that hold it anywhere else (a scan
of that narrow index, in its order, which stops at `limit` rows; the space filter is in the
index too). Only the numbers of one page are read from the index; then those members. A page
never sorts or counts the whole table. docs/admin.md has the figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from kiosk.core.credentials import MemberPass

from ..db import Checkin, Member, Pass
from ..db.name_key import TOP, name_key
from . import audit, member_links, members, passes
from .usage import month_bounds

PAGE: Final = 50
HISTORY: Final = 100


@dataclass(frozen=True, slots=True)
class SearchResult:
    members: list[Member]
    more: bool  # there are more than shown: narrow the search


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search(
    session: Session,
    q: str = "",
    *,
    space_id: int | None = None,
    plan: str | None = None,
    state: str | None = None,
    limit: int = PAGE,
) -> SearchResult:
    text = q.strip()
    key = name_key(text)
    filters: list[ColumnElement[bool]] = []
    if space_id is not None:
        filters.append(Member.home_space_id == space_id)
    if plan:
        filters.append(Member.plan_code == plan)
    if state:
        filters.append(Member.state == state)
    if text.isdigit() and len(text) <= 9:
        numbers = _numbers(session, [Member.number == int(text), *filters], limit + 1)
    elif key:
        begins = [Member.name_key >= key, Member.name_key < key + TOP]
        numbers = _numbers(session, [*begins, *filters], limit + 1)
        if len(numbers) <= limit:  # then the names that hold the text further in
            inside = Member.name_key.like(f"%{_escaped(key)}%", escape="\\")
            elsewhere = or_(Member.name_key < key, Member.name_key >= key + TOP)
            numbers += _numbers(session, [inside, elsewhere, *filters], limit + 1 - len(numbers))
    else:
        numbers = _numbers(session, filters, limit + 1)
    found = {m.number: m for m in session.scalars(select(Member).where(Member.number.in_(numbers)))}
    rows = [found[n] for n in numbers if n in found]
    return SearchResult(rows[:limit], len(rows) > limit)


def _numbers(session: Session, where: list[ColumnElement[bool]], limit: int) -> list[int]:
    """Member numbers in name order, read from the name index alone where `where` allows."""
    query = select(Member.number).where(*where).order_by(Member.name_key, Member.number).limit(limit)
    return list(session.scalars(query))


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


def new_link(
    session: Session, member: Member, actor: str, *, new_pass: bool
) -> tuple[str, MemberPass | None]:
    """A new member page link (the old one stops working at once); with `new_pass` a new card
    too, sealed with the link so the member page shows it. Returns (link secret, the new pass):
    both exist only in this answer, the server keeps their hashes."""
    credential = passes.issue_pass(session, member.number) if new_pass else None
    secret = member_links.create_link(session, member.number, credential)
    card = f", pass serial {credential.serial}" if credential is not None else ""
    audit.record(
        session,
        actor=actor,
        action="member.link_new",
        space_id=member.home_space_id,
        detail=f"member {member.number}: new member page link{card}",
    )
    return secret, credential
