"""The kiosk's local store: synced cache, this kiosk's check-ins, the outbox, local state.

Qt-free and thread-safe (one SQLite connection per thread). Reads never wait for the sync
thread's writes (WAL); writes are short transactions. The sync engine's writes are
`background` ones (a waiting check-in goes first) and it runs the WAL checkpoints.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from kiosk.core.calendar import NetworkCalendar
from kiosk.core.models import DEFAULT_GUEST_DAYS, DayPassRecord, MemberRecord, Policy, Visit
from kiosk.core.wire import iso_utc

from .connection import Database
from .pages import prepare_page, write_page
from .records import (
    PRIORITY_ADMITTED,
    PRIORITY_ANNULMENT,
    PRIORITY_AUDIT,
    PRIORITY_DAY_PASS,
    PRIORITY_DENIED,
    PRIORITY_EQUIPMENT,
    CheckinRow,
    NewCheckin,
    OutboxItem,
    OutboxKind,
    StaffRecord,
)
from .rows import MEMBER_COLS, checkin_fact, checkin_row, member_from_row
from .ui_queries import UiQueries

EVENT_WINDOW_DAYS = 30
CLEANUP_CHUNK = 500


class Store(UiQueries):
    """The writes of the check-in service and sync engine, the lookups of the decisions; the
    read-only queries for the screens are in ui_queries.py."""

    def __init__(self, path: Path | str, *, space_id: int | None = None) -> None:
        self.db = Database(path)
        if space_id is not None and self.get_meta("space_id") != str(space_id):
            self.set_meta("space_id", str(space_id))
        self._policy: Policy | None = None
        self._policy_lock = threading.Lock()

    def close(self) -> None:
        self.db.close()

    # -- meta ------------------------------------------------------------------------------

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        value = self.db.scalar("SELECT value FROM meta WHERE key = ?", (key,))
        return default if value is None else str(value)

    def set_meta(self, key: str, value: str | None, *, background: bool = False) -> None:
        self.set_meta_many({key: value}, background=background)

    def set_meta_many(self, values: Mapping[str, str | None], *, background: bool = False) -> None:
        with self.db.transaction(background=background) as tx:
            _write_meta(tx, values)

    @property
    def space_id(self) -> int | None:
        value = self.get_meta("space_id")
        return int(value) if value else None

    # -- the cache, for decisions --------------------------------------------------------------

    def policy(self) -> Policy:
        with self._policy_lock:
            if self._policy is None:
                meta = {r["key"]: r["value"] for r in self.db.query("SELECT key, value FROM meta")}
                plans = {r["code"]: r["guest_days_per_month"] for r in self.db.query("SELECT * FROM plans")}
                self._policy = Policy(
                    timezone=meta.get("timezone") or "Europe/Berlin",
                    default_guest_days=int(meta.get("default_guest_days") or DEFAULT_GUEST_DAYS),
                    plan_guest_days=plans,
                    popup_guest_day=meta.get("popup_guest_day") == "1",
                )
            return self._policy

    def calendar(self) -> NetworkCalendar:
        return NetworkCalendar(self.policy().timezone)

    def member(self, number: int) -> MemberRecord | None:
        rows = self.db.query(f"SELECT {MEMBER_COLS} FROM members WHERE number = ?", (number,))
        return member_from_row(rows[0]) if rows else None

    def day_pass(self, space_id: int, valid_on: date, number: int) -> DayPassRecord | None:
        rows = self.db.query(
            "SELECT * FROM day_passes WHERE space_id = ? AND valid_on = ? AND number = ?",
            (space_id, valid_on.isoformat(), number),
        )
        if not rows:
            return None
        r = rows[0]
        return DayPassRecord(
            r["space_id"],
            date.fromisoformat(r["valid_on"]),
            r["number"],
            r["secret_hash"],
            bool(r["revoked"]),
        )

    def visits(self, member_number: int, today: date, *, deciding: str = "") -> list[Visit]:
        """Synced usage plus this kiosk's own admissions not yet in it, from this month on.
        `deciding`: the nonce being decided; the server's record of it (a redeem it completed
        whose answer never came back, pulled meanwhile) is not an earlier visit."""
        since = today.replace(day=1).isoformat()
        rows = self.db.query(
            """SELECT member_number, space_id, day, counted FROM usage
               WHERE member_number = ? AND day >= ? AND annulled = 0 AND nonce IS NOT ?
               UNION ALL
               SELECT member_number, space_id, day, counted FROM checkins c
               WHERE member_number = ? AND day >= ? AND admitted = 1 AND annulled = 0
                 AND NOT EXISTS (SELECT 1 FROM usage u WHERE u.nonce = c.nonce)""",
            (member_number, since, deciding, member_number, since),
        )
        return [Visit(r[0], r[1], date.fromisoformat(r[2]), bool(r[3])) for r in rows]

    def staff_records(self) -> list[StaffRecord]:
        rows = self.db.query("SELECT * FROM staff WHERE active = 1 ORDER BY id")
        return [StaffRecord(r["id"], r["display_name"], r["pin_hash"], bool(r["active"])) for r in rows]

    def checkin(self, nonce: str) -> CheckinRow | None:
        rows = self.db.query(_CHECKIN_SELECT + " WHERE c.nonce = ?", (nonce,))
        return checkin_row(rows[0]) if rows else None

    # -- local writes (each one transaction, committed before it returns) ------------------------

    def record_checkin(self, c: NewCheckin, audit: Mapping[str, object] | None = None) -> None:
        """Store a check-in and, unless the server already has it, queue its upload (and the
        staff action's audit entry, in the same transaction)."""
        v = c.verdict
        with self.db.transaction() as tx:
            tx.execute(
                """INSERT OR IGNORE INTO checkins (nonce, occurred_at, day, space_id, member_number,
                   pass_serial, day_pass_valid_on, day_pass_number, reason, admitted, counted, offline,
                   method, staff_id, override_reason, verdict, on_server)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    c.nonce,
                    iso_utc(c.occurred_at),
                    v.day.isoformat(),
                    c.space_id,
                    c.member_number,
                    c.pass_serial,
                    c.day_pass_valid_on.isoformat() if c.day_pass_valid_on else None,
                    c.day_pass_number,
                    v.reason.value,
                    int(v.admitted),
                    int(v.counted),
                    int(v.offline),
                    c.method,
                    c.staff_id,
                    c.override_reason,
                    json.dumps(v.to_dict()),
                    int(c.on_server),
                ),
            )
            if not c.on_server:
                priority = PRIORITY_ADMITTED if v.admitted else PRIORITY_DENIED
                _enqueue(tx, OutboxKind.CHECKIN, c.nonce, priority, checkin_fact(c), c.occurred_at)
            _audit(tx, audit, c.occurred_at)

    def record_annulment(
        self,
        *,
        item_id: str,
        nonce: str,
        staff_id: int,
        reason: str,
        at: datetime,
        audit: Mapping[str, object] | None = None,
    ) -> None:
        payload = {"id": item_id, "nonce": nonce, "staff_id": staff_id, "reason": reason, "at": iso_utc(at)}
        with self.db.transaction() as tx:
            tx.execute("UPDATE checkins SET annulled = 1 WHERE nonce = ?", (nonce,))
            tx.execute("UPDATE usage SET annulled = 1 WHERE nonce = ?", (nonce,))
            _enqueue(tx, OutboxKind.ANNULMENT, item_id, PRIORITY_ANNULMENT, payload, at)
            _audit(tx, audit, at)

    def record_day_pass(
        self,
        record: DayPassRecord,
        payload: dict[str, object],
        at: datetime,
        audit: Mapping[str, object] | None = None,
    ) -> None:
        with self.db.transaction() as tx:
            tx.execute(
                "INSERT INTO day_passes (space_id, valid_on, number, secret_hash, revoked) "
                "VALUES (?, ?, ?, ?, 0)",
                (record.space_id, record.valid_on.isoformat(), record.number, record.secret_hash),
            )
            _enqueue(tx, OutboxKind.DAY_PASS, str(payload["id"]), PRIORITY_DAY_PASS, payload, at)
            _audit(tx, audit, at)

    def unsent_day_pass(self, space_id: int, valid_on: date, number: int) -> dict[str, Any] | None:
        """The upload payload of a day pass sold here and not yet on the server, else None."""
        rows = self.db.query(
            "SELECT payload FROM outbox WHERE kind = ? AND state != 'sent'", (OutboxKind.DAY_PASS.value,)
        )
        for row in rows:
            payload = json.loads(row[0])
            if (payload.get("space_id"), payload.get("valid_on"), payload.get("number")) == (
                space_id,
                valid_on.isoformat(),
                number,
            ):
                return dict(payload)
        return None

    def day_pass_numbers(self, space_id: int, valid_on: date) -> set[int]:
        rows = self.db.query(
            "SELECT number FROM day_passes WHERE space_id = ? AND valid_on = ?",
            (space_id, valid_on.isoformat()),
        )
        return {r[0] for r in rows}

    def record_equipment_status(
        self, payload: dict[str, object], at: datetime, audit: Mapping[str, object] | None = None
    ) -> None:
        with self.db.transaction() as tx:
            tx.execute(
                "UPDATE equipment SET status = ?, note = ? WHERE id = ?",
                (payload["status"], payload.get("note"), payload["equipment_id"]),
            )
            _enqueue(tx, OutboxKind.EQUIPMENT, str(payload["id"]), PRIORITY_EQUIPMENT, payload, at)
            _audit(tx, audit, at)

    def record_audit(self, payload: dict[str, object], at: datetime) -> None:
        with self.db.transaction() as tx:
            _enqueue(tx, OutboxKind.AUDIT, str(payload["id"]), PRIORITY_AUDIT, payload, at)

    # -- outbox (the sync engine) -----------------------------------------------------------------

    def pending_count(self) -> int:
        return int(self.db.scalar("SELECT count(*) FROM outbox WHERE state = 'pending'") or 0)

    def next_batch(self, limit: int = 500) -> list[OutboxItem]:
        """The next run of pending items of one kind, in upload order (at most `limit`)."""
        rows = self.db.query(
            "SELECT id, kind, payload, attempts FROM outbox WHERE state = 'pending' "
            "ORDER BY priority, created_at, id LIMIT ?",
            (limit,),
        )
        batch: list[OutboxItem] = []
        for r in rows:
            if batch and r["kind"] != batch[0].kind:
                break
            batch.append(OutboxItem(r["id"], OutboxKind(r["kind"]), json.loads(r["payload"]), r["attempts"]))
        return batch

    def mark_results(
        self,
        kind: OutboxKind,
        sent: Iterable[str],
        rejected: Mapping[str, str],
        failed: Iterable[str],
        at: datetime,
    ) -> None:
        """After one batch: `sent` reached the server (stored or duplicate), `rejected` will not
        be retried (with the server's reason), `failed` stays pending for the next attempt."""
        stamp = iso_utc(at)
        sent = list(sent)
        with self.db.transaction(background=True) as tx:
            tx.executemany(
                "UPDATE outbox SET state = 'sent', sent_at = ?, attempts = attempts + 1 "
                "WHERE kind = ? AND id = ?",
                [(stamp, kind.value, i) for i in sent],
            )
            tx.executemany(
                "UPDATE outbox SET state = 'rejected', sent_at = ?, last_error = ?, attempts = attempts + 1 "
                "WHERE kind = ? AND id = ?",
                [(stamp, err, kind.value, i) for i, err in rejected.items()],
            )
            tx.executemany(
                "UPDATE outbox SET attempts = attempts + 1 WHERE kind = ? AND id = ?",
                [(kind.value, i) for i in failed],
            )
            if kind is OutboxKind.CHECKIN:
                tx.executemany(
                    "UPDATE checkins SET on_server = 1 WHERE nonce = ?",
                    [(i,) for i in [*sent, *rejected]],
                )

    def rejected_count(self) -> int:
        return int(self.db.scalar("SELECT count(*) FROM outbox WHERE state = 'rejected'") or 0)

    # -- sync pages ------------------------------------------------------------------------------

    @property
    def cursor(self) -> str | None:
        return self.get_meta("cursor")

    def apply_page(
        self, page: Mapping[str, Any], cursor: str, extra_meta: Mapping[str, str | None] | None = None
    ) -> None:
        """One page of the delta sync together with its cursor, in one transaction (a background
        one: converted before it begins, so it holds the write lock only for the SQL)."""
        prepared = prepare_page(page)
        with self.db.transaction(background=True) as tx:
            write_page(tx, prepared)
            _write_meta(tx, {"cursor": cursor, **dict(extra_meta or {})})
        if page.get("network") or page.get("plans"):
            with self._policy_lock:
                self._policy = None

    def reset_cache(self) -> None:
        """Forget the synced cache and cursor (a kiosk enrolled anew); keeps the outbox."""
        with self.db.transaction(background=True) as tx:
            for table in (
                "spaces",
                "plans",
                "members",
                "usage",
                "staff",
                "events",
                "equipment",
                "overshoots",
                "skill_board",
                "popups",
            ):
                tx.execute(f"DELETE FROM {table}")
            tx.execute("DELETE FROM meta WHERE key = 'cursor'")
        with self._policy_lock:
            self._policy = None

    def cleanup(self, now: datetime, retention_days: int) -> int:
        """Privacy (DESIGN §9): drop uploaded check-ins and sent outbox rows older than the
        retention period, usage older than the previous month and events that ended more than
        30 days ago. Background transactions of at most CLEANUP_CHUNK rows each (a check-in
        never waits long). Returns rows deleted."""
        cutoff = iso_utc(now - timedelta(days=retention_days))
        first_of_month = self.calendar().local_date(now).replace(day=1)
        usage_cutoff = (first_of_month - timedelta(days=1)).replace(day=1).isoformat()
        # the server only syncs events that ended at most 30 days ago
        old_events = iso_utc(now - timedelta(days=EVENT_WINDOW_DAYS))
        deleted = 0
        for table, where, param in (
            ("checkins", "on_server = 1 AND occurred_at < ?", cutoff),
            ("outbox", "state != 'pending' AND sent_at < ?", cutoff),
            ("usage", "day < ?", usage_cutoff),
            ("events", "ends_at < ?", old_events),
            ("popups", "ends_at < ?", iso_utc(now)),  # a pop-up that is over leaves the board
            # the skills board: an entry lives for its day only, a withdrawn one not at all
            ("skill_board", "day < ? OR shown = 0", self.calendar().local_date(now).isoformat()),
            ("checkouts", "left_at < ?", cutoff),  # as long as check-ins (docs/privacy.md)
        ):
            while True:
                with self.db.transaction(background=True) as tx:
                    count = tx.execute(
                        f"DELETE FROM {table} WHERE rowid IN "
                        f"(SELECT rowid FROM {table} WHERE {where} LIMIT {CLEANUP_CHUNK})",
                        (param,),
                    ).rowcount
                deleted += count
                if count < CLEANUP_CHUNK:
                    break
        return deleted

    def checkpoint(self) -> int:
        """Move the WAL into the database file (the sync thread, after writing); see Database."""
        return self.db.checkpoint()

    # -- queries for the UI ------------------------------------------------------------------------

    def todays_checkins(self, now: datetime | None = None) -> list[CheckinRow]:
        """This kiosk's check-ins of the network-local day of `now` (default: local clock), newest first."""
        from kiosk.core.calendar import utc_now

        start, end = self.calendar().day_bounds(self.calendar().local_date(now or utc_now()))
        rows = self.db.query(
            _CHECKIN_SELECT + " WHERE c.occurred_at >= ? AND c.occurred_at < ? ORDER BY c.occurred_at DESC",
            (iso_utc(start), iso_utc(end)),
        )
        return [checkin_row(r) for r in rows]


_CHECKIN_SELECT = (
    "SELECT c.*, m.display_name FROM checkins c LEFT JOIN members m ON m.number = c.member_number"
)


def _write_meta(tx: Any, values: Mapping[str, str | None]) -> None:
    for key, value in values.items():
        if value is None:
            tx.execute("DELETE FROM meta WHERE key = ?", (key,))
        else:
            tx.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )


def _enqueue(
    tx: Any, kind: OutboxKind, item_id: str, priority: int, payload: Mapping[str, object], at: datetime
) -> None:
    tx.execute(
        "INSERT OR IGNORE INTO outbox (id, kind, priority, payload, created_at) VALUES (?, ?, ?, ?, ?)",
        (item_id, kind.value, priority, json.dumps(dict(payload)), iso_utc(at)),
    )


def _audit(tx: Any, audit: Mapping[str, object] | None, at: datetime) -> None:
    if audit is not None:
        _enqueue(tx, OutboxKind.AUDIT, str(audit["id"]), PRIORITY_AUDIT, audit, at)


__all__: Sequence[str] = ("Store",)
