"""Engines and sessions. SQLite: WAL, busy timeout, foreign keys, and `BEGIN IMMEDIATE` for
writing transactions (so read-then-write races serialise); PostgreSQL: plain READ COMMITTED
plus explicit row locks where a decision depends on what was read."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from ..private_files import private_dir, private_file
from . import sequence


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
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

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
