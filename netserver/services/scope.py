"""Who may see and change what in the web admin: the checks every admin route calls.

A coordinator (role "network") acts on every space; a space manager (role "space") only on
their own. The checks raise `Forbidden` (403) before anything of another space is read into an
answer, so a hidden link is never the only protection.
"""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from ..db import Checkin, Member
from .admin_sessions import SignedIn
from .errors import Forbidden
from .members import get_member
from .spaces import get_space


def is_network(who: SignedIn) -> bool:
    return who.role == "network"


def require_network(who: SignedIn) -> None:
    if not is_network(who):
        raise Forbidden("only the network's coordinator may do this")


def require_space(who: SignedIn, space_id: int | None) -> None:
    """`space_id` is the space the object belongs to (None: the network as a whole)."""
    if is_network(who):
        return
    if space_id is None or space_id != who.space_id:
        raise Forbidden("this belongs to another space")


def space_filter(session: Session, who: SignedIn, requested: str | None) -> int | None:
    """The space a list is limited to: the manager's own (asking for another: 403), or for a
    coordinator the requested one (None: all spaces)."""
    if requested:
        space_id = get_space(session, requested).id
        require_space(who, space_id)
        return space_id
    return None if is_network(who) else who.space_id


def visited(session: Session, member_number: int, space_id: int) -> bool:
    return bool(
        session.scalar(
            select(exists().where(Checkin.member_number == member_number, Checkin.space_id == space_id))
        )
    )


def member_to_read(session: Session, who: SignedIn, number: int) -> Member:
    """A member the user may see: their space's members and guests who visited it."""
    member = get_member(session, number)
    if is_network(who) or member.home_space_id == who.space_id:
        return member
    if who.space_id is not None and visited(session, number, who.space_id):
        return member
    raise Forbidden("this member belongs to another space")


def member_to_change(session: Session, who: SignedIn, number: int) -> Member:
    """A member the user may change: only the home space's manager (or the coordinator)."""
    member = get_member(session, number)
    require_space(who, member.home_space_id)
    return member
