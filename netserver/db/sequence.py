"""The network-wide change sequence, without a network-wide write lock.

Every new or changed `Synced` row gets, before each flush, a sync key `(txid, seq)`:

- **PostgreSQL**: `seq` from the SEQUENCE `change_seq` (no lock, not in commit order) and
  `txid` the writing transaction's id (`pg_current_xact_id()`). A reader's **watermark** is
  `(xmin, 0)` with `xmin` the oldest transaction of this database still in flight (from
  `pg_stat_activity.backend_xid`, bounded by `pg_current_snapshot()`; like
  `pg_snapshot_xmin`, but other databases of the cluster do not count): every transaction with
  a smaller id has finished, and every row written from now on gets a txid >= xmin. So the
  rows with a key up to the watermark are final, in a fixed order, and a reader that has seen
  key K has seen every change keyed below K. A long writing transaction holds the watermark
  back for its duration (sync waits; it never skips).
- **SQLite**: one writer at a time (`BEGIN IMMEDIATE`), so the single `change_counter` row
  numbers changes in commit order; `txid` stays 0 and the watermark is `(0, counter)`.

Writers wait only for what they touch: redeem locks its member row (services/usage.py), and
the few allocations that read a maximum take a named lock (`exclusive`).
"""

from __future__ import annotations

import zlib
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.orm import Session

from .base import Synced

Key = tuple[int, int]  # (txid, seq)

_BUMP = text("UPDATE change_counter SET value = value + :n WHERE id = 1 RETURNING value")
_NEXT = text("SELECT pg_current_xact_id()::text::bigint, nextval('change_seq') FROM generate_series(1, :n)")
# The oldest transaction of *this database* still in flight: two statements, in this order. The
# snapshot first: a transaction whose xid is below its xmax got that xid before it, so the second
# statement (pg_stat_activity reads backend_xid from the live proc array) sees it if it still
# runs. Its full 64-bit id is xmax minus how far its 32-bit backend_xid lies behind xmax's low
# bits; xids assigned after the snapshot (not behind) do not count. Transactions of other
# databases on the cluster (which pg_snapshot_xmin would count) do not hold sync back; where
# another role's session hides its xid, the cluster-wide xmin is used.
_SNAPSHOT = text(
    "SELECT pg_snapshot_xmin(s)::text::bigint, pg_snapshot_xmax(s)::text::bigint "
    "FROM pg_current_snapshot() AS s"
)
_ACTIVITY = text(
    """
    SELECT max(CASE WHEN behind BETWEEN 1 AND 2147483648 THEN behind END), coalesce(bool_or(hidden), false)
    FROM (SELECT ((CAST(:xmax AS bigint) % 4294967296) - backend_xid::text::bigint + 4294967296)
                 % 4294967296 AS behind,
                 query = '<insufficient privilege>' AS hidden
          FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND (backend_xid IS NOT NULL OR query = '<insufficient privilege>')) a
    """
)
_COUNTER = text("SELECT value FROM change_counter WHERE id = 1")
# PostgreSQL: one row's key as SQL, for a single-row Core insert to take in its own statement
# (`.values(txid=PG_TXID, seq=PG_SEQ)`): the same key `allocate(session, 1)` would hand out
PG_TXID = text("pg_current_xact_id()::text::bigint")
PG_SEQ = text("nextval('change_seq')")


def _changed(session: Session) -> list[Synced]:
    rows: list[Synced] = [obj for obj in session.new if isinstance(obj, Synced)]
    rows += [obj for obj in session.dirty if isinstance(obj, Synced) and session.is_modified(obj)]
    return rows


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def allocate(session: Session, n: int) -> list[Key]:
    """`n` new sync keys in ascending order, for rows written in this transaction (the flush
    hook uses it; bulk inserts that bypass the ORM call it themselves)."""
    connection = session.connection()
    if _is_sqlite(session):
        top = int(connection.execute(_BUMP, {"n": n}).scalar_one())
        return [(0, seq) for seq in range(top - n + 1, top + 1)]
    return sorted((int(txid), int(seq)) for txid, seq in connection.execute(_NEXT, {"n": n}))


def _before_flush(session: Session, flush_context: Any, instances: Any) -> None:
    rows = _changed(session)
    if not rows:
        return
    for row, (txid, seq) in zip(rows, allocate(session, len(rows)), strict=True):
        row.txid, row.seq = txid, seq


def install(session_class: type[Session] = Session) -> None:
    """Idempotent: listen on all sessions of `session_class`."""
    if not event.contains(session_class, "before_flush", _before_flush):
        event.listen(session_class, "before_flush", _before_flush)


def watermark(session: Session) -> Key:
    """The highest sync key below which every change has committed (see the module text)."""
    if _is_sqlite(session):
        return (0, int(session.execute(_COUNTER).scalar_one()))
    xmin, xmax = (int(v) for v in session.execute(_SNAPSHOT).one())
    behind, hidden = session.execute(_ACTIVITY, {"xmax": xmax}).one()
    return (xmin if hidden else xmax - int(behind or 0), 0)


def exclusive(session: Session, name: str) -> None:
    """Serialise the writers that share `name` until commit (PostgreSQL: a transaction-level
    advisory lock; SQLite needs nothing, `Database.write()` holds its single write lock)."""
    if not _is_sqlite(session):
        key = zlib.crc32(f"coworking:{name}".encode())
        session.execute(text("SELECT pg_advisory_xact_lock(CAST(:key AS bigint))"), {"key": key})


def settle_restored(session: Session) -> None:
    """After a restore (PostgreSQL): rows carry the txids of the cluster they were dumped from;
    those not below this cluster's next transaction id would wait for it to catch up. They are
    final, so they are keyed txid 0, below every new change. SQLite: nothing to do."""
    if _is_sqlite(session):
        return
    xmax = session.execute(text("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint")).scalar_one()
    for table in SYNCED_TABLES:
        session.execute(text(f"UPDATE {table} SET txid = 0 WHERE txid >= :xmax"), {"xmax": xmax})  # noqa: S608


SYNCED_TABLES = ("network", "spaces", "plans", "members", "staff", "checkins", "overshoots", "day_passes",
                 "events", "equipment", "tombstones")  # fmt: skip
