"""Accounts of the web admin: add, list, disable, passwords (argon2) and one-time set-up links.

A user is a coordinator (role "network": every space) or a space's manager (role "space", bound
to one space). Names are sign-in names: case-insensitive, stored in lower case.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta
from typing import Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import AdminSession, AdminUser
from .clock import utc_now
from .errors import Conflict, Invalid, NotFound
from .spaces import get_space

ROLES: Final = ("network", "space")
MIN_PASSWORD: Final = 10
MAX_PASSWORD: Final = 200
SETUP_VALID: Final = timedelta(days=3)
_NAME: Final = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,63}$")
_hasher = PasswordHasher()  # argon2id with the library's (RFC 9106 low-memory) defaults
_DUMMY: list[str] = []  # a hash to check an unknown user's password against (made on first use)


def normalize_name(name: str) -> str:
    return name.strip().lower()


def check_password(password: str) -> str:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise Invalid(f"a password has {MIN_PASSWORD} to {MAX_PASSWORD} characters")
    return password


def add_user(session: Session, *, name: str, role: str, space: int | str | None = None) -> AdminUser:
    name = normalize_name(name)
    if not _NAME.match(name):
        raise Invalid("a user name has 2 to 64 letters, digits or . _ @ -, starting with a letter or digit")
    if role not in ROLES:
        raise Invalid(f"role must be one of {', '.join(ROLES)}")
    if role == "space" and space is None:
        raise Invalid("a space manager needs --space SLUG")
    if role == "network" and space is not None:
        raise Invalid("a network coordinator is not bound to a space (leave out --space)")
    if session.scalar(select(AdminUser.id).where(AdminUser.name == name)) is not None:
        raise Conflict(f"user {name!r} exists already")
    user = AdminUser(
        name=name,
        role=role,
        space_id=get_space(session, space).id if space is not None else None,
        password_hash="",
        active=True,
        created_at=utc_now(),
    )
    session.add(user)
    session.flush()
    return user


def get_user(session: Session, name_or_id: str | int) -> AdminUser:
    if isinstance(name_or_id, int):
        user = session.get(AdminUser, name_or_id)
    else:
        user = session.scalar(select(AdminUser).where(AdminUser.name == normalize_name(name_or_id)))
    if user is None:
        raise NotFound(f"no user {name_or_id!r}")
    return user


def list_users(session: Session, space_id: int | None = None) -> list[AdminUser]:
    query = select(AdminUser).order_by(AdminUser.name)
    if space_id is not None:
        query = query.where(AdminUser.space_id == space_id)
    return list(session.scalars(query))


def set_password(session: Session, user: AdminUser, password: str) -> None:
    user.password_hash = _hasher.hash(check_password(password))
    user.setup_hash = None
    user.setup_expires_at = None
    session.flush()


def disable_user(session: Session, name_or_id: str | int) -> AdminUser:
    """The user cannot sign in any more; their open sessions end at once."""
    user = get_user(session, name_or_id)
    user.active = False
    now = utc_now()
    for row in session.scalars(
        select(AdminSession).where(AdminSession.user_id == user.id, AdminSession.ended_at.is_(None))
    ):
        row.ended_at = now
    session.flush()
    return user


def verify_password(user: AdminUser | None, password: str) -> bool:
    """Constant work whether or not the user exists (no timing hint about names)."""
    if not _DUMMY:
        _DUMMY.append(_hasher.hash("an unknown user's password is checked against this"))
    stored = user.password_hash if user is not None and user.password_hash else _DUMMY[0]
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False
    return user is not None and bool(user.password_hash) and user.active


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_setup_token(session: Session, user: AdminUser, now: datetime | None = None) -> str:
    """A one-time secret for the set-up link (`/admin/setup/TOKEN`); only its hash is stored."""
    token = secrets.token_urlsafe(32)
    user.setup_hash = _digest(token)
    user.setup_expires_at = (now or utc_now()) + SETUP_VALID
    session.flush()
    return token


def user_for_setup(session: Session, token: str, now: datetime | None = None) -> AdminUser:
    user = session.scalar(select(AdminUser).where(AdminUser.setup_hash == _digest(token)))
    now = now or utc_now()
    if user is None or not user.active or user.setup_expires_at is None or user.setup_expires_at < now:
        raise NotFound("this set-up link is unknown, used or expired")
    return user
