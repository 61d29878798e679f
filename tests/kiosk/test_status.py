"""`coworking-kiosk status --json`: the documented fields (docs/kiosk-data.md), no network access."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk import cli

from .conftest import KioskFactory
from .netserver_proc import NetServer

DOCUMENTED = {
    "enrolled", "server_url", "kiosk_id", "space_id", "space_name", "network", "online", "reason_key",
    "last_sync", "next_attempt", "pending", "rejected", "roster_size", "clock_skew_seconds",
    "clock_skew_warning", "last_error_key", "last_error", "last_error_at", "needs_enrollment",
}  # fmt: skip


def status(data_dir: Path | str, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, object]]:
    code = cli.main(["status", "--json", "--data-dir", str(data_dir)])
    return code, json.loads(capsys.readouterr().out)


def test_enrolled_kiosk_with_pending_uploads(
    server: NetServer, make_kiosk: KioskFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    home, here = server.add_space("Home"), server.add_space("Salzwedel")
    passes = [server.add_member(f"Status {i}", home.space_id)[1] for i in range(2)]
    kiosk = make_kiosk(server, here.space_id, "status")
    assert kiosk.engine.run_once().ok
    kiosk.checkin.client = None  # decided here, queued for upload
    for text in passes:
        kiosk.checkin.check_in(text)
    server_url = server.url

    code, data = status(kiosk.config.paths.config_file.parent, capsys)
    assert code == cli.EXIT_OK
    assert set(data) == DOCUMENTED
    assert data["enrolled"] is True and data["needs_enrollment"] is False
    assert (data["space_id"], data["space_name"], data["server_url"]) == (
        here.space_id,
        "Salzwedel",
        server_url,
    )
    assert data["kiosk_id"] == kiosk.config.kiosk_id
    assert data["online"] is True and data["reason_key"] is None
    assert data["pending"] == 2 and data["rejected"] == 0
    assert data["roster_size"] == kiosk.store.roster_size() >= 2
    assert isinstance(data["last_sync"], str) and data["last_sync"].endswith("Z")
    assert isinstance(data["clock_skew_seconds"], float) and data["clock_skew_warning"] is False
    assert data["last_error_key"] is None


def test_not_enrolled_data_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, data = status(tmp_path / "fresh", capsys)
    assert code == cli.EXIT_NOT_ENROLLED == 3
    assert set(data) == DOCUMENTED
    assert data["enrolled"] is False and data["space_id"] is None and data["server_url"] is None
    assert data["pending"] == 0 and data["roster_size"] == 0 and data["last_sync"] is None
    assert not list((tmp_path / "fresh").rglob("*.sqlite3*")), "status must not create a database"
