"""Rows that guard the counts and the doors (issue 13): closed months, facts held for staff,
and unauthenticated enrollment attempts (shared by every server process)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime


class ClosedMonth(Base):
    """A settled month (`coworking-netserver month close YYYY-MM`): its counts no longer change;
    facts that arrive for it are held as conflicts for staff."""

    __tablename__ = "closed_months"
    month: Mapped[date] = mapped_column(Date, primary_key=True)  # the first day
    closed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_by: Mapped[str] = mapped_column(String(64), default="cli")


class FactConflict(Base):
    """An uploaded fact that was not counted: dated before its kiosk was enrolled, in the future,
    or in a closed month. Kept whole, so staff can judge it (nothing is lost)."""

    __tablename__ = "fact_conflicts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nonce: Mapped[str] = mapped_column(String(32), unique=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id"), index=True)
    kiosk_id: Mapped[int | None] = mapped_column(ForeignKey("kiosks.id"), default=None)
    member_number: Mapped[int | None] = mapped_column(Integer, default=None)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    problem: Mapped[str] = mapped_column(String(32))  # before_enrollment, in_future, month_closed
    detail: Mapped[str] = mapped_column(Text, default="")
    fact: Mapped[dict[str, object]] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # staff's decision (services/conflicts.py): "counted" (stored as a check-in) or "dismissed"
    resolution: Mapped[str | None] = mapped_column(String(16), default=None)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    resolved_by: Mapped[str | None] = mapped_column(String(200), default=None)


class EnrollAttempt(Base):
    """One failed enrollment from a client address (rate limit, services/enroll_limit.py)."""

    __tablename__ = "enroll_attempts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
