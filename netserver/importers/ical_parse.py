"""Events from iCalendar (.ics) data: a pure parse step that expands recurrences over a window.

Uses `icalendar` to read and `dateutil.rrule` (an icalendar dependency) to expand RRULE/RDATE
minus EXDATE, with instances moved or cancelled by a RECURRENCE-ID component applied. Times
are expanded in the event's own zone (19:00 stays 19:00 across a DST change) and returned in
UTC; floating times and all-day events belong to the network's zone.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any, Final
from zoneinfo import ZoneInfo

from dateutil.rrule import rruleset, rrulestr
from icalendar import Calendar, Component

from kiosk.core.calendar import DEFAULT_TIMEZONE, NetworkCalendar

WINDOW_BACK: Final = timedelta(days=30)
WINDOW_AHEAD: Final = timedelta(days=365)
MAX_INSTANCES: Final = 5000  # per series and import: a guard against FREQ=MINUTELY accidents
MAX_UID: Final = 500
MAX_TITLE: Final = 300
MAX_SERIES_KEY: Final = 200
MAX_URL: Final = 1000


# What icalendar and dateutil raise on broken input (icalendar tolerates broken properties and
# fails only when they are used, sometimes with AttributeError).
_BROKEN: Final = (ValueError, KeyError, IndexError, TypeError, AttributeError, OverflowError)


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
class ParsedCalendar:
    events: tuple[IcsEvent, ...]
    uids: frozenset[str]  # every UID in the file, in or out of the window
    window: tuple[datetime, datetime]
    warnings: tuple[str, ...] = ()


def default_window(today: date, timezone: str = DEFAULT_TIMEZONE) -> tuple[datetime, datetime]:
    """30 days back to 365 days ahead of `today`, local days in the network's zone."""
    calendar = NetworkCalendar(timezone)
    return calendar.day_start(today - WINDOW_BACK), calendar.day_start(today + WINDOW_AHEAD)


def series_key_for(title: str) -> str:
    """ "Digital-Stammtisch" and "digital stammtisch" share the key "digital-stammtisch"."""
    return re.sub(r"[\W_]+", "-", title.casefold()).strip("-")[:MAX_SERIES_KEY]


def parse_ics(
    data: bytes | str, *, timezone: str = DEFAULT_TIMEZONE, window: tuple[datetime, datetime]
) -> ParsedCalendar:
    """Every event occurrence overlapping `window` [start, end); IcsError if unreadable."""
    zone = ZoneInfo(timezone)
    nul = b"\x00" if isinstance(data, bytes) else "\x00"
    if nul in data:  # type: ignore[operator]  # bytes in bytes, str in str
        raise IcsError("not a readable iCalendar file: it contains a NUL character")
    try:
        calendar = Calendar.from_ical(data)
    except _BROKEN as exc:
        raise IcsError(f"not a readable iCalendar file: {exc}") from None
    if not isinstance(calendar, Calendar) or calendar.name != "VCALENDAR":
        raise IcsError("not an iCalendar file (no VCALENDAR)")
    masters: dict[str, Component] = {}
    overrides: dict[str, dict[str, Component]] = {}
    warnings: list[str] = []
    for component in calendar.walk("VEVENT"):
        try:
            uid = _uid(component)
            if component.get("RECURRENCE-ID") is not None:
                key = _rid(component.decoded("RECURRENCE-ID"), zone)
                overrides.setdefault(uid, {})[key] = component
            else:
                masters[uid] = component
        except _BROKEN as exc:
            raise IcsError(f"event {_describe(component)}: {exc}") from None
    events: list[IcsEvent] = []
    for uid, master in masters.items():
        try:
            events += _expand(uid, master, overrides.pop(uid, {}), zone, window, warnings)
        except _BROKEN as exc:
            raise IcsError(f"event {_describe(master)}: {exc}") from None
    for uid, orphans in overrides.items():  # instances whose series is not in the file
        for key, component in orphans.items():
            try:
                event = _event(component, uid, zone, key)
            except _BROKEN as exc:
                raise IcsError(f"event {_describe(component)}: {exc}") from None
            if _overlaps(event, window):
                events.append(event)
    events.sort(key=lambda e: (e.starts_at, e.source_uid))
    uids = frozenset(masters) | frozenset(overrides)
    return ParsedCalendar(tuple(events), uids, window, tuple(warnings))


def _describe(component: Component) -> str:
    summary = str(component.get("SUMMARY", "")).strip()
    return repr(summary) if summary else f"UID {component.get('UID', '?')}"


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


def _times(component: Component, zone: tzinfo) -> tuple[date | datetime, timedelta]:
    """DTSTART as given and the duration (DTEND, DURATION, or RFC 5545's defaults)."""
    if component.get("DTSTART") is None:
        raise ValueError("DTSTART is missing")
    start = component.decoded("DTSTART")
    if component.get("DTEND") is not None:
        end = component.decoded("DTEND")
        duration = _localize(end, zone) - _localize(start, zone)
    elif component.get("DURATION") is not None:
        duration = component.decoded("DURATION")
    else:
        duration = timedelta(days=1) if not isinstance(start, datetime) else timedelta(0)
    if duration < timedelta(0):
        raise ValueError("it ends before it starts")
    return start, duration


def _text(component: Component, name: str, limit: int | None = None) -> str:
    value = component.get(name)
    text = "" if value is None else str(value).strip()
    return text[:limit] if limit else text


def _event(
    component: Component,
    uid: str,
    zone: tzinfo,
    key: str | None,
    start: date | datetime | None = None,
    series: str = "",
) -> IcsEvent:
    """`key`: the recurrence id of an instance (None for a single event); `series`: the
    series key of the master, which a moved or renamed instance keeps."""
    own_start, duration = _times(component, zone)
    begins = _localize(start if start is not None else own_start, zone)
    title = " ".join(_text(component, "SUMMARY").split())[:MAX_TITLE] or "(untitled)"
    return IcsEvent(
        source_uid=_source_uid(uid, key),
        uid=uid,
        title=title,
        starts_at=begins.astimezone(UTC),
        ends_at=(begins + duration).astimezone(UTC),
        description=_text(component, "DESCRIPTION"),
        url=_text(component, "URL", MAX_URL),
        series_key=_text(component, "X-SERIES", MAX_SERIES_KEY)
        or series
        or series_key_for(title)
        or uid[:MAX_SERIES_KEY],
        space_hint=_text(component, "X-SPACE"),
        location=_text(component, "LOCATION"),
        cancelled=_text(component, "STATUS").upper() == "CANCELLED",
    )


def _overlaps(event: IcsEvent, window: tuple[datetime, datetime]) -> bool:
    start, end = window
    return event.starts_at < end and (event.ends_at > start or event.starts_at >= start)


def _expand(
    uid: str,
    master: Component,
    overrides: dict[str, Component],
    zone: tzinfo,
    window: tuple[datetime, datetime],
    warnings: list[str],
) -> list[IcsEvent]:
    if master.get("RRULE") is None and master.get("RDATE") is None:
        event = _event(master, uid, zone, None)
        return [event] if _overlaps(event, window) else []
    start, duration = _times(master, zone)
    series = _event(master, uid, zone, None).series_key
    all_day = not isinstance(start, datetime)
    # All-day series expand on naive local midnights; timed ones on aware local times.
    first = datetime.combine(start, time(0)) if all_day else _localize(start, zone)
    rules = rruleset()
    for rule in _as_list(master.get("RRULE")):
        rules.rrule(rrulestr(f"RRULE:{_rule_text(rule, first, zone)}", dtstart=first))
    for value in _dates(master.get("RDATE")):
        rules.rdate(_expansion_time(value, all_day, zone))
    if master.get("RRULE") is None:
        rules.rdate(first)
    excluded = {_rid(v, zone) for v in _dates(master.get("EXDATE"))}
    lo, hi = window
    if all_day:
        lo_q, hi_q = lo.astimezone(zone).replace(tzinfo=None), hi.astimezone(zone).replace(tzinfo=None)
    else:
        lo_q, hi_q = lo, hi
    events: list[IcsEvent] = []
    # Lazily, so that a FREQ=MINUTELY accident stops at the cap instead of filling memory.
    for count, occurrence in enumerate(rules.xafter(lo_q - duration, count=MAX_INSTANCES + 1, inc=True)):
        if occurrence >= hi_q:
            break
        if count >= MAX_INSTANCES:
            warnings.append(f"{_describe(master)}: only the first {MAX_INSTANCES} instances were imported")
            break
        instance: date | datetime = occurrence.date() if all_day else occurrence
        key = _rid(instance, zone)
        if key in excluded:
            continue
        component = overrides.pop(key, None)
        if component is not None:
            event = _event(component, uid, zone, key, series=series)
        else:
            event = _event(master, uid, zone, key, start=instance)
        if _overlaps(event, window):
            events.append(event)
    for key, component in overrides.items():  # moved into the window from outside it
        if key not in excluded:
            event = _event(component, uid, zone, key, series=series)
            if _overlaps(event, window):
                events.append(event)
    return events


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _dates(value: Any) -> Iterable[date | datetime]:
    """The values of EXDATE/RDATE properties (one or several lines; periods give their start)."""
    for prop in _as_list(value):
        for item in prop.dts:
            dt = item.dt
            yield dt[0] if isinstance(dt, tuple) else dt


def _expansion_time(value: date | datetime, all_day: bool, zone: tzinfo) -> datetime:
    if all_day:
        return datetime.combine(value.date() if isinstance(value, datetime) else value, time(0))
    return _localize(value, zone)


def _rule_text(rule: Any, first: datetime, zone: tzinfo) -> str:
    """The RRULE as text for dateutil, with UNTIL made to agree with DTSTART: in UTC for a timed
    series (dateutil insists), naive local for an all-day one."""
    rule = rule.copy()
    untils = rule.get("UNTIL")
    if untils:
        until = untils[0]
        if first.tzinfo is None:  # all-day series
            if isinstance(until, datetime):
                until = until.astimezone(zone).replace(tzinfo=None) if until.tzinfo else until
            else:
                until = datetime.combine(until, time(0))
            rule["UNTIL"] = [until]
        else:
            if not isinstance(until, datetime):
                until = datetime.combine(until, time(23, 59, 59), tzinfo=zone)
            elif until.tzinfo is None:
                until = until.replace(tzinfo=zone)
            rule["UNTIL"] = [until.astimezone(UTC)]
    text: str = rule.to_ical().decode("ascii")
    return text
