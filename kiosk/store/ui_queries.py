"""Read-only queries of the kiosk's screens (desk, lobby, status) over the local store.

A mixin of `Store` (kiosk/store/store.py), which owns the connection `db`.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from kiosk.core.models import MemberRecord
from kiosk.core.wire import iso_utc, parse_iso

from .connection import Database
from .records import Equipment, Event, Overshoot, Space
from .rows import MEMBER_COLS, PopupRow, member_from_row, popup_from_row


class UiQueries:
    db: Database

    def spaces(self) -> list[Space]:
        rows = self.db.query("SELECT * FROM spaces ORDER BY name")
        return [Space(r["id"], r["slug"], r["name"], r["town"], r["lat"], r["lon"]) for r in rows]

    def space_names(self) -> dict[int, str]:
        return {r[0]: r[1] for r in self.db.query("SELECT id, name FROM spaces")}

    def roster_size(self) -> int:
        return int(self.db.scalar("SELECT count(*) FROM members") or 0)

    def search_members(self, query: str, limit: int = 20) -> list[MemberRecord]:
        """Members whose name contains `query` (case-insensitive), or whose number it is."""
        query = query.strip()
        if not query:
            return []
        if query.isdigit():
            rows = self.db.query(f"SELECT {MEMBER_COLS} FROM members WHERE number = ?", (int(query),))
        else:
            pattern = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            rows = self.db.query(
                f"SELECT {MEMBER_COLS} FROM members WHERE display_name LIKE ? ESCAPE '\\' "
                "ORDER BY display_name LIMIT ?",
                (pattern, limit),
            )
        return [member_from_row(r) for r in rows]

    def overshoots(self) -> list[Overshoot]:
        rows = self.db.query(
            "SELECT o.*, m.display_name FROM overshoots o LEFT JOIN members m ON m.number = o.member_number "
            "ORDER BY o.detected_at DESC, o.id DESC"
        )
        return [
            Overshoot(
                r["id"],
                r["member_number"],
                r["month"],
                tuple(json.loads(r["space_ids"])),
                tuple(json.loads(r["nonces"])),
                parse_iso(r["detected_at"]) if r["detected_at"] else None,
                r["display_name"],
            )
            for r in rows
        ]

    def events_between(self, start_utc: datetime, end_utc: datetime) -> list[Event]:
        """Events overlapping [start, end), all spaces, by start time."""
        rows = self.db.query(
            "SELECT * FROM events WHERE starts_at < ? AND ends_at > ? ORDER BY starts_at, id",
            (iso_utc(end_utc), iso_utc(start_utc)),
        )
        return [
            Event(
                r["id"],
                r["space_id"],
                r["title"],
                parse_iso(r["starts_at"]),
                parse_iso(r["ends_at"]),
                r["description"],
                r["url"],
                r["series_key"],
                bool(r["cancelled"]),
            )
            for r in rows
        ]

    def skills_board(self, day: date) -> list[tuple[str, list[str]]]:
        """(first name, topics) of the members on this space's here-today board on `day`."""
        rows = self.db.query(
            "SELECT first_name, topics FROM skill_board WHERE day = ? AND shown = 1 ORDER BY id",
            (day.isoformat(),),
        )
        return [(str(r["first_name"]), [str(t) for t in json.loads(r["topics"])]) for r in rows]

    def popups(self, now: datetime, until: datetime) -> list[PopupRow]:
        """Pop-ups of the region not over at `now` that start before `until` (kiosk/store/rows.py)."""
        rows = self.db.query(
            "SELECT * FROM popups WHERE cancelled = 0 AND ends_at > ? AND starts_at < ? "
            "ORDER BY starts_at, id",
            (iso_utc(now), iso_utc(until)),
        )
        return [popup_from_row(r) for r in rows]

    def equipment(self) -> list[Equipment]:
        rows = self.db.query("SELECT * FROM equipment ORDER BY space_id, name")
        return [
            Equipment(r["id"], r["space_id"], r["name"], r["category"], r["status"], r["note"]) for r in rows
        ]

    def counts(self) -> dict[str, int]:
        tables = ("members", "spaces", "events", "equipment", "usage", "staff", "overshoots", "checkins")
        return {t: int(self.db.scalar(f"SELECT count(*) FROM {t}") or 0) for t in tables}
