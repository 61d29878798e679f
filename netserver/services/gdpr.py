"""The GDPR for members: everything stored about one member as a download, and erasure.

Erasure removes the name and the contact data (e-mail, phone) from the member row, which is
what kiosks hold too: the changed row reaches every kiosk with its next sync (`seq` moves), so
the name disappears there as well. The member number, the home space, the plan and the
check-ins stay, without a name, so the monthly settlement keeps its anonymous counts. The
membership is ended and the pass is withdrawn (the card stops working).
"""

from __future__ import annotations

from typing import Any, Final

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..db import AuditEntry, Checkin, Member, Overshoot, Pass
from . import audit
from .network import get_calendar
from .spaces import get_space

ERASED_NAME: Final = "–"


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


def erase_member(session: Session, member: Member, actor: str) -> None:
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
