"""Store records -> the screens' view models (the only place that knows both shapes)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from kiosk.core.calendar import NetworkCalendar
from kiosk.ui.viewmodels import (
    CheckinRow,
    ConflictRow,
    EquipmentItem,
    EventItem,
    MemberRow,
    PopupItem,
    SyncView,
)


def event_item(e: Any, names: Mapping[int, str], cal: NetworkCalendar) -> EventItem:
    return EventItem(
        e.id,
        e.title,
        e.space_id,
        names.get(e.space_id, ""),
        cal.local(e.starts_at),
        cal.local(e.ends_at) if e.ends_at else None,
        e.url,
        e.series_key,
        bool(e.cancelled),
    )


def popup_item(p: Any, names: Mapping[int, str], cal: NetworkCalendar) -> PopupItem:
    return PopupItem(
        p.id,
        p.place,
        p.address,
        p.town,
        names.get(p.space_id, ""),
        cal.local(p.starts_at),
        cal.local(p.ends_at),
    )


def equipment_item(q: Any, names: Mapping[int, str]) -> EquipmentItem:
    return EquipmentItem(
        q.id, q.name, q.category or q.name, q.space_id, names.get(q.space_id, ""), q.status, q.note or ""
    )


def member_row(m: Any, names: Mapping[int, str]) -> MemberRow:
    return MemberRow(m.number, m.display_name, names.get(m.home_space_id, ""), str(m.state))


def checkin_row(c: Any, cal: NetworkCalendar, left: Mapping[int, list[Any]] | None = None) -> CheckinRow:
    """`left`: the day's check-outs by member (kiosk/store/presence.py); the row shows the first
    one after this check-in."""
    gone = [t for t in (left or {}).get(c.member_number, []) if t > c.occurred_at] if c.admitted else []
    return CheckinRow(
        c.nonce,
        cal.local(c.occurred_at),
        c.member_number,
        c.display_name or "",
        c.reason,
        c.admitted,
        c.offline,
        c.method,
        c.annulled,
        c.override_reason or "",
        _person(c),
        cal.local(gone[0]) if gone else None,
    )


def _person(c: Any) -> object:
    """One member, one day pass, or (an override without a pass) one check-in."""
    if c.member_number is not None:
        return ("member", c.member_number)
    if getattr(c, "day_pass_number", None) is not None:
        return ("day_pass", c.day.isoformat(), c.day_pass_number)
    return ("checkin", c.nonce)


def conflict_rows(items: Iterable[Any], names: Mapping[int, str]) -> list[ConflictRow]:
    return [
        ConflictRow(
            o.member_number,
            o.display_name or "",
            o.month,
            ", ".join(names.get(s, f"#{s}") for s in o.space_ids),
            o.detected_at,
        )
        for o in items
    ]


def sync_view(s: Any, cal: NetworkCalendar | None = None) -> SyncView:
    """The sync state for the desk; times in the network's time zone (`cal`)."""

    def local(moment: Any) -> Any:
        return cal.local(moment) if cal is not None and moment is not None else moment

    return SyncView(
        bool(s.online),
        s.reason_key,
        local(s.last_success),
        s.last_error_key,
        int(s.pending or 0),
        float(s.clock_skew_seconds or 0.0),
        local(getattr(s, "next_attempt", None)),
    )
