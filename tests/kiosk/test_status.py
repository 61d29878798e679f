"""`coworking-kiosk status --json`: the documented fields (docs/kiosk-data.md), no network access."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk import cli

from .conftest import KioskFactory
from .netserver_proc import NetServer

DOCUMENTED = {
    "enrolled", "server_url", "kiosk_id", "space_id", "space_name", "network", "online", "reason_key",
    "last_sync", "next_attempt", "pending", "rejected", "roster_size", "clock_skew_seconds",
    "clock_skew_warning", "last_error_key", "last_error", "last_error_at", "needs_enrollment",
    "health", "timezone", "popup_ends_at",
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
    assert code == cli.STATUS_OK == 0 and data["health"] == "ok"
    assert set(data) == DOCUMENTED
    assert data["timezone"] == "Europe/Berlin"
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
    assert code == cli.EXIT_NOT_ENROLLED == cli.STATUS_NOT_ENROLLED == 3
    assert data["health"] == "not_enrolled"
    assert set(data) == DOCUMENTED
    assert data["enrolled"] is False and data["space_id"] is None and data["server_url"] is None
    assert data["pending"] == 0 and data["roster_size"] == 0 and data["last_sync"] is None
    assert not list((tmp_path / "fresh").rglob("*.sqlite3*")), "status must not create a database"


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def test_exit_codes_that_monitoring_can_alert_on(
    server: NetServer, make_kiosk: KioskFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    here = server.add_space("Osterburg")
    kiosk = make_kiosk(server, here.space_id, "monitored")
    assert kiosk.engine.run_once().ok
    data_dir = kiosk.config.paths.config_file.parent
    assert status(data_dir, capsys)[0] == 0
    # The kiosk stopped syncing (crashed, switched off): its last state says online, but stale.
    kiosk.store.set_meta("last_success", iso(datetime.now(UTC) - timedelta(minutes=20)))
    code, data = status(data_dir, capsys)
    assert (code, data["health"]) == (cli.STATUS_STALE, "stale") and code == 1
    assert cli.main(["status", "--data-dir", str(data_dir)]) == 1  # the text output agrees
    assert "10 Minuten" in capsys.readouterr().out
    # Offline as the running kiosk last recorded it.
    kiosk.store.set_meta("online", "0")
    code, data = status(data_dir, capsys)
    assert (code, data["health"]) == (cli.STATUS_OFFLINE, "offline") and code == 2
    # Revoked by the server: enroll again.
    kiosk.store.set_meta("needs_enrollment", "1")
    assert status(data_dir, capsys)[0] == cli.STATUS_NOT_ENROLLED == 3


def test_status_help_documents_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["status", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for part in ("0 ok", "1 stale", "2 offline", "3 not enrolled", "time zone"):
        assert part in text


def test_text_status_shows_network_local_times_labelled_and_german_labels(
    server: NetServer,
    make_kiosk: KioskFactory,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TZ", "UTC")  # the box runs in UTC, the network in Europe/Berlin
    time.tzset()
    try:
        here = server.add_space("Werben")
        kiosk = make_kiosk(server, here.space_id, "textual")
        assert kiosk.engine.run_once().ok
        synced = datetime(2026, 7, 1, 10, 0, 0, tzinfo=UTC)  # summer: CEST, 12:00 in Berlin
        kiosk.store.set_meta("last_success", iso(synced))
        cli.main(["status", "--data-dir", str(kiosk.config.paths.config_file.parent)])
        out = capsys.readouterr().out
        assert "2026-07-01 12:00:00 CEST" in out and "10:00:00" not in out
        assert "Standort:" in out and "Space:" not in out
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
