"""Accounts of the web admin: users, their sessions and the sign-in throttle.

All three live in the database (not in a process), so several server processes behind a
reverse proxy share sign-ins, sign-outs and lock-outs.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime


class AdminUser(Base):
    """A coordinator (role "network", all spaces) or a space's manager (role "space")."""

    __tablename__ = "admin_users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)  # the sign-in name, lower case
    role: Mapped[str] = mapped_column(String(16))
    space_id: Mapped[int | None] = mapped_column(ForeignKey("spaces.id"), default=None)
    password_hash: Mapped[str] = mapped_column(String(200), default="")  # argon2; "" before set-up
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    setup_hash: Mapped[str | None] = mapped_column(String(64), default=None)  # one-time link
    setup_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class AdminSession(Base):
    """A signed-in browser. The cookie holds a random token; only its SHA-256 is stored."""

    __tablename__ = "admin_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256(token)
    user_id: Mapped[int] = mapped_column(ForeignKey("admin_users.id"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class SignInThrottle(Base):
    """Failed sign-ins per key ("name:anna", "addr:203.0.113.5") and how long it is locked."""

    __tablename__ = "signin_throttle"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
