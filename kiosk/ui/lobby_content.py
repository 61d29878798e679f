"""What the lobby board shows, computed from events and equipment (Qt-free, pure).

Never a member's name: only events, spaces and equipment go in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from kiosk.ui.viewmodels import ElsewhereItem, EquipmentItem, EventItem, LobbyContent, SeriesHint

WEEK = 7
MISSED_DAYS = 7  # a series date that ended this recently (anywhere in the region) gets a "missed it?" hint
DEFAULT_LENGTH = timedelta(hours=2)  # an event without an end time is over this long after it began


def build_lobby(
    events: Iterable[EventItem],
    equipment: Iterable[EquipmentItem],
    space_id: int,
    space_names: Mapping[int, str],
    now: datetime,
) -> LobbyContent:
    """`now` is network-local (aware, like the events' start times); its date is "today"."""
    today = now.date()
    live = sorted((e for e in events if not e.cancelled), key=lambda e: e.starts_at)
    today_here = tuple(e for e in live if e.space_id == space_id and e.starts_at.date() == today)
    week_end = today + timedelta(days=WEEK)
    week_region = tuple(
        e
        for e in live
        if today < e.starts_at.date() <= week_end or (e.starts_at.date() == today and e.space_id != space_id)
    )
    return LobbyContent(
        space_name=space_names.get(space_id, ""),
        today_here=today_here,
        week_region=week_region,
        hints=tuple(series_hints(live, now)),
        ours=tuple(sorted((q for q in equipment if q.space_id == space_id), key=lambda q: q.name)),
        elsewhere=tuple(_elsewhere(list(equipment), space_id)),
    )


def series_hints(events: list[EventItem], now: datetime) -> list[SeriesHint]:
    """The "missed it? Next date: ..." hints: for each series with a date that has *ended* in the
    last MISSED_DAYS days, here or anywhere in the region, its next date that is still to come.

    Missed means ended: a date that is running or still ahead today is not missed, and while a
    series has such a date today (on the board itself) it gets no hint at all, so the board
    never says "breakfast missed?" under this morning's breakfast. A series whose only dates are
    ahead gets no hint either, nor one with no future date (nothing to go to). Events must be
    sorted by start, cancelled ones removed.
    """
    since = now - timedelta(days=MISSED_DAYS)
    missed = {e.series_key for e in events if e.series_key and since <= ended_at(e) <= now}
    today = now.date()
    on_today = {e.series_key for e in events if e.starts_at.date() == today and ended_at(e) > now}
    hints: list[SeriesHint] = []
    for key in sorted(missed - on_today, key=lambda k: _first_after(events, k, now)):
        nxt = next((e for e in events if e.series_key == key and e.starts_at > now), None)
        if nxt is not None:
            hints.append(SeriesHint(nxt.title, nxt.space_name, nxt.starts_at.date(), nxt.url))
    return hints


def ended_at(event: EventItem) -> datetime:
    """When the event is over: its end, or DEFAULT_LENGTH after its start when it has none."""
    return event.ends_at or event.starts_at + DEFAULT_LENGTH


def _first_after(events: list[EventItem], key: str, now: datetime) -> datetime:
    return next((e.starts_at for e in events if e.series_key == key and e.starts_at > now), now)


def _elsewhere(equipment: list[EquipmentItem], space_id: int) -> list[ElsewhereItem]:
    ours = {q.category for q in equipment if q.space_id == space_id and q.status == "ok"}
    found: dict[str, tuple[str, set[str]]] = {}
    for q in equipment:
        if q.space_id == space_id or q.category in ours or q.status != "ok":
            continue
        name, spaces = found.setdefault(q.category, (q.name, set()))
        spaces.add(q.space_name)
    return [ElsewhereItem(cat, name, tuple(sorted(spaces))) for cat, (name, spaces) in sorted(found.items())]
