"""Bearer tokens for kiosks and admins: random, shown once, stored as SHA-256, revocable."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.orm import Session

from ..db import AdminToken, Kiosk
from .clock import utc_now
from .errors import NotFound, TokenRevoked, Unauthorized

KIOSK_PREFIX = "cwk_"
ADMIN_PREFIX = "cwa_"


def new_token(prefix: str) -> str:
    return prefix + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_admin_token(session: Session, label: str = "") -> str:
    """A new admin token; the caller shows it once (only its hash is stored)."""
    token = new_token(ADMIN_PREFIX)
    session.add(AdminToken(label=label.strip(), token_hash=token_hash(token), created_at=utc_now()))
    session.flush()
    return token


def revoke_admin_token(session: Session, token_id: int) -> AdminToken:
    row = session.get(AdminToken, token_id)
    if row is None:
        raise NotFound(f"no admin token {token_id}")
    if row.revoked_at is None:
        row.revoked_at = utc_now()
    session.flush()
    return row


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: a kiosk (with its space) or an admin."""

    kind: str  # "kiosk" | "admin"
    id: int
    space_id: int | None = None
    last_seen_at: datetime | None = None
    revoked_at: datetime | None = None  # only ever set with authenticate(allow_revoked=True)
    popup_id: int | None = None  # a pop-up's kiosk (docs/popups.md)

    @property
    def actor(self) -> str:
        return f"{self.kind}:{self.id}"


_kiosks, _admins = Kiosk.__table__.c, AdminToken.__table__.c
# Built once, Core not ORM: the caller of every API request is looked up with these (issue 14)
_KIOSK_BY_HASH = select(
    _kiosks.id,
    _kiosks.space_id,
    _kiosks.last_seen_at,
    _kiosks.revoked_at,
    _kiosks.expires_at,
    _kiosks.popup_id,
).where(_kiosks.token_hash == bindparam("digest"))
_ADMIN_BY_HASH = select(_admins.id, _admins.revoked_at).where(_admins.token_hash == bindparam("digest"))


def authenticate(db: Connection | Session, token: str, *, allow_revoked: bool = False) -> Principal:
    """The principal for a bearer token; Unauthorized / TokenRevoked otherwise.

    `allow_revoked`: a revoked kiosk is let in (with `revoked_at` set) for the few endpoints
    that take what it recorded before its revocation and tell it that it was revoked."""
    digest = {"digest": token_hash(token)}
    if token.startswith(ADMIN_PREFIX):
        admin = db.execute(_ADMIN_BY_HASH, digest).first()
        if admin is None:
            raise Unauthorized("unknown token")
        if admin.revoked_at is not None:
            raise TokenRevoked("this admin token was revoked")
        return Principal("admin", admin.id)
    kiosk = db.execute(_KIOSK_BY_HASH, digest).first()
    if kiosk is None:
        raise Unauthorized("unknown token")
    if kiosk.revoked_at is not None and not allow_revoked:
        raise TokenRevoked("this kiosk was revoked; enroll it again")
    revoked_at = kiosk.revoked_at
    if kiosk.expires_at is not None and kiosk.expires_at <= utc_now():
        # a pop-up's kiosk after the pop-up: treated like a revoked one from its end on (the
        # uploads still take what it recorded before the end)
        if not allow_revoked:
            raise TokenRevoked("this pop-up kiosk's enrollment ended with its pop-up")
        revoked_at = min(revoked_at, kiosk.expires_at) if revoked_at else kiosk.expires_at
    return Principal("kiosk", kiosk.id, kiosk.space_id, kiosk.last_seen_at, revoked_at, kiosk.popup_id)


def list_admin_tokens(session: Session) -> list[AdminToken]:
    """Every admin token (its hash only: the token itself was shown once)."""
    return list(session.scalars(select(AdminToken).order_by(AdminToken.id)))
