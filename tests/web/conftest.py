"""Web admin fixtures: the seeded test network (tests/server/conftest.py) with three accounts,
and a TestClient signed in as one of them."""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx2 as httpx
import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from netserver.db import Database
from netserver.db.migrate import upgrade
from netserver.services import admin_users
from tests.server.conftest import World, seed

PASSWORD = "correct horse battery"
USERS = {"coord": ("network", None), "werben": ("space", "werben"), "stendal": ("space", "stendal")}


@dataclass
class AdminWorld:
    world: World

    def client(self) -> TestClient:
        return self.world.client()


def add_users(world: World) -> None:
    with world.db.write() as session:
        for name, (role, space) in USERS.items():
            user = admin_users.add_user(session, name=name, role=role, space=space)
            admin_users.set_password(session, user, PASSWORD)


QUICK = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True)
def quick_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheaper argon2 parameters inside the test process (a real server process, as in the
    browser tests, keeps the production ones): the hashes are still real argon2id."""
    monkeypatch.setattr(admin_users, "_hasher", QUICK)


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> World:
    """The seeded network with its accounts, migrated once; each test gets a copy of the file."""
    directory = tmp_path_factory.mktemp("template")
    url = f"sqlite:///{directory / 'network.db'}"
    Database(url).dispose()
    upgrade(url)
    world = seed(url)
    production, admin_users._hasher = admin_users._hasher, QUICK
    try:
        add_users(world)
    finally:
        admin_users._hasher = production
    world.db.dispose()
    return world


@pytest.fixture
def admin_world(template: World, tmp_path: Path) -> Iterator[AdminWorld]:
    source = Path(template.url.removeprefix("sqlite:///"))
    target = tmp_path / "network.db"
    shutil.copyfile(source, target)
    url = f"sqlite:///{target}"
    world = dataclasses.replace(template, url=url, db=Database(url))
    yield AdminWorld(world)
    world.db.dispose()


def pre_token(client: TestClient) -> str:
    page = client.get("/admin/signin")
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found, page.text
    return found.group(1)


def sign_in(client: TestClient, name: str, password: str = PASSWORD) -> str:
    """Signs `client` in; returns the session's CSRF token (from a page's forms)."""
    response = client.post(
        "/admin/signin",
        data={"name": name, "password": password, "csrf": pre_token(client)},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return csrf_of(client)


def csrf_of(client: TestClient) -> str:
    page = client.get("/admin/dashboard")
    assert page.status_code == 200, page.text
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found
    return found.group(1)


def signed_in_over_http(client: httpx.Client, name: str) -> str:
    """Signs a live server's `client` in over HTTP (the server keeps the production argon2
    parameters); returns the session's CSRF token."""
    pre = re.search(r'name="csrf" value="([^"]+)"', client.get("/admin/signin").text)
    assert pre
    response = client.post("/admin/signin", data={"name": name, "password": PASSWORD, "csrf": pre[1]})
    assert response.status_code == 303, response.text[-500:]
    found = re.search(r'name="csrf" value="([^"]+)"', client.get("/admin/dashboard").text)
    assert found
    return found.group(1)


@pytest.fixture
def coord(admin_world: AdminWorld) -> Iterator[tuple[TestClient, str]]:
    with admin_world.client() as client:
        yield client, sign_in(client, "coord")
