"""The kiosk database: SQLite in WAL mode, one connection per thread, versioned schema.

- `PRAGMA user_version` holds the schema version; a database written by newer software is
  refused (`DatabaseTooNew`), an older one is copied to `<name>.v<N>.bak` and migrated.
- `transaction()` is `BEGIN IMMEDIATE` ... `COMMIT` (or `ROLLBACK` on any exception); with
  `synchronous=FULL` a committed check-in survives a crash or power loss.
- Latency of a check-in (DESIGN §10, verdict ≤ 150 ms): SQLite has one writer, so the writes of
  this process pass a gate in which foreground transactions (check-ins, staff actions) go
  before waiting background ones (`transaction(background=True)`: sync pages, upload results,
  clean-up), and a waiter is woken the moment the writer commits (SQLite's own busy handler
  polls with sleeps of up to 100 ms and lets a busy writer starve it). No commit runs a WAL
  checkpoint (`wal_autocheckpoint=0`): the sync thread calls `checkpoint()` (PASSIVE, takes no
  write lock) after every page and every pass. See docs/kiosk-data.md, "Latency".
- Environment problems (disk full, locked, read-only) become `StoreUnavailable` (calm message,
  retry); everything else is a bug and propagates as is.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kiosk import logs

from .schema import MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 5000
_ENVIRONMENT_CODES = (
    {
        sqlite3.SQLITE_BUSY,
        sqlite3.SQLITE_LOCKED,
        sqlite3.SQLITE_FULL,
        sqlite3.SQLITE_READONLY,
        sqlite3.SQLITE_IOERR,
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_PERM,
    }
    if hasattr(sqlite3, "SQLITE_BUSY")
    else set()
)


class StoreError(RuntimeError):
    """Base of the store's own errors."""

    key = "error.store"


class StoreUnavailable(StoreError):
    """An environment error: disk full, database locked or read-only. Retry later."""

    key = "error.store_unavailable"


class DatabaseTooNew(StoreError):
    """The file was written by a newer version of the kiosk software."""

    key = "error.database_too_new"


def _is_environment_error(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and (code & 0xFF) in _ENVIRONMENT_CODES:
        return True
    text = str(exc).lower()
    return any(s in text for s in ("locked", "disk is full", "readonly", "read-only", "disk i/o"))


class Database:
    """Per-thread connections to one SQLite file."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[sqlite3.Connection] = []
        self._closed = False
        self._gate = _WriteGate()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._migrate()

    # -- connections ---------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
            )
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys=ON")
            # no commit pays for a checkpoint: the sync thread runs them (checkpoint())
            conn.execute("PRAGMA wal_autocheckpoint=0")
        except sqlite3.Error as exc:
            raise StoreUnavailable(f"cannot open {self.path}: {exc}") from exc
        return conn

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use)."""
        if self._closed:
            raise StoreError("database is closed")
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._open()
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    @contextmanager
    def transaction(self, *, background: bool = False) -> Iterator[sqlite3.Connection]:
        """A write transaction on this thread's connection; rolls back on any exception.

        `background=True` (sync, clean-up) waits while a foreground write (a check-in) waits."""
        conn = self.conn
        if not self._gate.acquire(background=background, timeout=BUSY_TIMEOUT_MS / 1000):
            raise StoreUnavailable("database is locked (another write of this kiosk takes too long)")
        try:
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise StoreUnavailable(str(exc)) from exc
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error) and _is_environment_error(exc):
                    raise StoreUnavailable(str(exc)) from exc
                raise
        finally:
            self._gate.release()

    def checkpoint(self) -> int:
        """Copy the WAL into the database file (PASSIVE: waits for no lock, blocks no writer);
        call it from the sync thread. Returns the WAL's frame count (-1 if none)."""
        try:
            started = time.perf_counter()
            busy, frames, done = self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except sqlite3.OperationalError as exc:
            if _is_environment_error(exc):
                raise StoreUnavailable(str(exc)) from exc
            raise
        logs.db.debug(
            "checkpoint: %d of %d frames in %.1f ms%s",
            done,
            frames,
            (time.perf_counter() - started) * 1000,
            " (busy)" if busy else "",
        )
        return int(frames)

    def query(self, sql: str, params: tuple[object, ...] | dict[str, object] = ()) -> list[sqlite3.Row]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            if _is_environment_error(exc):
                raise StoreUnavailable(str(exc)) from exc
            raise

    def scalar(self, sql: str, params: tuple[object, ...] = ()) -> Any:
        rows = self.query(sql, params)
        return rows[0][0] if rows else None

    def close(self) -> None:
        """Close every thread's connection (call after the worker threads have stopped)."""
        with self._lock:
            conns, self._all = self._all, []
            self._closed = True
        for conn in conns:
            try:
                conn.close()
            except sqlite3.Error:  # pragma: no cover - closing is best effort
                logs.db.exception("closing a connection failed")

    # -- schema ----------------------------------------------------------------------------

    def _migrate(self) -> None:
        conn = self.conn
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise DatabaseTooNew(
                f"{self.path} has schema version {version}; this software knows up to {SCHEMA_VERSION}"
            )
        if version == SCHEMA_VERSION:
            return
        if version > 0:
            backup = self.path.with_name(f"{self.path.name}.v{version}.bak")
            logs.db.info("backing up %s to %s before migrating", self.path, backup)
            target = sqlite3.connect(backup)
            try:
                conn.backup(target)
            finally:
                target.close()
        for target_version in range(version + 1, SCHEMA_VERSION + 1):
            logs.db.info("migrating %s to schema version %d", self.path, target_version)
            with self.transaction() as tx:
                for statement in MIGRATIONS[target_version - 1]:
                    tx.execute(statement)
                tx.execute(f"PRAGMA user_version={target_version}")


class _WriteGate:
    """One writer of this process at a time; foreground writers go first.

    SQLite serialises writers too (BEGIN IMMEDIATE and busy_timeout, which still guard other
    processes such as `coworking-kiosk sync`), but its busy handler sleeps between attempts
    (1, 2, 5, ... up to 100 ms) and a writer that commits and begins again at once can keep a
    waiting check-in out for seconds. Here a waiter is notified at the release, and a
    background writer does not start while a foreground writer waits."""

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._busy = False
        self._owner: int | None = None
        self._foreground_waiting = 0

    def acquire(self, *, background: bool, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        with self._cond:
            if self._busy and self._owner == threading.get_ident():
                raise StoreError("a write transaction inside a write transaction of the same thread")
            if not background:
                self._foreground_waiting += 1
            try:
                while self._busy or (background and self._foreground_waiting):
                    remaining = deadline - time.monotonic()
                    if remaining <= 0 or not self._cond.wait(remaining):
                        return False
                self._busy = True
                self._owner = threading.get_ident()
                return True
            finally:
                if not background:
                    self._foreground_waiting -= 1

    def release(self) -> None:
        with self._cond:
            self._busy = False
            self._owner = None
            self._cond.notify_all()
