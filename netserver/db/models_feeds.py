"""Calendar feeds: iCalendar URLs the server fetches on a schedule (`event subscribe`).

The schedule, the HTTP validators (ETag, Last-Modified) and the outcome of the last fetch live
here, so every server process sees them. A process fetches a feed only after claiming it with a
lease (`lease_owner`, `lease_until`, see services/feeds.py), so several processes on several
hosts never fetch the same feed at once.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime


class CalendarFeed(Base):
    __tablename__ = "calendar_feeds"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    space_id: Mapped[int | None] = mapped_column(ForeignKey("spaces.id"), default=None)  # --space
    interval_minutes: Mapped[int] = mapped_column(Integer, default=60)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    next_fetch_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    etag: Mapped[str] = mapped_column(String(500), default="")
    last_modified: Mapped[str] = mapped_column(String(100), default="")
    last_fetch_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    last_status: Mapped[str] = mapped_column(String(32), default="")  # ok, not_modified, error
    last_error: Mapped[str] = mapped_column(Text, default="")
    last_summary: Mapped[str] = mapped_column(Text, default="")  # counts and warnings
    failures: Mapped[int] = mapped_column(Integer, default=0)  # in a row
    lease_owner: Mapped[str] = mapped_column(String(64), default="")
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
