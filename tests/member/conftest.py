"""Member page fixtures: the server tests' seeded world, a member page link for Anna, and a
real uvicorn process serving it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from netserver.services import member_links

from ..server.conftest import (  # noqa: F401  (fixtures)
    LiveServer,
    World,
    db_url,
    enroll,
    pg_url,
    seed,
    sqlite_url,
    start_server,
    stop_server,
    world,
)


@dataclass
class Site:
    world: World
    server: LiveServer
    secret: str  # Anna's member page link

    @property
    def page(self) -> str:
        return f"{self.server.base_url}/me/{self.secret}"


def make_link(w: World) -> str:
    with w.db.write() as session:
        return member_links.create_link(session, w.anna.member_number, w.anna)


@pytest.fixture
def site(world: World, tmp_path: Path) -> Iterator[Site]:  # noqa: F811
    secret = make_link(world)
    server = start_server(world.url, tmp_path / "uvicorn.log", workers=2)
    yield Site(world, server, secret)
    stop_server(server)
