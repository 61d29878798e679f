"""The kiosk box's systemd pieces without a dependency: the token as a systemd credential (a
keyring backend) and sd_notify over `$NOTIFY_SOCKET` (issue 18, item 1)."""

from __future__ import annotations

import socket
from pathlib import Path

import keyring
import pytest

from kiosk.services import sdnotify
from kiosk.services.config import KeyringTokenStore
from kiosk.services.credstore import CREDENTIAL, CredentialsKeyring


@pytest.fixture
def credentials_keyring(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    passed, store = tmp_path / "credentials", tmp_path / "credstore"
    passed.mkdir()
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(passed))
    monkeypatch.setenv("COWORKING_CREDSTORE", str(store))
    previous = keyring.get_keyring()
    keyring.set_keyring(CredentialsKeyring())
    yield passed, store
    keyring.set_keyring(previous)


def test_token_from_systemd_credentials_then_from_an_enrollment(credentials_keyring) -> None:
    passed, store = credentials_keyring
    tokens = KeyringTokenStore()
    tokens.check()  # a usable backend: enrollment may spend its one-time code
    assert tokens.get("https://net.example#kiosk-1") is None
    (passed / CREDENTIAL).write_text("cwk_from_systemd\n")
    assert tokens.get("https://net.example#kiosk-1") == "cwk_from_systemd"
    tokens.set("https://net.example#kiosk-2", "cwk_enrolled_here")  # the first-run screen
    written = store / CREDENTIAL
    assert written.read_text() == "cwk_enrolled_here" and oct(written.stat().st_mode & 0o777) == "0o600"
    assert tokens.get("https://net.example#kiosk-2") == "cwk_enrolled_here"  # the newest wins
    assert keyring.get_password("another-service", "x") is None


def test_sd_notify_reaches_the_socket(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "notify"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as server:
        server.bind(str(path))
        server.settimeout(5)
        monkeypatch.setenv("NOTIFY_SOCKET", str(path))
        assert sdnotify.notify("READY=1")
        assert server.recv(100) == b"READY=1"
        assert sdnotify.notify("WATCHDOG=1")
        assert server.recv(100) == b"WATCHDOG=1"
    monkeypatch.setenv("WATCHDOG_USEC", "30000000")
    assert sdnotify.watchdog_interval() == 15.0
    monkeypatch.delenv("NOTIFY_SOCKET")
    monkeypatch.delenv("WATCHDOG_USEC")
    assert not sdnotify.notify("READY=1") and sdnotify.watchdog_interval() is None
    monkeypatch.setenv("NOTIFY_SOCKET", str(tmp_path / "gone"))
    assert not sdnotify.notify("READY=1")  # a missing socket is no crash
