"""Issue 13 item 5: admin tokens can be listed and revoked; secret files are owner-only;
failed enrollments are rate-limited across server processes; check-in writes are durable
(SQLite synchronous=FULL)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from netserver.cli import main
from netserver.db import Database
from netserver.services.enroll_limit import LIMIT

from .conftest import World, start_server, stop_server


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)  # the usual default, under which the old code wrote 0644 files
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_admin_token_list_and_revoke(
    world: World, client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--database-url", world.url, "admin-token", "create", "--label", "laptop"]) == 0
    token = capsys.readouterr().out.strip().splitlines()[-1]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/admin/spaces", headers=headers).status_code == 200
    assert main(["--database-url", world.url, "admin-token", "list"]) == 0
    listed = capsys.readouterr().out
    assert "laptop" in listed and "active" in listed and token not in listed
    token_id = next(line.split("\t")[0] for line in listed.splitlines() if "laptop" in line)
    assert main(["--database-url", world.url, "admin-token", "revoke", token_id]) == 0
    answer = client.get("/api/v1/admin/spaces", headers=headers)
    assert answer.status_code == 401 and answer.json()["error"]["code"] == "token_revoked"
    assert main(["--database-url", world.url, "admin-token", "list"]) == 0
    assert "revoked" in capsys.readouterr().out
    assert main(["--database-url", world.url, "admin-token", "revoke", "999"]) == 2  # unknown: clear error


def test_secret_files_are_owner_only(
    tmp_path: Path, umask_022: None, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "init", "--name", "Altmark"]) == 0
    assert mode(data) == 0o700 and mode(data / "network.db") == 0o600
    url = f"sqlite:///{data / 'network.db'}"
    demo = tmp_path / "demo"
    assert main(["--database-url", f"sqlite:///{demo / 'network.db'}", "demo-seed", "--out",
                 str(tmp_path / "demo.json"), "--cards", str(tmp_path / "cards")]) == 0  # fmt: skip
    assert mode(tmp_path / "demo.json") == 0o600
    assert mode(tmp_path / "cards") == 0o700
    written = list((tmp_path / "cards").iterdir())
    assert written and all(mode(p) == 0o600 for p in written), {p.name: oct(mode(p)) for p in written}
    for extra in ("-wal", "-shm"):  # SQLite gives them the database file's mode
        side = demo / f"network.db{extra}"
        if side.exists():
            assert mode(side) == 0o600
    assert main(["--database-url", url, "space", "add", "werben", "Werben"]) == 0
    assert main(["--database-url", url, "kiosk", "code", "werben", "--png", str(tmp_path / "code.png")]) == 0
    assert mode(tmp_path / "code.png") == 0o600
    capsys.readouterr()


def test_check_in_writes_are_synchronous_full(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    try:
        with db.write() as session:
            assert session.execute(text("PRAGMA synchronous")).scalar_one() == 2  # FULL
    finally:
        db.dispose()


def test_failed_enrollments_are_rate_limited_across_workers(world: World, tmp_path: Path) -> None:
    server = start_server(world.url, tmp_path / "uvicorn.log", workers=2)
    try:
        with httpx.Client(base_url=server.base_url, timeout=30) as http:
            bad = {"code": "CWE1" + "A" * 20, "kiosk_name": "Guess"}
            codes = [http.post("/api/v1/enroll", json=bad).status_code for _ in range(LIMIT)]
            assert all(400 <= c < 500 and c != 429 for c in codes), codes
            refused = http.post("/api/v1/enroll", json=bad)
            assert refused.status_code == 429, refused.text
            assert refused.json()["error"]["code"] == "too_many_attempts"
            assert int(refused.headers["Retry-After"]) >= 1
            good = http.post("/api/v1/enroll", json={"code": world.werben_code, "kiosk_name": "Real"})
            assert good.status_code == 429  # the address is blocked for a while, whatever it sends
    finally:
        stop_server(server)
