"""Members: add, update, look up. E-mail and phone stay on the server (never synced)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.core.credentials import MEMBER_NUMBER_WIDTH
from kiosk.core.models import MemberRecord, MemberState

from ..db import Member
from ..db.sequence import exclusive
from .clock import utc_now
from .errors import Conflict, Invalid, NotFound
from .network import DEFAULT_PLAN
from .spaces import get_plan, get_space

FIRST_MEMBER_NUMBER = 10001
MAX_MEMBER_NUMBER = 32**MEMBER_NUMBER_WIDTH - 1
STATES = tuple(state.value for state in MemberState)


def _check_state(state: str) -> str:
    if state not in STATES:
        raise Invalid(f"member state must be one of {', '.join(STATES)}")
    return state


def next_member_number(session: Session) -> int:
    top = session.scalar(select(func.max(Member.number)))
    return FIRST_MEMBER_NUMBER if top is None else max(int(top) + 1, FIRST_MEMBER_NUMBER)


def add_member(
    session: Session,
    *,
    display_name: str,
    home_space: int | str,
    plan: str = DEFAULT_PLAN,
    number: int | None = None,
    email: str | None = None,
    phone: str | None = None,
    state: str = "active",
) -> Member:
    display_name = display_name.strip()
    if not display_name or len(display_name) > 200:
        raise Invalid("a member needs a display name of 1 to 200 characters")
    space = get_space(session, home_space)
    plan = get_plan(session, plan).code
    exclusive(session, "member-numbers")  # max(number), or the check below, must not race a writer
    if number is None:
        number = next_member_number(session)
    elif not 1 <= number <= MAX_MEMBER_NUMBER:
        raise Invalid(f"member number must be between 1 and {MAX_MEMBER_NUMBER}")
    elif session.get(Member, number) is not None:
        raise Conflict(f"member {number} exists already")
    member = Member(
        number=number,
        display_name=display_name,
        email=email or None,
        phone=phone or None,
        home_space_id=space.id,
        state=_check_state(state),
        plan_code=plan,
        pass_serial=0,
        secret_hash="",
        created_at=utc_now(),
    )
    session.add(member)
    session.flush()
    return member


def get_member(session: Session, number: int) -> Member:
    member = session.get(Member, number)
    if member is None:
        raise NotFound(f"no member {number}")
    return member


def update_member(session: Session, number: int, **changes: Any) -> Member:
    """Change any of display_name, email, phone, home_space, state, plan."""
    member = get_member(session, number)
    for key, value in changes.items():
        if value is None and key not in ("email", "phone"):
            continue
        if key == "display_name":
            if not str(value).strip():
                raise Invalid("a member needs a display name")
            member.display_name = str(value).strip()
        elif key in ("email", "phone"):
            setattr(member, key, value or None)
        elif key == "home_space":
            member.home_space_id = get_space(session, value).id
        elif key == "state":
            member.state = _check_state(str(value))
        elif key == "plan":
            member.plan_code = get_plan(session, str(value)).code
        else:
            raise Invalid(f"unknown member field {key!r}")
    session.flush()
    return member


def member_record(member: Member) -> MemberRecord:
    return MemberRecord(
        number=member.number,
        display_name=member.display_name,
        home_space_id=member.home_space_id,
        state=MemberState(member.state),
        plan=member.plan_code,
        pass_serial=member.pass_serial,
        secret_hash=member.secret_hash,
    )
