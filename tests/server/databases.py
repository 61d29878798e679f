"""Databases for the backup and upgrade tests: new and empty (not migrated), SQLite or
PostgreSQL (on the test cluster, dropped afterwards)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from ..postgres_url import pg_base_url


@contextmanager
def empty_database(kind: str, directory: Path) -> Iterator[str]:
    """A new, empty database ("sqlite" or "postgres"); yields its URL."""
    if kind == "sqlite":
        yield f"sqlite:///{directory / f'empty-{secrets.token_hex(4)}.db'}"
        return
    base = make_url(pg_base_url())
    name = f"cw_empty_{secrets.token_hex(6)}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def kind_of(url: str) -> str:
    return "sqlite" if make_url(url).get_backend_name() == "sqlite" else "postgres"
