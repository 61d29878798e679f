"""Server test fixtures: migrated databases (SQLite file, PostgreSQL), a seeded network, the
ASGI client, and a real uvicorn process on 127.0.0.1."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text, update
from sqlalchemy.engine import make_url

from kiosk.core.credentials import MemberPass
from netserver.api.app import create_app
from netserver.db import Database, Kiosk
from netserver.db.migrate import upgrade
from netserver.services import enrollment, members, network, passes, spaces, staff, tokens
from netserver.settings import Settings

from ..postgres_url import pg_base_url

REPO = Path(__file__).resolve().parents[2]


@contextmanager
def fresh_database(kind: str, directory: Path) -> Iterator[str]:
    """A new, migrated database ("sqlite": a file in `directory`; "postgres": a new database on
    the test cluster, dropped afterwards); yields its URL."""
    if kind == "sqlite":
        url = f"sqlite:///{directory / f'network-{secrets.token_hex(4)}.db'}"
        Database(url).dispose()  # creates the directory
        upgrade(url)
        yield url
        return
    base = make_url(pg_base_url())
    name = f"cw_test_{secrets.token_hex(6)}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = base.set(database=name).render_as_string(hide_password=False)
    try:
        upgrade(url)
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def pg_url(tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for one test, dropped afterwards."""
    with fresh_database("postgres", tmp_path) as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'network.db'}"
    Database(url).dispose()  # creates the directory
    upgrade(url)
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return str(request.getfixturevalue(name))


@dataclass
class World:
    """A seeded network: Stendal (1, home of Anna and Ben), Werben (2), Tangermünde (3)."""

    url: str
    db: Database
    admin_token: str
    anna: MemberPass
    ben: MemberPass
    werben_code: str
    stendal_code: str
    staff_id: int

    def client(self) -> TestClient:
        return TestClient(create_app(Settings(database_url=self.url), db=self.db))


def seed(url: str) -> World:
    db = Database(url)
    with db.write() as session:
        network.init_network(session, name="Altmark", timezone="Europe/Berlin", default_guest_days=1)
        spaces.add_space(session, slug="stendal", name="Stendal", town="Stendal")
        spaces.add_space(session, slug="werben", name="Werben", town="Werben (Elbe)")
        spaces.add_space(session, slug="tangermuende", name="Tangermünde", town="Tangermünde")
        anna = members.add_member(
            session, display_name="Anna", home_space="stendal", email="anna@example.org"
        )
        ben = members.add_member(session, display_name="Ben", home_space="stendal")
        anna_pass = passes.issue_pass(session, anna.number)
        ben_pass = passes.issue_pass(session, ben.number)
        werben = enrollment.create_enrollment_code(session, "werben").text
        stendal = enrollment.create_enrollment_code(session, "stendal").text
        worker = staff.add_staff(session, display_name="Maria", space="werben", pin="248163")
        admin = tokens.create_admin_token(session, "tests")
    return World(url, db, admin, anna_pass, ben_pass, werben, stendal, worker.id)


@pytest.fixture
def world(db_url: str) -> Iterator[World]:
    w = seed(db_url)
    yield w
    w.db.dispose()


@pytest.fixture
def sqlite_world(sqlite_url: str) -> Iterator[World]:
    w = seed(sqlite_url)
    yield w
    w.db.dispose()


@pytest.fixture
def client(world: World) -> Iterator[TestClient]:
    with world.client() as c:
        yield c


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    base_url: str
    process: subprocess.Popen[bytes]


def start_server(url: str, log_path: Path, *, workers: int = 1) -> LiveServer:
    port = free_port()
    env = {**os.environ, "COWORKING_DATABASE_URL": url, "PYTHONPATH": str(REPO)}
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "netserver.api.app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    log = log_path.open("wb")
    process = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=REPO)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60  # several workers importing on a loaded 2-core machine
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"uvicorn exited: {log_path.read_text()}")
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                return LiveServer(base, process)
        except httpx.HTTPError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"uvicorn did not start: {log_path.read_text()}")


def stop_server(server: LiveServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture
def live_server(world: World, tmp_path: Path) -> Iterator[LiveServer]:
    server = start_server(world.url, tmp_path / "uvicorn.log", workers=2)
    yield server
    stop_server(server)


ENROLLED_AT = datetime(2026, 1, 1, tzinfo=UTC)


def enroll(client: TestClient | httpx.Client, code: str, name: str = "Entrance") -> dict[str, str]:
    """Enroll a kiosk; with a TestClient it is backdated to ENROLLED_AT, so that the tests may
    upload facts of fixed dates in 2026 (facts before a kiosk's enrollment are held as
    conflicts, netserver/services/settlement.py; tests of that bound enroll on their own)."""
    response = client.post("/api/v1/enroll", json={"code": code, "kiosk_name": name})
    assert response.status_code == 200, response.text
    if isinstance(client, TestClient):
        app: Any = client.app
        backdate_kiosk(app.state.db, int(response.json()["kiosk_id"]))
    return {"Authorization": f"Bearer {response.json()['token']}"}


def backdate_kiosk(db: Database, kiosk_id: int, when: datetime = ENROLLED_AT) -> None:
    with db.write() as session:
        # enrolled long ago, seen just now (as if enrolled then and in use since)
        now = datetime.now(UTC)
        session.execute(update(Kiosk).where(Kiosk.id == kiosk_id).values(created_at=when, last_seen_at=now))
