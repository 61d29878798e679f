"""Web admin fixtures: the seeded test network (tests/server/conftest.py) with three accounts,
and a TestClient signed in as one of them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from netserver.services import admin_users
from tests.server.conftest import World, seed
from tests.server.conftest import sqlite_url as sqlite_url  # noqa: F401  (a fixture)

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


@pytest.fixture
def admin_world(sqlite_url: str) -> Iterator[AdminWorld]:
    world = seed(sqlite_url)
    add_users(world)
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
        "/admin/signin", data={"name": name, "password": password, "csrf": pre_token(client)},
        follow_redirects=False,
    )  # fmt: skip
    assert response.status_code == 303, response.text
    return csrf_of(client)


def csrf_of(client: TestClient) -> str:
    page = client.get("/admin/dashboard")
    assert page.status_code == 200, page.text
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found
    return found.group(1)


@pytest.fixture
def coord(admin_world: AdminWorld) -> Iterator[tuple[TestClient, str]]:
    with admin_world.client() as client:
        yield client, sign_in(client, "coord")
