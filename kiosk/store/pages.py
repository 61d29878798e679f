"""Writing one page of the server's delta sync into the cache (inside the caller's transaction).

Every list is an upsert keyed by its id (docs/api.md). A page is applied together with its
cursor in one short transaction, so a crash mid-sync resumes from the last whole page.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kiosk.core.wire import iso_utc, parse_iso


class PageError(ValueError):
    """A page that does not have the documented shape (the server sent something else)."""


def _rows(page: Mapping[str, Any], key: str) -> Sequence[Mapping[str, Any]]:
    value = page.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise PageError(f"{key!r} is not a list of objects")
    return value


def _time(value: Any) -> str | None:
    return None if value is None else iso_utc(parse_iso(str(value)))


@dataclass(frozen=True)
class PreparedPage:
    """A page converted to SQL parameters, ready to be written."""

    network: list[tuple[str, str]]
    rows: dict[str, list[tuple[object, ...]]]
    deletes: list[tuple[str, object]]  # (table, id)

    @property
    def counts(self) -> dict[str, int]:
        return {**{key: len(rows) for key, rows in self.rows.items()}, "deleted": len(self.deletes)}


def prepare_page(page: Mapping[str, Any]) -> PreparedPage:
    """Check and convert every list of `page` (no database access: done before the write
    transaction begins, so the write lock is held only for the SQL). Raises PageError."""
    try:
        network_rows: list[tuple[str, str]] = []
        network = page.get("network")
        if isinstance(network, dict):
            network_rows = [
                ("network_name", str(network.get("name") or "")),
                ("timezone", str(network.get("timezone") or "Europe/Berlin")),
                ("default_guest_days", str(int(network.get("default_guest_days", 1)))),
                ("popup_guest_day", "1" if network.get("popup_guest_day") else "0"),
            ]
        rows = {key: [convert(r) for r in _rows(page, key)] for key, (_sql, convert) in _SPECS.items()}
        deletes: list[tuple[str, object]] = []
        for item in _rows(page, "deleted"):
            table = _DELETABLE.get(str(item.get("kind")))
            if table is not None:
                deletes.append((table, item["id"]))
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, PageError):
            raise
        raise PageError(f"malformed sync page: {exc!r}") from exc
    return PreparedPage(network_rows, rows, deletes)


def write_page(conn: sqlite3.Connection, prepared: PreparedPage) -> None:
    """Upsert a prepared page (inside the caller's transaction)."""
    if prepared.network:
        conn.executemany(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            prepared.network,
        )
    for key, rows in prepared.rows.items():
        if rows:
            conn.executemany(_SPECS[key][0], rows)
    for table, item_id in prepared.deletes:
        conn.execute(f"DELETE FROM {table} WHERE id = ?", (item_id,))


def apply_page(conn: sqlite3.Connection, page: Mapping[str, Any]) -> dict[str, int]:
    """Upsert every list of `page`; returns row counts per list. Raises PageError."""
    prepared = prepare_page(page)
    write_page(conn, prepared)
    return prepared.counts


_DELETABLE = {"event": "events", "equipment": "equipment", "staff": "staff", "overshoot": "overshoots"}


def _space(r: Mapping[str, Any]) -> tuple[object, ...]:
    return (
        int(r["id"]), str(r["slug"]), str(r["name"]), r.get("town"), r.get("lat"), r.get("lon"),
        str(r.get("opening_hours") or ""), int(r.get("capacity") or 0),
        int(bool(r.get("checkout_by_scan", False))),
    )  # fmt: skip


def _skill(r: Mapping[str, Any]) -> tuple[object, ...]:
    """A withdrawn entry arrives with its texts cleared and `shown` false: nothing to keep."""
    shown = bool(r.get("shown", False))
    topics = [str(t) for t in r.get("topics") or []][:3] if shown else []
    first_name = str(r.get("first_name") or "") if shown else ""
    return (int(r["id"]), str(r["day"]), first_name, json.dumps(topics, ensure_ascii=False), int(shown))


def _plan(r: Mapping[str, Any]) -> tuple[object, ...]:
    return (str(r["code"]), r.get("name"), int(r["guest_days_per_month"]))


def _member(r: Mapping[str, Any]) -> tuple[object, ...]:
    return (
        int(r["number"]),
        str(r["display_name"]),
        int(r["home_space_id"]),
        str(r["state"]),
        str(r["plan"]),
        int(r["pass_serial"]),
        str(r["secret_hash"]),
    )


def _usage(r: Mapping[str, Any]) -> tuple[object, ...]:
    return (
        str(r["nonce"]),
        int(r["member_number"]),
        int(r["space_id"]),
        str(r["day"]),
        int(bool(r["counted"])),
        int(bool(r.get("annulled", False))),
        _time(r.get("at")),
    )


def _staff(r: Mapping[str, Any]) -> tuple[object, ...]:
    return (int(r["id"]), str(r["display_name"]), str(r["pin_hash"]), int(bool(r.get("active", True))))


def _event(r: Mapping[str, Any]) -> tuple[object, ...]:
    return (
        int(r["id"]),
        int(r["space_id"]),
        str(r["title"]),
        _time(r["starts_at"]),
        _time(r["ends_at"]),
        r.get("description"),
        r.get("url"),
        r.get("series_key"),
        int(bool(r.get("cancelled", False))),
    )


def _popup(r: Mapping[str, Any]) -> tuple[object, ...]:
    return (
        int(r["id"]),
        int(r["space_id"]),
        str(r["place"]),
        r.get("address"),
        str(r["town"]),
        _time(r["starts_at"]),
        _time(r["ends_at"]),
        int(bool(r.get("cancelled", False))),
    )


def _equipment(r: Mapping[str, Any]) -> tuple[object, ...]:
    return (
        int(r["id"]),
        int(r["space_id"]),
        str(r["name"]),
        r.get("category"),
        str(r["status"]),
        r.get("note"),
    )


def _day_pass(r: Mapping[str, Any]) -> tuple[object, ...]:
    return (
        int(r["space_id"]),
        str(r["valid_on"]),
        int(r["number"]),
        str(r["secret_hash"]),
        int(bool(r.get("revoked", False))),
    )


def _overshoot(r: Mapping[str, Any]) -> tuple[object, ...]:
    return (
        int(r["id"]),
        int(r["member_number"]),
        str(r["month"]),
        json.dumps([int(s) for s in r.get("space_ids") or []]),
        json.dumps([str(n) for n in r.get("nonces") or []]),
        _time(r.get("detected_at")),
    )


def _upsert(table: str, columns: str, key: str) -> str:
    cols = [c.strip() for c in columns.split(",")]
    keys = {k.strip() for k in key.split(",")}
    updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c not in keys)
    marks = ", ".join("?" for _ in cols)
    return f"INSERT INTO {table} ({columns}) VALUES ({marks}) ON CONFLICT ({key}) DO UPDATE SET {updates}"


_MEMBER_COLUMNS = "number, display_name, home_space_id, state, plan, pass_serial, secret_hash"
_DAY_PASS_KEY = "space_id, valid_on, number"
_SPACE_COLUMNS = "id, slug, name, town, lat, lon, opening_hours, capacity, checkout_by_scan"
_USAGE_COLUMNS = "nonce, member_number, space_id, day, counted, annulled, at"
_SPECS: dict[str, tuple[str, Any]] = {
    "spaces": (_upsert("spaces", _SPACE_COLUMNS, "id"), _space),
    "skill_board": (_upsert("skill_board", "id, day, first_name, topics, shown", "id"), _skill),
    "plans": (_upsert("plans", "code, name, guest_days_per_month", "code"), _plan),
    "members": (
        _upsert("members", _MEMBER_COLUMNS, "number"),
        _member,
    ),
    "usage": (_upsert("usage", _USAGE_COLUMNS, "nonce"), _usage),
    "staff": (_upsert("staff", "id, display_name, pin_hash, active", "id"), _staff),
    "events": (
        _upsert(
            "events", "id, space_id, title, starts_at, ends_at, description, url, series_key, cancelled", "id"
        ),
        _event,
    ),
    "popups": (
        _upsert("popups", "id, space_id, place, address, town, starts_at, ends_at, cancelled", "id"),
        _popup,
    ),
    "equipment": (_upsert("equipment", "id, space_id, name, category, status, note", "id"), _equipment),
    "day_passes": (
        _upsert("day_passes", "space_id, valid_on, number, secret_hash, revoked", _DAY_PASS_KEY),
        _day_pass,
    ),
    "overshoots": (
        _upsert("overshoots", "id, member_number, month, space_ids, nonces, detected_at", "id"),
        _overshoot,
    ),
}
