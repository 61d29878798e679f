"""`coworking-netserver backup` / `restore` on SQLite and PostgreSQL: a populated database is
backed up, restored into a new one, and the restored one serves the same sync answer."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kiosk.core.models import new_nonce
from netserver.api.app import create_app
from netserver.cli import main
from netserver.db import Database
from netserver.settings import Settings

from .conftest import World, enroll
from .databases import empty_database, kind_of


def _sync(url: str, headers: dict[str, str], cursor: str | None = None) -> dict[str, object]:
    db = Database(url)
    try:
        with TestClient(create_app(Settings(database_url=url, feed_fetch=False), db=db)) as client:
            params = {"cursor": cursor} if cursor else {}
            response = client.get("/api/v1/sync", headers=headers, params=params)
            assert response.status_code == 200, response.text
            body: dict[str, object] = response.json()
            return body
    finally:
        db.dispose()


def test_backup_restore_serves_the_same_sync_answer(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with world.client() as client:
        kiosk = enroll(client, world.werben_code)
        fact = {
            "nonce": new_nonce(),
            "occurred_at": datetime.now(UTC).isoformat(),
            "space_id": 2,
            "member_number": world.anna.member_number,
            "pass_serial": world.anna.serial,
            "reason": "guest_day",
            "admitted": True,
            "counted": True,
        }
        stored = client.post("/api/v1/checkins", headers=kiosk, json={"items": [fact]})
        assert stored.json()["results"][0]["status"] == "stored"
    before = _sync(world.url, kiosk)
    assert before["members"] and before["usage"] and before["staff"]

    dump = tmp_path / "backup" / "network.dump"
    assert main(["--database-url", world.url, "backup", str(dump)]) == 0
    assert dump.stat().st_size > 0
    assert main(["--database-url", world.url, "backup", str(dump)]) == 2  # never overwrites
    assert "exists" in capsys.readouterr().err

    with empty_database(kind_of(world.url), tmp_path) as target:
        assert main(["--database-url", target, "restore", str(dump)]) == 0
        after = _sync(target, kiosk)  # the kiosk token works on the restored database too
        assert after == before
        cursor = str(before["cursor"])
        assert _sync(target, kiosk, cursor) == {"cursor": cursor, "has_more": False, "full": False}
        # a second restore into the now populated database needs --force
        assert main(["--database-url", target, "restore", str(dump)]) == 2
        assert "--force" in capsys.readouterr().err
        assert main(["--database-url", target, "restore", "--force", str(dump)]) == 0
        assert _sync(target, kiosk) == before


def test_restore_refuses_a_file_of_the_other_kind(sqlite_world: World, tmp_path: Path, capsys) -> None:
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("hello")
    target = f"sqlite:///{tmp_path / 'new.db'}"
    assert main(["--database-url", target, "restore", str(not_a_backup)]) == 2
    assert "not a SQLite backup" in capsys.readouterr().err
    assert main(["--database-url", target, "restore", str(tmp_path / "missing.dump")]) == 2
    assert "no such file" in capsys.readouterr().err
