"""The here-today skills board: a member's opt-in (first name, up to three topics) and the
board entries it makes at the space of a check-in, for that day only.

Nothing is shown without the opt-in. An entry is made when an opted-in member is admitted at a
space (online redeem or an uploaded check-in), or at once for today's check-ins when the member
opts in. Withdrawing empties every entry of the member (`shown` false, texts cleared): kiosks
pull that change with their next sync and drop the entry from the board. Kiosks keep entries of
today only (kiosk/store prunes older days).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.calendar import NetworkCalendar

from ..db import Checkin, SkillBoardEntry, SkillOptIn
from .clock import utc_now
from .errors import Invalid
from .network import get_calendar
from .usage import chunks

MAX_TOPICS = 3
MAX_FIRST_NAME = 50
MAX_TOPIC = 40


def clean(first_name: str, topics: list[str]) -> tuple[str, list[str]]:
    name = " ".join(first_name.split())
    kept = [" ".join(t.split()) for t in topics]
    kept = [t for t in kept if t][:MAX_TOPICS]
    if not name or len(name) > MAX_FIRST_NAME or any(len(t) > MAX_TOPIC for t in kept):
        raise Invalid(
            f"a first name of 1 to {MAX_FIRST_NAME} characters and topics of up to {MAX_TOPIC} characters"
        )
    if any(ord(c) < 32 or ord(c) == 127 for c in name + "".join(kept)):
        raise Invalid("no control characters")
    return name, kept


def opt_in(
    session: Session, member_number: int, first_name: str, topics: list[str], *, today: date | None = None
) -> SkillOptIn:
    """Opt in (or change what is shown); today's check-ins show it at once. `today`: the
    network-local date (default: now)."""
    name, kept = clean(first_name, topics)
    row = session.get(SkillOptIn, member_number)
    if row is None:
        row = SkillOptIn(member_number=member_number)
        session.add(row)
    row.first_name, row.topics, row.updated_at = name, "\n".join(kept), utc_now()
    today = today or get_calendar(session).local_date(utc_now())
    for entry in _entries(session, member_number, today):
        entry.first_name, entry.topics, entry.shown = row.first_name, row.topics, True
    for space_id in _checked_in_spaces(session, member_number, today):
        _entry(session, row, space_id, today)
    session.flush()
    return row


def withdraw(session: Session, member_number: int) -> None:
    row = session.get(SkillOptIn, member_number)
    if row is not None:
        session.delete(row)
    for entry in session.scalars(
        select(SkillBoardEntry).where(SkillBoardEntry.member_number == member_number)
    ):
        if entry.shown or entry.first_name or entry.topics:
            entry.shown, entry.first_name, entry.topics = False, "", ""
    session.flush()


def on_admitted(
    session: Session,
    visits: Iterable[tuple[int | None, int, date]],
    *,
    calendar: NetworkCalendar | None = None,
) -> None:
    """Called with the (member, space, day) of admitted check-ins: puts opted-in members on the
    board of that space, for today only (a check-in uploaded on a later day shows nothing).
    `calendar`: the network's, if the caller has it at hand (saves reading the network)."""
    today = (calendar or get_calendar(session)).local_date(utc_now())
    wanted = {(m, s) for m, s, d in visits if m is not None and d == today}
    if not wanted:
        return
    numbers = sorted({m for m, _ in wanted})
    optins: dict[int, SkillOptIn] = {}
    for batch in chunks(numbers):
        optins.update((o.member_number, o) for o in session.scalars(
            select(SkillOptIn).where(SkillOptIn.member_number.in_(batch))))  # fmt: skip
    for member_number, space_id in sorted(wanted):
        row = optins.get(member_number)
        if row is not None:
            _entry(session, row, space_id, today)


def _entries(session: Session, member_number: int, day: date) -> list[SkillBoardEntry]:
    query = select(SkillBoardEntry).where(
        SkillBoardEntry.member_number == member_number, SkillBoardEntry.day == day
    )
    return list(session.scalars(query))


def _checked_in_spaces(session: Session, member_number: int, day: date) -> set[int]:
    query = select(Checkin.space_id).where(
        Checkin.member_number == member_number,
        Checkin.day == day,
        Checkin.admitted.is_(True),
        Checkin.annulled_at.is_(None),
    )
    return set(session.scalars(query))


def _entry(session: Session, row: SkillOptIn, space_id: int, day: date) -> None:
    entry = session.scalar(
        select(SkillBoardEntry).where(
            SkillBoardEntry.member_number == row.member_number,
            SkillBoardEntry.space_id == space_id,
            SkillBoardEntry.day == day,
        )
    )
    if entry is None:
        entry = SkillBoardEntry(member_number=row.member_number, space_id=space_id, day=day)
        session.add(entry)
    if (entry.first_name, entry.topics, entry.shown) != (row.first_name, row.topics, True):
        entry.first_name, entry.topics, entry.shown = row.first_name, row.topics, True
    session.flush()


def board(session: Session, space_id: int, day: date) -> list[SkillBoardEntry]:
    query = select(SkillBoardEntry).where(
        SkillBoardEntry.space_id == space_id, SkillBoardEntry.day == day, SkillBoardEntry.shown.is_(True)
    )
    return list(session.scalars(query.order_by(SkillBoardEntry.id)))
