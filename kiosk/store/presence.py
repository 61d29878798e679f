"""Who is here, from the kiosk's store: the movements of a day at a space, check-outs, the
space's presence settings, and the hourly counts queued for upload (kiosk/core/presence.py has
the rules; docs/presence.md describes them)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from kiosk.core.presence import Movement, Stay, by_hour, hour_bounds, present, stays
from kiosk.core.wire import iso_utc, parse_iso

from .records import OutboxKind
from .store import Store

PRIORITY_PRESENCE = 45  # after the audit trail, before denied scans


@dataclass(frozen=True, slots=True)
class SpaceSettings:
    opening_hours: str = ""
    capacity: int = 0  # desks; 0 = not given
    checkout_by_scan: bool = False


@dataclass(frozen=True, slots=True)
class Occupancy:
    present: int
    capacity: int

    @property
    def full(self) -> bool:
        return 0 < self.capacity <= self.present


def settings(store: Store, space_id: int) -> SpaceSettings:
    rows = store.db.query(
        "SELECT opening_hours, capacity, checkout_by_scan FROM spaces WHERE id = ?", (space_id,)
    )
    if not rows:
        return SpaceSettings()
    r = rows[0]
    return SpaceSettings(str(r[0] or ""), int(r[1] or 0), bool(r[2]))


def who_key(member_number: int | None, day_pass_number: int | None, nonce: str = "") -> str:
    """One person: a member, a day pass, or (a staff override without either) one check-in."""
    if member_number is not None:
        return f"m:{member_number}"
    return f"d:{day_pass_number}" if day_pass_number is not None else f"c:{nonce}"


def movements(store: Store, space_id: int, day: date) -> list[Movement]:
    """Admitted check-ins of `day` at the space (this kiosk's, and the network's synced ones it
    has not made itself; an old synced row without a time counts from the day's start), and
    this kiosk's check-outs."""
    d = day.isoformat()
    start_of_day = store.calendar().day_start(day)
    moves = [
        Movement(who_key(r[0], r[1], r[3]), parse_iso(r[2]), True)
        for r in store.db.query(
            """SELECT member_number, day_pass_number, occurred_at, nonce FROM checkins
               WHERE space_id = ? AND day = ? AND admitted = 1 AND annulled = 0""",
            (space_id, d),
        )
    ]
    moves += [
        Movement(who_key(r[0], None), parse_iso(r[1]) if r[1] else start_of_day, True)
        for r in store.db.query(
            """SELECT member_number, at FROM usage u WHERE space_id = ? AND day = ? AND annulled = 0
               AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.nonce = u.nonce)""",
            (space_id, d),
        )
    ]
    moves += [
        Movement(who_key(r[0], r[1]), parse_iso(r[2]), False)
        for r in store.db.query(
            "SELECT member_number, day_pass_number, left_at FROM checkouts WHERE space_id = ? AND day = ?",
            (space_id, d),
        )
    ]
    return moves


def day_stays(store: Store, space_id: int, day: date, hours: str | None = None) -> list[Stay]:
    if hours is None:
        hours = settings(store, space_id).opening_hours
    return stays(movements(store, space_id, day), day, hours, store.calendar())


def occupancy(store: Store, space_id: int, now: datetime) -> Occupancy:
    """People present at the space at `now` and its desks."""
    space = settings(store, space_id)
    day = store.calendar().local_date(now)
    return Occupancy(present(day_stays(store, space_id, day, space.opening_hours), now), space.capacity)


def last_arrival(store: Store, space_id: int, day: date, who: str) -> datetime | None:
    """When the person (`who_key`) last checked in at the space on `day` (as this kiosk knows)."""
    arrivals = [m.at for m in movements(store, space_id, day) if m.arrived and m.who == who]
    return max(arrivals) if arrivals else None


def checkouts(store: Store, space_id: int, day: date) -> dict[int, list[datetime]]:
    """This kiosk's check-outs of `day` at the space: member number -> times, earliest first."""
    left: dict[int, list[datetime]] = {}
    for r in store.db.query(
        "SELECT member_number, left_at FROM checkouts WHERE space_id = ? AND day = ? "
        "AND member_number IS NOT NULL ORDER BY left_at",
        (space_id, day.isoformat()),
    ):
        left.setdefault(int(r[0]), []).append(parse_iso(r[1]))
    return left


def record_checkout(
    store: Store,
    *,
    nonce: str,
    space_id: int,
    day: date,
    at: datetime,
    member_number: int | None = None,
    day_pass_number: int | None = None,
) -> None:
    with store.db.transaction() as tx:
        tx.execute(
            """INSERT OR IGNORE INTO checkouts (nonce, space_id, day, member_number, day_pass_number,
               left_at) VALUES (?, ?, ?, ?, ?, ?)""",
            (nonce, space_id, day.isoformat(), member_number, day_pass_number, iso_utc(at)),
        )


def queue_hourly_counts(store: Store, space_id: int, days: list[date], now: datetime) -> int:
    """Queue (or update) the upload of each hour of `days` that has ended by `now` whose count the
    outbox does not already hold (a finished hour may still change: an undo, a check-in synced
    late from another kiosk); an hour's id is the space and the hour's start. Hours nobody was
    here are not sent (the server shows them as 0). Returns the hours queued."""
    hours = settings(store, space_id).opening_hours
    calendar = store.calendar()
    queued = 0
    for day in days:
        counts = by_hour(day_stays(store, space_id, day, hours), day, calendar)
        rows = []
        for (start, end), count in zip(hour_bounds(day, calendar), counts, strict=True):
            if end <= now and end > start:
                item_id = f"{space_id}:{iso_utc(start)}"
                payload = json.dumps({"id": item_id, "hour": iso_utc(start), "present": count})
                rows.append((item_id, count, payload))
        if not any(count for _, count, _ in rows):
            continue
        with store.db.transaction(background=True) as tx:
            for item_id, count, payload in rows:
                if count:
                    values = (item_id, _KIND, PRIORITY_PRESENCE, payload, iso_utc(now))
                    queued += tx.execute(_UPSERT, values).rowcount
                else:  # an hour whose only stay was undone: its 0 replaces what was queued
                    queued += tx.execute(_ZERO, (payload, _KIND, item_id, payload)).rowcount
    return queued


_KIND = OutboxKind.PRESENCE.value
_UPSERT = """INSERT INTO outbox (id, kind, priority, payload, created_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (kind, id) DO UPDATE SET payload = excluded.payload, state = 'pending', attempts = 0,
      last_error = NULL, sent_at = NULL
    WHERE outbox.payload != excluded.payload"""
_ZERO = """UPDATE outbox SET payload = ?, state = 'pending', attempts = 0, last_error = NULL, sent_at = NULL
    WHERE kind = ? AND id = ? AND payload != ?"""
