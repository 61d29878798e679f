"""The network's organisation: network, spaces, plans, members, passes, staff, kiosks, tokens."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Synced, UTCDateTime
from .name_key import NAME_KEY_TYPE


class ChangeCounter(Base):
    """One row (id=1): the network-wide change sequence. Updated inside every writing
    transaction, which serialises sequence allocation with commit order."""

    __tablename__ = "change_counter"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class Network(Synced, Base):
    """One row (id=1): name, time zone and policy defaults."""

    __tablename__ = "network"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))
    default_guest_days: Mapped[int] = mapped_column(Integer)
    # whether a check-in at a pop-up uses a guest day (docs/popups.md); default: it does not
    popup_guest_day: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    instance_id: Mapped[str] = mapped_column(String(32))  # part of every sync cursor
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Space(Synced, Base):
    __tablename__ = "spaces"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    town: Mapped[str] = mapped_column(String(200), default="")
    lat: Mapped[float | None] = mapped_column(default=None)
    lon: Mapped[float | None] = mapped_column(default=None)
    # e.g. "Mo-Fr 08:00-18:00; Sa 10:00-14:00" (kiosk/core/opening_hours.py); "" = not given
    opening_hours: Mapped[str] = mapped_column(String(200), default="")
    capacity: Mapped[int] = mapped_column(Integer, default=0)  # desks; 0 = not given
    # a second scan when leaving checks out (kiosk/services/presence.py); off: it is a re-check-in
    checkout_by_scan: Mapped[bool] = mapped_column(Boolean, default=False)


class Plan(Synced, Base):
    __tablename__ = "plans"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    guest_days_per_month: Mapped[int] = mapped_column(Integer)


class Member(Synced, Base):
    """A member. `email`/`phone` never leave the server. `pass_serial`/`secret_hash` mirror
    the current pass (0 and "" before the first pass is issued)."""

    __tablename__ = "members"
    __table_args__ = (Index("ix_members_name_key", "name_key", "home_space_id", "number"),)
    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    display_name: Mapped[str] = mapped_column(String(200), index=True)
    # display_name normalised for the admin's search and its order (db/name_key.py), kept by a
    # mapper hook; byte order ("C") on PostgreSQL too, so a prefix is an index range everywhere
    name_key: Mapped[str] = mapped_column(NAME_KEY_TYPE, default="", server_default="")
    email: Mapped[str | None] = mapped_column(String(320), default=None)
    phone: Mapped[str | None] = mapped_column(String(64), default=None)
    home_space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id"), index=True)
    state: Mapped[str] = mapped_column(String(16), default="active")
    plan_code: Mapped[str] = mapped_column(ForeignKey("plans.code"))
    pass_serial: Mapped[int] = mapped_column(Integer, default=0)
    secret_hash: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Pass(Base):
    """Every pass ever issued; only the secret's hash is kept (the card is the only copy)."""

    __tablename__ = "passes"
    __table_args__ = (UniqueConstraint("member_number", "serial"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_number: Mapped[int] = mapped_column(ForeignKey("members.number"), index=True)
    serial: Mapped[int] = mapped_column(Integer)
    secret_hash: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    replaced_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class Staff(Synced, Base):
    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200))
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id"), index=True)
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Kiosk(Base):
    __tablename__ = "kiosks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # what the kiosk reported with its last sync (services/kiosks.py, KioskHealth), and when
    health: Mapped[dict[str, object] | None] = mapped_column(JSON, default=None)
    health_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # a pop-up's kiosk (docs/popups.md): its token is not accepted after `expires_at`
    popup_id: Mapped[int | None] = mapped_column(ForeignKey("popups.id"), default=None)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class EnrollmentCodeRow(Base):
    __tablename__ = "enrollment_codes"
    __table_args__ = (UniqueConstraint("space_id", "number"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id"))
    number: Mapped[int] = mapped_column(Integer)
    secret_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    kiosk_id: Mapped[int | None] = mapped_column(ForeignKey("kiosks.id"), default=None)
    popup_id: Mapped[int | None] = mapped_column(ForeignKey("popups.id"), default=None)


class AdminToken(Base):
    __tablename__ = "admin_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    label: Mapped[str] = mapped_column(String(200), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class AuditEntry(Base):
    """Staff actions from kiosks (client id) and admin actions (server-generated id)."""

    __tablename__ = "audit_log"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(64))  # "kiosk:3", "admin:1", "cli"
    space_id: Mapped[int | None] = mapped_column(ForeignKey("spaces.id"), default=None)
    staff_id: Mapped[int | None] = mapped_column(Integer, default=None)
    action: Mapped[str] = mapped_column(String(100))
    detail: Mapped[str] = mapped_column(Text, default="")
