"""`coworking-netserver space checkout SPACE on|off`: the setting the kiosks sync (issue 19)."""

from __future__ import annotations

from pathlib import Path

import pytest

from netserver.db import Database
from netserver.services import sync
from netserver.settings import Settings

from .test_cli import run


def test_check_out_by_scan_is_off_until_turned_on_and_reaches_the_kiosks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    assert run(capsys, data, "init", "--name", "Altmark", "--guest-days", "1")[0] == 0
    assert run(capsys, data, "space", "add", "werben", "Werben")[0] == 0
    db = Database(Settings(data_dir=data).url)
    try:
        with db.read() as session:
            first = sync.sync_page(session, space_id=1, cursor=None)
        assert [s["checkout_by_scan"] for s in first["spaces"]] == [False]
        code, out, _ = run(capsys, data, "space", "checkout", "werben", "on")
        assert code == 0 and "check-out by scan on" in out
        with db.read() as session:
            later = sync.sync_page(session, space_id=1, cursor=first["cursor"])
        assert [s["checkout_by_scan"] for s in later["spaces"]] == [True]  # a change: synced again
        code, out, _ = run(capsys, data, "space", "checkout", "werben", "off")
        assert code == 0 and out.strip().endswith("check-out by scan off")
        with pytest.raises(SystemExit) as refused:
            run(capsys, data, "space", "checkout", "werben", "maybe")
        assert refused.value.code == 2 and "invalid choice" in capsys.readouterr().err
        assert run(capsys, data, "space", "checkout", "nowhere", "on")[0] != 0
    finally:
        db.dispose()
