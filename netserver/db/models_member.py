"""The members' side (issue 19): member page links, the wrong-link counter, the skills board."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Synced, UTCDateTime


class MemberLink(Base):
    """A member's current page link. The link is a secret like a token: only its SHA-256 is
    kept. `sealed_pass` is the pass text of serial `pass_serial`, sealed (AES-GCM) under a key
    derived from the link itself, so the server can show the pass only to whoever holds the
    link ("" when no pass was sealed with this link)."""

    __tablename__ = "member_links"
    member_number: Mapped[int] = mapped_column(ForeignKey("members.number"), primary_key=True)
    link_hash: Mapped[str] = mapped_column(String(64), unique=True)
    sealed_pass: Mapped[str] = mapped_column(Text, default="")
    pass_serial: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class LinkFailure(Base):
    """One wrong member page link from a client (SHA-256 of its address): the rate limit's
    state, shared by every server process; rows older than the window are deleted."""

    __tablename__ = "member_link_failures"
    __table_args__ = (Index("ix_member_link_failures_client_at", "client", "at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class SkillOptIn(Base):
    """A member's opt-in to the here-today skills board: first name and up to three topics."""

    __tablename__ = "skill_optins"
    member_number: Mapped[int] = mapped_column(ForeignKey("members.number"), primary_key=True)
    first_name: Mapped[str] = mapped_column(String(50))
    topics: Mapped[str] = mapped_column(String(300), default="")  # "\n"-separated, at most three
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SkillBoardEntry(Synced, Base):
    """What one space's lobby shows for one member on one day. Kiosks of that space pull it;
    withdrawing empties it (`shown` false, texts cleared), so the next pull removes it."""

    __tablename__ = "skill_board"
    __table_args__ = (UniqueConstraint("member_number", "space_id", "day"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_number: Mapped[int] = mapped_column(ForeignKey("members.number"), index=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id"), index=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    first_name: Mapped[str] = mapped_column(String(50), default="")
    topics: Mapped[str] = mapped_column(String(300), default="")
    shown: Mapped[bool] = mapped_column(default=True)
