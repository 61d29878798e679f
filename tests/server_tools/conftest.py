"""Real SQLite files with the real Alembic migrations: migrated once, copied per test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from netserver.db import Database
from netserver.db.migrate import upgrade
from netserver.services.network import init_network
from netserver.services.spaces import add_plan, add_space


@pytest.fixture(scope="session")
def migrated_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "network.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def db(migrated_file: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "network.db"
    shutil.copyfile(migrated_file, path)
    database = Database(f"sqlite:///{path}")
    yield database
    database.dispose()


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
