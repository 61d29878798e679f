"""Web admin sessions: sign in (throttled), look up a session (idle expiry), sign out.

The browser's cookie holds a random 256-bit token; the database keeps its SHA-256 as the
session id, so a stolen database does not yield usable cookies, and nothing a browser sends can
be forged into a session. Each session has its own CSRF token, which every form carries.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import AdminSession, AdminUser
from . import admin_users, audit, signin_throttle
from .clock import utc_now
from .errors import DomainError

IDLE: Final = timedelta(minutes=30)
LIFETIME: Final = timedelta(hours=12)
TOUCH_EVERY: Final = timedelta(seconds=60)


class SignInLocked(DomainError):
    code, status = "signin_locked", 429

    def __init__(self, until: datetime) -> None:
        super().__init__("too many failed sign-ins; try again later")
        self.until = until


@dataclass(frozen=True, slots=True)
class SignedIn:
    """Who a session belongs to: what the admin's access checks need (scope.py)."""

    user_id: int
    name: str
    role: str
    space_id: int | None
    csrf: str
    session_id: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def throttle_keys(name: str, address: str) -> list[str]:
    return [f"name:{admin_users.normalize_name(name)[:150]}", f"addr:{address[:150]}"]


def check_not_locked(session: Session, name: str, address: str, now: datetime | None = None) -> None:
    until = signin_throttle.locked_until(session, throttle_keys(name, address), now or utc_now())
    if until is not None:
        raise SignInLocked(until)


def sign_in(session: Session, name: str, password: str, address: str) -> tuple[str, SignedIn] | None:
    """(cookie token, who) for a right name and password; None for a wrong one (the failure is
    recorded in this transaction, which the caller commits); SignInLocked while locked."""
    now = utc_now()
    keys = throttle_keys(name, address)
    check_not_locked(session, name, address, now)
    try:
        user: AdminUser | None = admin_users.get_user(session, name)
    except DomainError:
        user = None
    if user is None or not admin_users.verify_password(user, password):
        signin_throttle.record_failure(session, keys, now)
        audit.record(
            session,
            actor=f"web:{admin_users.normalize_name(name)[:40]}",
            action="admin.signin_failed",
            detail=f"from {address[:100]}",
            space_id=user.space_id if user else None,
        )
        return None
    signin_throttle.clear(session, keys[0])
    token = secrets.token_urlsafe(32)
    row = AdminSession(
        id=_digest(token), user_id=user.id, csrf=secrets.token_urlsafe(32), created_at=now, last_seen_at=now
    )
    session.add(row)
    audit.record(
        session,
        actor=actor(user.name),
        action="admin.signin",
        detail=f"from {address[:100]}",
        space_id=user.space_id,
    )
    session.flush()
    return token, _signed_in(user, row)


def actor(name: str) -> str:
    return f"web:{name}"[:64]


def _signed_in(user: AdminUser, row: AdminSession) -> SignedIn:
    return SignedIn(user.id, user.name, user.role, user.space_id, row.csrf, row.id)


def current(session: Session, token: str, now: datetime | None = None) -> tuple[SignedIn, bool] | None:
    """(who, whether last_seen should be touched) for a live session's token; None if the token
    is unknown, ended, idle for longer than IDLE, older than LIFETIME, or its user is disabled."""
    if not token or len(token) > 200:
        return None
    now = now or utc_now()
    found = session.execute(
        select(AdminSession, AdminUser)
        .join(AdminUser, AdminUser.id == AdminSession.user_id)
        .where(AdminSession.id == _digest(token))
    ).first()
    if found is None:
        return None
    row, user = found
    if row.ended_at is not None or not user.active:
        return None
    if now - row.last_seen_at > IDLE or now - row.created_at > LIFETIME:
        return None
    return _signed_in(user, row), now - row.last_seen_at > TOUCH_EVERY


def touch(session: Session, session_id: str, now: datetime | None = None) -> None:
    row = session.get(AdminSession, session_id)
    if row is not None:
        row.last_seen_at = now or utc_now()
        session.flush()


def sign_out(session: Session, who: SignedIn) -> None:
    row = session.get(AdminSession, who.session_id)
    if row is not None and row.ended_at is None:
        row.ended_at = utc_now()
        audit.record(session, actor=actor(who.name), action="admin.signout", space_id=who.space_id)
    session.flush()
