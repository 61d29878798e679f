"""Real databases with the real Alembic migrations: a SQLite file (migrated once, copied per
test) and, where COWORKING_TEST_PG_URL is set (tests/server/start_postgres.sh), PostgreSQL."""

from __future__ import annotations

import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from netserver.db import Database
from netserver.db.migrate import upgrade
from netserver.services.network import init_network
from netserver.services.spaces import add_plan, add_space

from ..postgres_url import pg_base_url


@pytest.fixture(scope="session")
def migrated_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "network.db"
    upgrade(f"sqlite:///{path}")
    return path


def _sqlite(migrated_file: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "network.db"
    shutil.copyfile(migrated_file, path)
    database = Database(f"sqlite:///{path}")
    yield database
    database.dispose()


def _postgres() -> Iterator[Database]:
    base = make_url(pg_base_url())
    name = f"cw_tools_{secrets.token_hex(6)}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = base.set(database=name).render_as_string(hide_password=False)
    upgrade(url)
    database = Database(url)
    yield database
    database.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, migrated_file: Path, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        yield from _sqlite(migrated_file, tmp_path)
    else:
        yield from _postgres()


@pytest.fixture
def network(db: Database) -> Database:
    """A small network: spaces stendal (1), gardelegen (2), werben (3); plans basis/flex."""
    with db.write() as session:
        init_network(session, name="Test-Netz", timezone="Europe/Berlin", default_guest_days=1)
        add_space(session, slug="stendal", name="Stendal", town="Stendal", space_id=1)
        add_space(session, slug="gardelegen", name="Gardelegen", town="Gardelegen", space_id=2)
        add_space(session, slug="werben", name="Werben", town="Werben (Elbe)", space_id=3)
        add_plan(session, code="basis", name="Basis", guest_days_per_month=1)
        add_plan(session, code="flex", name="Flex", guest_days_per_month=3)
    return db
