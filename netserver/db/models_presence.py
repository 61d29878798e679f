"""Who is here, by the hour: what each kiosk counted (kiosk/core/presence.py), for the dashboard."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime


class PresenceCount(Base):
    """People at the space at some time in one hour (the network's wall-clock hour, its start as
    a UTC instant), as one kiosk counted them. Numbers only, never who (docs/privacy.md). A
    kiosk sends an hour again when its count changes; the row keeps the newest."""

    __tablename__ = "presence_counts"
    __table_args__ = (
        Index("ix_presence_counts_space_hour", "space_id", "hour"),  # a space's dashboard
        Index("ix_presence_counts_hour", "hour"),  # the coordinator's (all spaces)
    )
    kiosk_id: Mapped[int] = mapped_column(ForeignKey("kiosks.id"), primary_key=True)
    hour: Mapped[datetime] = mapped_column(UTCDateTime, primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id"))
    present: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
