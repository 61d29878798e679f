"""Engines and sessions. SQLite: WAL, busy timeout, foreign keys, and `BEGIN IMMEDIATE` for
writing transactions (so read-then-write races serialise); PostgreSQL: plain READ COMMITTED
plus explicit row locks where a decision depends on what was read.

SQLite's write lock is shared by every worker process of the server. Its own busy handler waits
between tries for 1, 2, 5, 10, ... up to 100 ms, so a writer that has waited a while sleeps
through most moments the lock is free while newcomers, whose first try is immediate, take it:
with several workers the p99 of a redeem reached seconds. `BEGIN IMMEDIATE` is therefore tried
every `BEGIN_POLL_S` until the busy timeout (`begin_immediate`), the same bound as before.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ..private_files import private_dir, private_file
from . import sequence

BEGIN_POLL_S = 0.0005  # how often a waiting writer tries SQLite's write lock again


def begin_immediate(dbapi_conn: sqlite3.Connection, busy_timeout_ms: int) -> None:
    """`BEGIN IMMEDIATE`, tried every `BEGIN_POLL_S` while another connection (of any process)
    holds the write lock, for at most `busy_timeout_ms`; then SQLite's "database is locked"
    (as SQLAlchemy's OperationalError)."""
    deadline = time.monotonic() + busy_timeout_ms / 1000
    dbapi_conn.execute("PRAGMA busy_timeout=0")  # the tries below are the wait
    try:
        while True:
            try:
                dbapi_conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or time.monotonic() >= deadline:
                    # as SQLAlchemy wraps it (the API answers 503 to a database that is locked)
                    raise OperationalError("BEGIN IMMEDIATE", None, exc) from exc
            time.sleep(BEGIN_POLL_S)
    finally:
        dbapi_conn.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return (int(code) & 0xFF) == sqlite3.SQLITE_BUSY
    return "locked" in str(exc)


def _sqlite_engine(url: str, *, immediate: bool, busy_timeout_ms: int, pool_timeout_s: float) -> Engine:
    # An in-memory database has one connection per thread (SingletonThreadPool): no pool to wait for.
    in_memory = make_url(url).database in (None, "", ":memory:")
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": busy_timeout_ms / 1000},
        **({} if in_memory else {"pool_timeout": pool_timeout_s}),
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        # FULL on the writing connections: a commit (a check-in the kiosk was told is stored)
        # is on disk before the answer, so a power cut loses nothing acknowledged; NORMAL in
        # WAL mode could lose the last commits. Readers do not write: NORMAL.
        cursor.execute(f"PRAGMA synchronous={'FULL' if immediate else 'NORMAL'}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if immediate:
            begin_immediate(conn.connection.driver_connection, busy_timeout_ms)
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


class Database:
    """The server's database: `write()` and `read()` give a session inside one transaction."""

    def __init__(
        self,
        url: str,
        *,
        busy_timeout_ms: int = 15_000,
        echo: bool = False,
        lock_timeout_ms: int | None = None,
        statement_timeout_ms: int | None = None,
        pool_timeout_s: float = 30.0,
    ) -> None:
        """The server passes its bounds (netserver/settings.py); the CLI keeps the defaults:
        no PostgreSQL statement bound, so that a long import is not cut off."""
        self.url = url
        parsed = make_url(url)
        self.dialect = parsed.get_backend_name()
        sequence.install()
        if self.dialect == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                # owner-only: the file holds token and PIN hashes and members' contact data;
                # SQLite gives its -wal and -shm files the database file's mode
                private_dir(Path(parsed.database).parent)
                if not Path(parsed.database).exists():
                    private_file(Path(parsed.database))
            self.write_engine = _sqlite_engine(
                url, immediate=True, busy_timeout_ms=busy_timeout_ms, pool_timeout_s=pool_timeout_s
            )
            self.read_engine = _sqlite_engine(
                url, immediate=False, busy_timeout_ms=busy_timeout_ms, pool_timeout_s=pool_timeout_s
            )
        else:
            options = []
            if lock_timeout_ms is not None:
                options.append(f"-c lock_timeout={int(lock_timeout_ms)}")
            if statement_timeout_ms is not None:
                options.append(f"-c statement_timeout={int(statement_timeout_ms)}")
                # a transaction left open (a bug, a killed client) never holds row locks for long
                options.append(f"-c idle_in_transaction_session_timeout={4 * int(statement_timeout_ms)}")
            self.write_engine = create_engine(
                url,
                echo=echo,
                pool_pre_ping=True,
                pool_size=10,
                max_overflow=20,
                pool_timeout=pool_timeout_s,
                connect_args={"options": " ".join(options)} if options else {},
            )
            self.read_engine = self.write_engine
        self._writer = sessionmaker(self.write_engine, expire_on_commit=False)
        self._reader = sessionmaker(self.read_engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A writing transaction: committed on success, rolled back on any exception."""
        with self._writer() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._reader() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.write_engine.dispose()
        if self.read_engine is not self.write_engine:
            self.read_engine.dispose()
