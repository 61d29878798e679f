"""The GDPR for members: everything stored about one member as a download, and erasure.

Erasure removes the name and the contact data (e-mail, phone) from the member row, which is
what kiosks hold too: the changed row reaches every kiosk with its next sync (`seq` moves), so
the name disappears there as well. The member number, the home space, the plan and the
check-ins stay, without a name, so the monthly settlement keeps its anonymous counts. The
membership is ended and the pass is withdrawn (the card stops working).

Free text about the member goes too: the reasons staff typed for an override or an undo (on
the check-in rows, the annulments and the kiosks' audit entries, which name the check-in's
nonce), the name inside stored online verdicts, the facts held for staff, the skills board
opt-in and its board rows, and the member page link. What stays is what the counts need:
admitted or not, the reason code, counted, the day and the space.
"""

from __future__ import annotations

import re
from typing import Any, Final

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from ..db import (
    Annulment,
    AuditEntry,
    Checkin,
    FactConflict,
    Member,
    MemberLink,
    Overshoot,
    Pass,
    SkillBoardEntry,
    SkillOptIn,
)
from . import audit
from .network import get_calendar
from .spaces import get_space
from .usage import chunks

ERASED_NAME: Final = "–"
_REASON: Final = re.compile(r"reason=.*$", re.DOTALL)  # the kiosk writes the reason last


def member_data(session: Session, member: Member) -> dict[str, Any]:
    """Everything the server stores about the member (times in the network's zone)."""
    calendar = get_calendar(session)

    def local(value: Any) -> str | None:
        return None if value is None else calendar.local(value).isoformat()

    checkins = session.scalars(
        select(Checkin).where(Checkin.member_number == member.number).order_by(Checkin.occurred_at)
    )
    passes = session.scalars(select(Pass).where(Pass.member_number == member.number).order_by(Pass.serial))
    overshoots = session.scalars(select(Overshoot).where(Overshoot.member_number == member.number))
    mentioned = f"member {member.number}"
    entries = session.scalars(
        select(AuditEntry)
        .where(or_(AuditEntry.detail.like(f"{mentioned}:%"), AuditEntry.detail == mentioned))
        .order_by(AuditEntry.at)
    )
    return {
        "member": {
            "number": member.number,
            "display_name": member.display_name,
            "email": member.email,
            "phone": member.phone,
            "home_space": get_space(session, member.home_space_id).slug,
            "plan": member.plan_code,
            "state": member.state,
            "created_at": local(member.created_at),
            "current_pass_serial": member.pass_serial,
        },
        "passes": [
            {"serial": p.serial, "issued_at": local(p.issued_at), "replaced_at": local(p.replaced_at)}
            for p in passes
        ],
        "checkins": [
            {
                "at": local(c.occurred_at),
                "space": get_space(session, c.space_id).slug,
                "reason": c.reason,
                "admitted": c.admitted,
                "guest_day": c.counted,
                "offline": c.offline,
                "method": c.method,
                "override_reason": c.override_reason,
                "annulled_at": local(c.annulled_at),
                "annul_reason": c.annul_reason,
            }
            for c in checkins
        ],
        "overshoots": [{"month": o.month, "allowed": o.allowed, "used": o.used} for o in overshoots],
        "audit": [
            {"at": local(e.at), "actor": e.actor, "action": e.action, "detail": e.detail} for e in entries
        ],
        "timezone": calendar.timezone,
    }


def _blank_reason(detail: str) -> str:
    """A kiosk's audit detail ("nonce=... denied=... reason=TEXT") without the typed text."""
    return _REASON.sub(f"reason={ERASED_NAME}", detail)


def _unnamed(verdict: dict[str, Any]) -> dict[str, Any]:
    """A stored online verdict without the member's name (its params fill the message)."""
    changed = dict(verdict)
    if "display_name" in changed:
        changed["display_name"] = ERASED_NAME
    params = changed.get("params")
    if isinstance(params, dict) and "name" in params:
        changed["params"] = {**params, "name": ERASED_NAME}
    return changed


def _erase_free_text(session: Session, member: Member) -> None:
    checkins = list(session.scalars(select(Checkin).where(Checkin.member_number == member.number)))
    nonces = {c.nonce for c in checkins}
    for checkin in checkins:
        if checkin.override_reason:
            checkin.override_reason = ERASED_NAME
        if checkin.annul_reason:
            checkin.annul_reason = ERASED_NAME
        if checkin.verdict:
            checkin.verdict = _unnamed(checkin.verdict)
    for batch in chunks(sorted(nonces)):
        for annulment in session.scalars(select(Annulment).where(Annulment.checkin_nonce.in_(batch))):
            annulment.reason = ERASED_NAME if annulment.reason else ""
    if nonces:  # the kiosks' override and undo entries name the check-in by its nonce
        first = min(c.occurred_at for c in checkins)
        for entry in session.scalars(
            select(AuditEntry).where(AuditEntry.at >= first, AuditEntry.detail.like("%reason=%"))
        ):
            named = {
                part.removeprefix("nonce=") for part in entry.detail.split() if part.startswith("nonce=")
            }
            if named & nonces:
                entry.detail = _blank_reason(entry.detail)
    for held in session.scalars(select(FactConflict).where(FactConflict.member_number == member.number)):
        if held.fact.get("override_reason"):
            held.fact = {**held.fact, "override_reason": ERASED_NAME}
    session.execute(delete(SkillOptIn).where(SkillOptIn.member_number == member.number))
    for row in session.scalars(select(SkillBoardEntry).where(SkillBoardEntry.member_number == member.number)):
        row.shown, row.first_name, row.topics = False, "", ""  # the next pull removes it from the boards
    session.execute(delete(MemberLink).where(MemberLink.member_number == member.number))


def erase_member(session: Session, member: Member, actor: str) -> None:
    _erase_free_text(session, member)
    member.display_name = ERASED_NAME
    member.email = None
    member.phone = None
    member.state = "ended"
    member.secret_hash = ""  # no card of theirs is verified any more
    audit.record(
        session,
        actor=actor,
        action="member.erase",
        space_id=member.home_space_id,
        detail=f"member {member.number}",
    )
    session.flush()
