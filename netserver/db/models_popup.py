"""Pop-up coworking: a dated place (a café, a library) that belongs to a hosting space.

A pop-up is its own table rather than a space of kind 'popup' (docs/popups.md says why): its
kiosk is enrolled for the hosting space, with `Kiosk.popup_id` and an expiry; its check-ins
carry `Checkin.popup_id`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Synced, UTCDateTime


class Popup(Synced, Base):
    __tablename__ = "popups"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id"), index=True)  # the hosting space
    place: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300), default="")
    town: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    host_member: Mapped[int | None] = mapped_column(ForeignKey("members.number"), default=None)
    host_name: Mapped[str] = mapped_column(String(200), default="")  # a coordinator, or the member's
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(64), default="")  # "cli", "admin:3", "member:10001"
