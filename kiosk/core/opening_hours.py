"""A space's opening hours: "Mo-Fr 08:00-18:00; Sa 10:00-14:00" (a small subset of the
OpenStreetMap `opening_hours` syntax: day ranges or lists, then one or more time ranges).

Pure Python: the server validates and shows them, the kiosk can end a day at closing time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_DAY_NAMES = {
    "de": ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
_TIME_RANGE = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")
MAX_TEXT = 200


class OpeningHoursError(ValueError):
    """The text is not in the accepted syntax; the message says where."""


@dataclass(frozen=True, slots=True)
class OpeningHours:
    """Per weekday (0 = Monday) the open intervals, in local time of the network."""

    week: tuple[tuple[tuple[time, time], ...], ...]

    def on(self, weekday: int) -> tuple[tuple[time, time], ...]:
        return self.week[weekday]

    def closing_time(self, weekday: int) -> time | None:
        """The last closing time of the day, None if closed all day."""
        intervals = self.week[weekday]
        return max(end for _, end in intervals) if intervals else None

    def is_open(self, weekday: int, at: time) -> bool:
        return any(start <= at < end for start, end in self.week[weekday])


def _day(token: str) -> int:
    name = token.strip().capitalize()
    if name not in DAYS:
        raise OpeningHoursError(f"unknown day {token.strip()!r} (use {', '.join(DAYS)})")
    return DAYS.index(name)


def _days(spec: str) -> list[int]:
    found: list[int] = []
    for part in spec.split(","):
        if "-" in part:
            first, last = (_day(x) for x in part.split("-", 1))
            if last < first:
                raise OpeningHoursError(f"day range {part.strip()!r} runs backwards")
            found.extend(range(first, last + 1))
        else:
            found.append(_day(part))
    return found


def _time(hour: str, minute: str) -> time:
    h, m = int(hour), int(minute)
    if h == 24 and m == 0:
        return time(23, 59)
    if not (0 <= h <= 23 and 0 <= m <= 59):
        raise OpeningHoursError(f"not a time of day: {hour}:{minute}")
    return time(h, m)


def _times(spec: str) -> list[tuple[time, time]]:
    ranges = []
    for part in spec.split(","):
        match = _TIME_RANGE.match(part.strip())
        if not match:
            raise OpeningHoursError(f"not a time range like 08:00-18:00: {part.strip()!r}")
        start, end = _time(*match.group(1, 2)), _time(*match.group(3, 4))
        if end <= start:
            raise OpeningHoursError(f"time range {part.strip()!r} ends before it starts")
        ranges.append((start, end))
    return ranges


def parse(text: str) -> OpeningHours:
    """The opening hours of `text` ("" = no hours given: closed every day)."""
    if len(text) > MAX_TEXT:
        raise OpeningHoursError(f"opening hours may have at most {MAX_TEXT} characters")
    week: list[list[tuple[time, time]]] = [[] for _ in DAYS]
    for rule in filter(None, (r.strip() for r in text.split(";"))):
        days, _, times = rule.partition(" ")
        if not times.strip():
            raise OpeningHoursError(f"{rule!r}: give days, then times (e.g. Mo-Fr 08:00-18:00)")
        for weekday in _days(days):
            week[weekday] = sorted(week[weekday] + _times(times.replace(" ", "")))
    return OpeningHours(tuple(tuple(day) for day in week))


def _clock(value: time) -> str:
    return "24:00" if value == time(23, 59) else f"{value.hour:02d}:{value.minute:02d}"


def _day_label(days: list[int], names: tuple[str, ...]) -> str:
    """ "Mo–Fr", "Mo, Mi, Fr", "Mo–Mi, Fr": runs of three or more days as a range."""
    parts: list[str] = []
    run = [days[0]]
    for day in days[1:] + [-1]:
        if day == run[-1] + 1:
            run.append(day)
            continue
        if len(run) >= 3:
            parts.append(f"{names[run[0]]}–{names[run[-1]]}")
        else:
            parts.extend(names[d] for d in run)
        run = [day]
    return ", ".join(parts)


def describe(hours: OpeningHours, lang: str) -> list[tuple[str, str]]:
    """Lines for people: days with the same hours share a line ("Mo–Fr", "08:00–18:00")."""
    names = _DAY_NAMES["en" if lang == "en" else "de"]
    groups: dict[tuple[tuple[time, time], ...], list[int]] = {}
    for day, intervals in enumerate(hours.week):
        if intervals:
            groups.setdefault(intervals, []).append(day)
    return [
        (_day_label(days, names), ", ".join(f"{_clock(a)}–{_clock(b)}" for a, b in intervals))
        for intervals, days in groups.items()
    ]
