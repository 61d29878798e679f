"""Member passes: a new secret each time; the server keeps only its hash."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.credentials import SERIAL_WIDTH, MemberPass, new_secret

from ..db import Pass
from .clock import utc_now
from .errors import Conflict
from .members import get_member

MAX_SERIAL = 32**SERIAL_WIDTH - 1


def issue_pass(session: Session, member_number: int) -> MemberPass:
    """Issue the member's next pass and return it (the only copy of its secret).

    Older cards of this member stop working: kiosks see the new serial with the next sync
    and answer `pass_replaced` for an older one.
    """
    member = get_member(session, member_number)
    serial = member.pass_serial + 1
    if serial > MAX_SERIAL:
        raise Conflict(f"member {member_number} has used up all {MAX_SERIAL} pass serials")
    now = utc_now()
    credential = MemberPass(secret=new_secret(), member_number=member.number, serial=serial)
    for old in session.scalars(
        select(Pass).where(Pass.member_number == member.number, Pass.replaced_at.is_(None))
    ):
        old.replaced_at = now
    session.add(
        Pass(member_number=member.number, serial=serial, secret_hash=credential.secret_hash(), issued_at=now)
    )
    member.pass_serial = serial
    member.secret_hash = credential.secret_hash()
    session.flush()
    return credential
