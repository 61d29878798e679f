"""What happens at the spaces: check-ins, annulments, overshoots, day passes, events, equipment."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Synced, UTCDateTime


class Checkin(Synced, Base):
    """One scan or desk action, admitted or denied, identified everywhere by its nonce."""

    __tablename__ = "checkins"
    __table_args__ = (
        Index("ix_checkins_member_day", "member_number", "day"),
        # the monthly report's and the dashboard's columns: their grouped passes read the index only
        Index(
            "ix_checkins_report",
            "day",
            "admitted",
            "counted",
            "reason",
            "space_id",
            "member_number",
            "annulled_at",
            "kiosk_id",
            "day_pass_number",
            "replaced_at",
            "occurred_at",
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nonce: Mapped[str] = mapped_column(String(32), unique=True)
    member_number: Mapped[int | None] = mapped_column(ForeignKey("members.number"), default=None)
    pass_serial: Mapped[int | None] = mapped_column(Integer, default=None)
    day_pass_valid_on: Mapped[date | None] = mapped_column(Date, default=None)
    day_pass_number: Mapped[int | None] = mapped_column(Integer, default=None)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id"), index=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    day: Mapped[date] = mapped_column(Date, index=True)  # network-local date
    kiosk_id: Mapped[int | None] = mapped_column(ForeignKey("kiosks.id"), default=None)
    reason: Mapped[str] = mapped_column(String(32))
    admitted: Mapped[bool] = mapped_column(Boolean)
    counted: Mapped[bool] = mapped_column(Boolean, default=False)
    offline: Mapped[bool] = mapped_column(Boolean, default=False)
    method: Mapped[str] = mapped_column(String(16), default="scan")
    staff_id: Mapped[int | None] = mapped_column(Integer, default=None)
    override_reason: Mapped[str | None] = mapped_column(Text, default=None)
    verdict: Mapped[dict[str, object] | None] = mapped_column(JSON, default=None)  # online redeem
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    annulled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    annulled_by: Mapped[int | None] = mapped_column(Integer, default=None)  # staff id
    annul_reason: Mapped[str | None] = mapped_column(Text, default=None)
    # an online verdict replaced by the kiosk's uploaded fact (the door's truth, services/facts.py)
    replaced_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # taken at a pop-up of `space_id` (its kiosk's pop-up, docs/popups.md): a visit in the report
    popup_id: Mapped[int | None] = mapped_column(ForeignKey("popups.id"), index=True, default=None)


class Annulment(Base):
    """An undo record (client id). Kept on its own so it may arrive before its check-in."""

    __tablename__ = "annulments"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    checkin_nonce: Mapped[str] = mapped_column(String(32), index=True)
    staff_id: Mapped[int | None] = mapped_column(Integer, default=None)
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    kiosk_id: Mapped[int | None] = mapped_column(ForeignKey("kiosks.id"), default=None)
    # the space of the kiosk that sent it: it applies only to a check-in at that space
    space_id: Mapped[int | None] = mapped_column(Integer, default=None)


class Overshoot(Synced, Base):
    """A member's network usage in a month went over the allowance (offline kiosks)."""

    __tablename__ = "overshoots"
    __table_args__ = (UniqueConstraint("member_number", "month"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_number: Mapped[int] = mapped_column(ForeignKey("members.number"))
    month: Mapped[str] = mapped_column(String(7))  # "2026-11"
    space_ids: Mapped[list[int]] = mapped_column(JSON)
    nonces: Mapped[list[str]] = mapped_column(JSON)
    allowed: Mapped[int] = mapped_column(Integer)
    used: Mapped[int] = mapped_column(Integer)
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DayPassRow(Synced, Base):
    __tablename__ = "day_passes"
    __table_args__ = (UniqueConstraint("space_id", "valid_on", "number"),)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # client id
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id"))
    valid_on: Mapped[date] = mapped_column(Date)
    number: Mapped[int] = mapped_column(Integer)
    secret_hash: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    staff_id: Mapped[int | None] = mapped_column(Integer, default=None)
    note: Mapped[str] = mapped_column(Text, default="")
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class Event(Synced, Base):
    __tablename__ = "events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(1000), default="")
    series_key: Mapped[str] = mapped_column(String(200), default="")
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    source_uid: Mapped[str | None] = mapped_column(String(500), unique=True, default=None)  # iCal UID
    # the calendar feed it came from (events removed at the source are deleted with the next fetch)
    feed_id: Mapped[int | None] = mapped_column(ForeignKey("calendar_feeds.id"), index=True, default=None)


class Equipment(Synced, Base):
    __tablename__ = "equipment"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(16), default="ok")
    note: Mapped[str] = mapped_column(Text, default="")
    status_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class EquipmentChange(Base):
    """A status change sent by a kiosk (client id, idempotent)."""

    __tablename__ = "equipment_changes"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    equipment_id: Mapped[int] = mapped_column(ForeignKey("equipment.id"))
    status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    staff_id: Mapped[int | None] = mapped_column(Integer, default=None)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    kiosk_id: Mapped[int | None] = mapped_column(ForeignKey("kiosks.id"), default=None)


class Tombstone(Synced, Base):
    """A deleted event, equipment item or staff member, so kiosks drop it too."""

    __tablename__ = "tombstones"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    object_id: Mapped[int] = mapped_column(Integer)
    space_id: Mapped[int | None] = mapped_column(Integer, default=None)
