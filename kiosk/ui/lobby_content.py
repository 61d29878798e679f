"""What the lobby board shows, computed from events and equipment (Qt-free, pure).

Never a member's name: only events, spaces and equipment go in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from kiosk.ui.viewmodels import ElsewhereItem, EquipmentItem, EventItem, LobbyContent, SeriesHint

WEEK = 7


def build_lobby(
    events: Iterable[EventItem],
    equipment: Iterable[EquipmentItem],
    space_id: int,
    space_names: Mapping[int, str],
    today: date,
) -> LobbyContent:
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
        hints=tuple(series_hints(live, space_id, today)),
        ours=tuple(sorted((q for q in equipment if q.space_id == space_id), key=lambda q: q.name)),
        elsewhere=tuple(_elsewhere(list(equipment), space_id)),
    )


def series_hints(events: list[EventItem], space_id: int, today: date) -> list[SeriesHint]:
    """For each series that already ran here (or runs here today), the next date elsewhere."""
    hints: list[SeriesHint] = []
    seen: set[str] = set()
    for past in events:
        key = past.series_key
        if not key or key in seen or past.space_id != space_id or past.starts_at.date() > today:
            continue
        upcoming = [e for e in events if e.series_key == key and e.starts_at.date() > today]
        if not upcoming:
            continue
        nxt = upcoming[0]
        seen.add(key)
        hints.append(SeriesHint(nxt.title, nxt.space_name, nxt.starts_at.date(), nxt.url))
    return hints


def _elsewhere(equipment: list[EquipmentItem], space_id: int) -> list[ElsewhereItem]:
    ours = {q.category for q in equipment if q.space_id == space_id and q.status == "ok"}
    found: dict[str, tuple[str, set[str]]] = {}
    for q in equipment:
        if q.space_id == space_id or q.category in ours or q.status != "ok":
            continue
        name, spaces = found.setdefault(q.category, (q.name, set()))
        spaces.add(q.space_name)
    return [ElsewhereItem(cat, name, tuple(sorted(spaces))) for cat, (name, spaces) in sorted(found.items())]
