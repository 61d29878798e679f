"""Who is here: stays at a space from check-ins, check-outs and the space's closing time.

Pure Python (the kiosk counts with it; the rules are documented in docs/presence.md):
- a stay starts with an admitted check-in of the day and ends at the person's check-out (a
  second scan at a space that has check-out by scanning turned on) or else at the space's
  closing time of that day (from its opening hours); with no opening hours, or a check-in on
  a closed day or after closing time, at the end of the day;
- a person is present while one of their stays has not ended; a later check-in after a
  check-out starts a new stay;
- all times are instants (UTC); days and closing times are the network's (its time zone).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from .calendar import NetworkCalendar
from .opening_hours import OpeningHours, OpeningHoursError, parse

CHECKOUT_MIN_GAP = timedelta(minutes=2)  # a second scan sooner is a double scan, not leaving
GOODBYE_KEY = "presence.goodbye"  # the message of a check-out's verdict (kiosk.core.messages)


def is_goodbye_key(message_key: str) -> bool:
    """A check-out's message: "presence.goodbye" (a member) or "presence.goodbye.visitor"."""
    return message_key == GOODBYE_KEY or message_key.startswith(GOODBYE_KEY + ".")


@dataclass(frozen=True, slots=True)
class Movement:
    """One person coming in (`arrived`) or leaving, at `at`. `who` is any stable key
    ("m:1234" for a member, "d:77" for a day pass)."""

    who: str
    at: datetime
    arrived: bool


@dataclass(frozen=True, slots=True)
class Stay:
    who: str
    start: datetime
    end: datetime


def closing_instant(day: date, hours_text: str, calendar: NetworkCalendar) -> datetime | None:
    """The space's last closing time on `day` as an instant; None: no hours that day (or none
    given, or unreadable ones): stays then end with the day."""
    try:
        hours: OpeningHours = parse(hours_text)
    except OpeningHoursError:
        return None
    closing = hours.closing_time(day.weekday())
    if closing is None:
        return None
    if closing == time(23, 59):  # "24:00"
        return calendar.day_start(day + timedelta(days=1))
    return datetime.combine(day, closing, tzinfo=calendar.tz).astimezone(UTC)


def stays(movements: Iterable[Movement], day: date, hours_text: str, calendar: NetworkCalendar) -> list[Stay]:
    """The stays of `day` from its movements (in any order)."""
    day_end = calendar.day_start(day + timedelta(days=1))
    closing = closing_instant(day, hours_text, calendar)

    def natural_end(start: datetime) -> datetime:
        return closing if closing is not None and start < closing else day_end

    found: list[Stay] = []
    ordered = sorted(movements, key=lambda m: (m.who, m.at, not m.arrived))
    for who, group in itertools.groupby(ordered, key=lambda m: m.who):
        start: datetime | None = None
        for move in group:
            if move.arrived and start is None:
                start = move.at
            elif not move.arrived and start is not None:
                found.append(Stay(who, start, min(move.at, natural_end(start))))
                start = None
        if start is not None:
            found.append(Stay(who, start, natural_end(start)))
    return found


def present(all_stays: Sequence[Stay], at: datetime) -> int:
    """People here at `at`: one of their stays has begun and not ended."""
    return len({s.who for s in all_stays if s.start <= at < s.end})


def is_present(all_stays: Sequence[Stay], who: str, at: datetime) -> bool:
    return any(s.who == who and s.start <= at < s.end for s in all_stays)


def hour_bounds(day: date, calendar: NetworkCalendar) -> list[tuple[datetime, datetime]]:
    """The network's wall-clock hours of `day` as [start, end) instants (a skipped spring hour
    is empty, a repeated autumn hour is two hours long)."""
    starts = [datetime.combine(day, time(h), tzinfo=calendar.tz).astimezone(UTC) for h in range(24)]
    starts.append(calendar.day_start(day + timedelta(days=1)))
    return list(itertools.pairwise(starts))


def by_hour(all_stays: Sequence[Stay], day: date, calendar: NetworkCalendar) -> list[int]:
    """People here at some time in each local hour (0-23) of `day`."""
    return [
        len({s.who for s in all_stays if s.start < end and s.end > start}) if end > start else 0
        for start, end in hour_bounds(day, calendar)
    ]
