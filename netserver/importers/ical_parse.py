"""Events from iCalendar (.ics) data: a pure parse step that expands recurrences over a window.

`icalendar` reads the file; `recurring-ical-events` expands each series (RRULE, RDATE, EXDATE,
RECURRENCE-ID, time zones: 19:00 stays 19:00 across a DST change). Times come back in UTC;
floating times and all-day events belong to the network's zone.

An event that cannot be read (no start, a broken DTSTART, a rule that repeats every minute, ...)
is listed in `ParsedCalendar.unreadable` with its UID, summary and reason, and the rest of the
calendar is read. Each series is checked before it is expanded so that no rule can make the
expansion run away: rules repeating every second or minute are refused, a rule may take at most
MAX_RULE_STEPS steps from its start to the window's end and a calendar MAX_CALENDAR_STEPS, and a
series yields at most MAX_INSTANCES occurrences. `ical_worker.parse_ics_bounded` runs this in a
child process with a deadline as well, for whatever the checks do not foresee.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any, Final
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar, Component

from kiosk.core.calendar import DEFAULT_TIMEZONE, NetworkCalendar

from .html_text import plain_description
from .text_decode import NotText, decode

WINDOW_BACK: Final = timedelta(days=30)
WINDOW_AHEAD: Final = timedelta(days=365)
MAX_INSTANCES: Final = 5000  # per series and import
MAX_RULE_STEPS: Final = 100_000  # rule periods from DTSTART to the window's end, per rule
MAX_CALENDAR_STEPS: Final = 2_000_000  # the same, summed over the calendar
MAX_EVENTS: Final = 50_000  # occurrences per calendar
MAX_UID: Final = 500
MAX_TITLE: Final = 300
MAX_SERIES_KEY: Final = 200
MAX_URL: Final = 1000
MAX_DESCRIPTION: Final = 10_000
_TIME_PROPERTIES: Final = ("DTSTART", "DTEND", "DURATION", "RECURRENCE-ID", "RRULE", "RDATE", "EXDATE")
_PERIOD: Final = {
    "YEARLY": timedelta(days=365),
    "MONTHLY": timedelta(days=28),
    "WEEKLY": timedelta(days=7),
    "DAILY": timedelta(days=1),
    "HOURLY": timedelta(hours=1),
}
_MONTH_DAYS: Final = {1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}
# What icalendar and recurring-ical-events raise on broken input (icalendar tolerates broken
# properties and fails only when they are used).
_BROKEN: Final = (ValueError, KeyError, IndexError, TypeError, AttributeError, OverflowError, LookupError)


class IcsError(ValueError):
    """The data is not a readable iCalendar file."""


@dataclass(frozen=True, slots=True)
class IcsEvent:
    """One occurrence. `source_uid` is stable across re-imports: the UID, plus the original
    start (the RECURRENCE-ID) for an instance of a recurring series."""

    source_uid: str
    uid: str
    title: str
    starts_at: datetime  # aware, UTC
    ends_at: datetime
    description: str = ""
    url: str = ""
    series_key: str = ""
    space_hint: str = ""  # X-SPACE: a space slug or name
    location: str = ""
    cancelled: bool = False


@dataclass(frozen=True, slots=True)
class Unreadable:
    """An event that was left out, and why."""

    uid: str
    summary: str
    reason: str

    def __str__(self) -> str:
        title = repr(self.summary) if self.summary else "(no summary)"
        return f"event {title} (UID {self.uid or '?'}): {self.reason}"


@dataclass(frozen=True, slots=True)
class ParsedCalendar:
    events: tuple[IcsEvent, ...]
    uids: frozenset[str]  # every UID in the file that was read, in or out of the window
    window: tuple[datetime, datetime]
    warnings: tuple[str, ...] = ()
    unreadable: tuple[Unreadable, ...] = field(default=())
    encoding: str = "UTF-8"


def default_window(today: date, timezone: str = DEFAULT_TIMEZONE) -> tuple[datetime, datetime]:
    """30 days back to 365 days ahead of `today`, local days in the network's zone."""
    calendar = NetworkCalendar(timezone)
    return calendar.day_start(today - WINDOW_BACK), calendar.day_start(today + WINDOW_AHEAD)


def series_key_for(title: str) -> str:
    """ "Digital-Stammtisch" and "digital stammtisch" share the key "digital-stammtisch"."""
    return re.sub(r"[\W_]+", "-", title.casefold()).strip("-")[:MAX_SERIES_KEY]


class _Unreadable(Exception):
    """One event cannot be read; the message is for people."""


# -- the file -------------------------------------------------------------------------------


def parse_ics(
    data: bytes | str, *, timezone: str = DEFAULT_TIMEZONE, window: tuple[datetime, datetime]
) -> ParsedCalendar:
    """Every event occurrence overlapping `window` [start, end); IcsError if the file as a whole
    is unreadable. Events that cannot be read are in `unreadable`, the rest are returned."""
    zone = ZoneInfo(timezone)
    warnings: list[str] = []
    encoding = "UTF-8"
    if isinstance(data, bytes):
        try:
            decoded = decode(data)
        except NotText as exc:
            raise IcsError(f"not a readable iCalendar file: {exc}") from None
        text, encoding = decoded.text, decoded.label
        if not decoded.is_utf8:
            warnings.append(
                f"the file is not UTF-8 (as iCalendar requires); it was read as {decoded.label}: "
                "check umlauts in titles and descriptions"
            )
    else:
        text = data
    if "\x00" in text:
        raise IcsError("not a readable iCalendar file: it contains a NUL character")
    if "BEGIN:VCALENDAR" not in text.upper():
        raise IcsError("not a readable iCalendar file: no BEGIN:VCALENDAR")
    try:
        calendar = Calendar.from_ical(text)
    except _BROKEN as exc:
        raise IcsError(f"not a readable iCalendar file: {_reason(exc)}") from None
    if isinstance(calendar, list):
        calendar = calendar[0]
    if not isinstance(calendar, Calendar) or calendar.name != "VCALENDAR":
        raise IcsError("not an iCalendar file (no VCALENDAR)")
    zones = {str(tz.get("TZID", "")) for tz in calendar.walk("VTIMEZONE")}
    groups: dict[str, list[Component]] = {}
    unreadable: list[Unreadable] = []
    for component in calendar.walk("VEVENT"):
        try:
            uid = _uid(component)
        except _BROKEN as exc:
            unreadable.append(Unreadable("", _summary(component), _reason(exc)))
            continue
        groups.setdefault(uid, []).append(component)
    budget = [MAX_CALENDAR_STEPS]
    events: list[IcsEvent] = []
    uids: set[str] = set()
    for uid, components in groups.items():
        try:
            found = _series(uid, components, calendar, zones, zone, window, warnings, budget)
        except _Unreadable as exc:
            unreadable.append(Unreadable(uid, _summary(components[0]), str(exc)))
            continue
        except _BROKEN as exc:
            unreadable.append(Unreadable(uid, _summary(components[0]), _reason(exc)))
            continue
        except RecursionError:
            unreadable.append(Unreadable(uid, _summary(components[0]), "the event is nested too deeply"))
            continue
        uids.add(uid)
        if len(events) + len(found) > MAX_EVENTS:
            warnings.append(f"only the first {MAX_EVENTS:,} events of the calendar were read")
            break
        events += found
    events.sort(key=lambda e: (e.starts_at, e.source_uid))
    return ParsedCalendar(
        tuple(events), frozenset(uids), window, tuple(warnings), tuple(unreadable), encoding
    )


def _reason(exc: BaseException) -> str:
    """A library's exception as a sentence for people, never a Python type error."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    if isinstance(exc, TypeError | AttributeError | KeyError | IndexError) or not text:
        return "the event's times or rules cannot be read"
    return text[:200]


def _summary(component: Component) -> str:
    return " ".join(str(component.get("SUMMARY", "")).split())[:MAX_TITLE]


def _uid(component: Component) -> str:
    uid = str(component.get("UID", "")).strip()
    if uid:
        return uid
    # No UID (not allowed, but seen): derive one from what identifies the event.
    start = component.get("DTSTART")
    stamp = start.to_ical().decode("ascii", "replace") if start is not None else ""
    seed = f"{component.get('SUMMARY', '')}|{stamp}"
    return "nouid-" + hashlib.sha256(seed.encode()).hexdigest()[:24]


def _source_uid(uid: str, key: str | None) -> str:
    text = uid if key is None else f"{uid}/{key}"
    return text if len(text) <= MAX_UID else "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def _rid(value: date | datetime, zone: tzinfo) -> str:
    """A recurrence id as stable text: UTC for timed instances, the date for all-day ones."""
    if isinstance(value, datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=zone)
        return aware.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return value.strftime("%Y%m%d")


def _localize(value: date | datetime, zone: tzinfo) -> datetime:
    """An aware datetime: floating times and dates belong to the network's zone."""
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=zone)
    return datetime.combine(value, time(0), tzinfo=zone)


# -- one series: check, then expand ----------------------------------------------------------


def _check(component: Component, zones: set[str], zone: ZoneInfo, warnings: list[str]) -> None:
    """Refuse what cannot be read; warn about what is read by a guess (an unknown TZID)."""
    broken = [name for name, _message in getattr(component, "errors", []) if name in _TIME_PROPERTIES]
    if broken:
        name = broken[0]
        value = component.get(name)
        raw = value.to_ical() if hasattr(value, "to_ical") else value
        shown = (raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw or ""))[:40]
        what = "rule" if name == "RRULE" else "date or time"
        raise _Unreadable(f"{name} {shown!r} is not a valid {what}")
    if component.get("DTSTART") is None:
        raise _Unreadable("it has no start (DTSTART)")
    start = component.decoded("DTSTART")
    if not isinstance(start, date):
        raise _Unreadable("DTSTART is not a date or time")
    for name in ("DTSTART", "DTEND", "RECURRENCE-ID"):
        prop = component.get(name)
        tzid = prop.params.get("TZID") if prop is not None and hasattr(prop, "params") else None
        if tzid and tzid not in zones and isinstance(getattr(prop, "dt", None), datetime):
            if prop.dt.tzinfo is None:
                message = f"{_describe(component)}: unknown time zone {tzid!r}, read as {zone.key}"
                if message not in warnings:
                    warnings.append(message)
    end = component.get("DTEND")
    if end is not None and isinstance(getattr(end, "dt", None), date):
        if _localize(end.dt, zone) < _localize(start, zone):
            raise _Unreadable("it ends before it starts")
    duration = component.get("DURATION")
    if duration is not None and isinstance(getattr(duration, "dt", None), timedelta):
        if duration.dt < timedelta(0):
            raise _Unreadable("it has a negative DURATION")


def _describe(component: Component) -> str:
    summary = _summary(component)
    return repr(summary) if summary else f"UID {component.get('UID', '?')}"


def _rule_steps(component: Component, zone: ZoneInfo, window_end: datetime) -> int:
    """How many periods the expansion walks from DTSTART to the window's end; _Unreadable for
    rules that repeat faster than hourly or can never produce a date."""
    rules = component.get("RRULE")
    if rules is None:
        return 0
    start = _localize(component.decoded("DTSTART"), zone)
    steps = 0
    for rule in rules if isinstance(rules, list) else [rules]:
        freq = str((rule.get("FREQ") or [""])[0]).upper()
        if freq in ("SECONDLY", "MINUTELY"):
            raise _Unreadable(f"it repeats {freq.lower()} (RRULE FREQ={freq}): not an event for the lobby")
        if freq not in _PERIOD:
            raise _Unreadable(f"its RRULE has no valid FREQ ({freq or 'none'})")
        interval = int((rule.get("INTERVAL") or [1])[0] or 1)
        if interval < 1:
            raise _Unreadable("its RRULE has an INTERVAL below 1")
        _never(rule)
        end = window_end
        until = (rule.get("UNTIL") or [None])[0]
        if isinstance(until, date):
            end = min(end, _localize(until, zone))
        span = max(end - start, timedelta(0))
        rule_steps = int(span / (_PERIOD[freq] * interval)) + 1
        if rule_steps > MAX_RULE_STEPS:
            since = start.date().isoformat()
            raise _Unreadable(
                f"its rule (FREQ={freq}) repeats {rule_steps:,} times between {since} and the end of "
                f"the import window; at most {MAX_RULE_STEPS:,} are read: start the series later"
            )
        steps += rule_steps
    return steps


def _until_as_day(component: Component, zone: ZoneInfo) -> None:
    """A timed series with a date as UNTIL (not allowed, but common) runs through that day, as
    the person who typed the date meant: UNTIL becomes 23:59:59 of that day, local time."""
    start = component.decoded("DTSTART")
    rules = component.get("RRULE")
    if not isinstance(start, datetime) or rules is None:
        return
    for rule in rules if isinstance(rules, list) else [rules]:
        until = (rule.get("UNTIL") or [None])[0]
        if isinstance(until, date) and not isinstance(until, datetime):
            last = datetime.combine(until, time(23, 59, 59), tzinfo=zone)
            rule["UNTIL"] = [last.astimezone(UTC) if start.tzinfo is not None else last.replace(tzinfo=None)]


def _never(rule: Any) -> None:
    """Rules whose BYMONTHDAY lies beyond every BYMONTH (30 February) never yield a date; the
    expansion would search until the year 9999."""
    months = [int(m) for m in rule.get("BYMONTH") or []] or list(range(1, 13))
    days = [int(d) for d in rule.get("BYMONTHDAY") or []]
    if days and not any(abs(d) <= _MONTH_DAYS.get(m, 31) for d in days for m in months):
        raise _Unreadable("its rule never produces a date (BYMONTHDAY is beyond the month)")


def _series(
    uid: str,
    components: list[Component],
    calendar: Calendar,
    zones: set[str],
    zone: ZoneInfo,
    window: tuple[datetime, datetime],
    warnings: list[str],
    budget: list[int],
) -> list[IcsEvent]:
    masters = [c for c in components if c.get("RECURRENCE-ID") is None]
    for component in components:
        _check(component, zones, zone, warnings)
    for component in masters:
        _until_as_day(component, zone)
    steps = sum(_rule_steps(c, zone, window[1]) for c in masters)
    if steps > budget[0]:
        raise _Unreadable(
            f"the calendar's rules repeat more than {MAX_CALENDAR_STEPS:,} times in all; this series "
            "was left out"
        )
    budget[0] -= steps
    recurring = bool(masters and (masters[0].get("RRULE") is not None or masters[0].get("RDATE") is not None))
    recurring = recurring or any(c.get("RECURRENCE-ID") is not None for c in components)
    master = masters[0] if masters else None
    series = _series_key(master, uid) if master is not None else ""
    single = Calendar()
    for name in ("VERSION", "PRODID", "X-WR-TIMEZONE"):
        if calendar.get(name) is not None:
            single.add(name, calendar.get(name))
    for tz in calendar.walk("VTIMEZONE"):
        single.add_component(tz)
    for component in components:
        single.add_component(component)
    lo, hi = window
    occurrences = recurring_ical_events.of(single).between(lo, hi)
    events: list[IcsEvent] = []
    for occurrence in occurrences:
        if len(events) >= MAX_INSTANCES:
            warnings.append(f"{_describe(components[0])}: only the first {MAX_INSTANCES} instances were read")
            break
        key = None
        if recurring:
            rid = occurrence.get("RECURRENCE-ID")
            original = rid.dt if rid is not None else occurrence.decoded("DTSTART")
            key = _rid(original, zone)
        event = _event(occurrence, uid, zone, key, series)
        if event.starts_at < hi and (event.ends_at > lo or event.starts_at >= lo):
            events.append(event)
    return events


def _series_key(component: Component, uid: str) -> str:
    title = " ".join(_text(component, "SUMMARY").split())[:MAX_TITLE] or "(untitled)"
    return _text(component, "X-SERIES", MAX_SERIES_KEY) or series_key_for(title) or uid[:MAX_SERIES_KEY]


def _text(component: Component, name: str, limit: int | None = None) -> str:
    value = component.get(name)
    text = "" if value is None else str(value).strip()
    return text[:limit] if limit else text


def _event(component: Component, uid: str, zone: tzinfo, key: str | None, series: str) -> IcsEvent:
    """`key`: the recurrence id of an instance (None for a single event); `series`: the series
    key of the master, which a moved or renamed instance keeps."""
    start = component.decoded("DTSTART")
    begins = _localize(start, zone)
    if component.get("DTEND") is not None:
        ends = _localize(component.decoded("DTEND"), zone)
    elif component.get("DURATION") is not None:
        ends = begins + component.decoded("DURATION")
    else:  # RFC 5545: a timed event without an end ends when it starts; a day lasts a day
        ends = begins if isinstance(start, datetime) else _localize(start + timedelta(days=1), zone)
    if not isinstance(start, datetime):  # all-day: local midnights, whatever the offsets say
        ends = max(ends, begins)
    title = " ".join(_text(component, "SUMMARY").split())[:MAX_TITLE] or "(untitled)"
    description = plain_description(_text(component, "DESCRIPTION"), _alt_description(component))
    return IcsEvent(
        source_uid=_source_uid(uid, key),
        uid=uid,
        title=title,
        starts_at=begins.astimezone(UTC),
        ends_at=ends.astimezone(UTC),
        description=description[:MAX_DESCRIPTION],
        url=_text(component, "URL", MAX_URL),
        series_key=_text(component, "X-SERIES", MAX_SERIES_KEY) or series or _series_key(component, uid),
        space_hint=_text(component, "X-SPACE"),
        location=" ".join(_text(component, "LOCATION").split()),
        cancelled=_text(component, "STATUS").upper() == "CANCELLED",
    )


def _alt_description(component: Component) -> str:
    """X-ALT-DESC;FMTTYPE=text/html (Outlook, Nextcloud)."""
    values: Iterable[Any] = component.get("X-ALT-DESC") or []
    if not isinstance(values, list):
        values = [values]
    for value in values:
        params = getattr(value, "params", {})
        if str(params.get("FMTTYPE", "text/html")).lower() == "text/html":
            return str(value)
    return ""
