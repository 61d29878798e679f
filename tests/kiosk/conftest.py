"""Kiosk test fixtures: an in-memory keyring, real server processes, enrolled kiosks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from kiosk.services.clock import ServerClock
from kiosk.services.composition import KioskServices
from kiosk.services.config import KeyringTokenStore, KioskConfig, TokenStore
from kiosk.services.enroll import enroll

from .netserver_proc import NetServer


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def _server(path: Path) -> NetServer:
    server = NetServer(path)
    server.init_network(guest_days=1)
    server.start()
    return server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NetServer]:
    """One real server process per test module; tests add their own spaces and members."""
    srv = _server(tmp_path_factory.mktemp("netserver"))
    yield srv
    srv.close()


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[NetServer]:
    """A server process of this test alone (it may be stopped and started)."""
    srv = _server(tmp_path / "netserver")
    yield srv
    srv.close()


KioskFactory = Callable[..., KioskServices]


@pytest.fixture
def make_kiosk(tmp_path: Path, memory_keyring: MemoryKeyring) -> Iterator[KioskFactory]:
    """Enroll a kiosk (token in the in-memory keyring) and open its services."""
    opened: list[KioskServices] = []

    def make(
        srv: NetServer,
        space_id: int,
        name: str = "kiosk",
        *,
        token_store: TokenStore | None = None,
        clock: ServerClock | None = None,
    ) -> KioskServices:
        tokens = token_store or KeyringTokenStore()
        config = KioskConfig.load(tmp_path / name)
        config = enroll(srv.url, srv.enrollment_code(space_id), config=config, token_store=tokens)
        services = KioskServices.open(config, token_store=tokens, clock=clock)
        opened.append(services)
        return services

    yield make
    for services in opened:
        services.close()
