"""Full round trips against a real `coworking-netserver` process."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk import cli
from kiosk.core.verdicts import Reason
from kiosk.services.checkin import KioskRevoked
from kiosk.services.client import Unreachable
from kiosk.services.config import KioskConfig, MemoryTokenStore
from kiosk.services.enroll import enroll

from .conftest import KioskFactory, MemoryKeyring
from .netserver_proc import NetServer


def test_enroll_sync_redeem_undo_override(server: NetServer, make_kiosk: KioskFactory) -> None:
    home, here = server.add_space("Stendal"), server.add_space("Gardelegen")
    number, text = server.add_member("Anna Beispiel", home.space_id)
    staff_id = server.add_staff("Desk", here.space_id, "246810")
    kiosk = make_kiosk(server, here.space_id)
    assert kiosk.config.space_id == here.space_id and kiosk.config.server_url == server.url
    assert "token" not in kiosk.config.paths.config_file.read_text()

    report = kiosk.engine.run_once()
    assert report.ok, report
    assert kiosk.store.member(number) is not None
    assert kiosk.store.space_names()[home.space_id] == "Stendal"
    assert [s.id for s in kiosk.store.staff_records()] == [staff_id]

    first = kiosk.checkin.check_in(text)
    assert first.verdict.reason is Reason.GUEST_DAY and not first.verdict.offline
    assert server.checkins(nonce=first.nonce)[0]["counted"]
    assert kiosk.store.pending_count() == 0  # the server has it already
    again = kiosk.checkin.check_in(text, method="wedge")  # a USB scanner at the desk
    assert again.verdict.reason is Reason.ALREADY_TODAY
    assert [server.checkins(nonce=n)[0]["method"] for n in (first.nonce, again.nonce)] == ["scan", "wedge"]

    kiosk.checkin.undo(first.nonce, staff_id=staff_id, reason="scanned twice")
    assert kiosk.engine.run_once().ok
    assert server.checkins(nonce=first.nonce)[0]["annulled_at"] is not None

    denied_number, denied_text = server.add_member("Bert Beispiel", home.space_id)
    server_row_count = len(server.checkins(space_id=here.space_id))
    override = kiosk.checkin.override(
        member_number=denied_number, staff_id=staff_id, reason="new card at home", denied_nonce=None
    )
    assert override.verdict.reason is Reason.STAFF_OVERRIDE
    manual = kiosk.checkin.check_in_member(number, staff_id=staff_id)
    assert manual.verdict.admitted
    assert kiosk.engine.run_once().ok
    assert kiosk.store.pending_count() == 0
    rows = {r["nonce"]: r for r in server.checkins(space_id=here.space_id)}
    assert len(rows) == server_row_count + 2
    assert rows[override.nonce]["method"] == "override"
    assert rows[override.nonce]["override_reason"] == "new card at home"
    assert rows[manual.nonce]["method"] == "manual"
    assert [c.nonce for c in kiosk.store.todays_checkins()][:2] == [manual.nonce, override.nonce]


def test_day_pass_issued_at_the_kiosk(server: NetServer, make_kiosk: KioskFactory) -> None:
    here = server.add_space()
    staff_id = server.add_staff("Desk", here.space_id, "135791")
    kiosk = make_kiosk(server, here.space_id)
    assert kiosk.engine.run_once().ok
    kiosk.connectivity.record_failure(Unreachable("test: offline"))
    issued = kiosk.checkin.issue_day_pass(staff_id=staff_id, note="walk-in")
    offline = kiosk.checkin.check_in(issued.text)
    assert offline.verdict.reason is Reason.DAY_PASS and offline.verdict.offline
    assert kiosk.engine.run_once().ok  # uploads the pass before the check-in
    assert kiosk.store.pending_count() == 0 and kiosk.store.rejected_count() == 0
    online = kiosk.checkin.check_in(issued.text)
    assert online.verdict.reason is Reason.DAY_PASS and not online.verdict.offline


def test_cli_sync_and_status(
    server: NetServer, make_kiosk: KioskFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    here = server.add_space("Osterburg")
    kiosk = make_kiosk(server, here.space_id, "cli")
    data_dir = str(kiosk.config.paths.config_file.parent)
    assert cli.main(["sync", "--data-dir", data_dir, "--lang", "en"]) == 0
    assert "Synced" in capsys.readouterr().out
    assert cli.main(["status", "--data-dir", data_dir, "--json"]) == 0
    import json

    status = json.loads(capsys.readouterr().out)
    assert status["space_name"] == "Osterburg" and status["online"] is True
    assert status["pending"] == 0 and status["roster_size"] >= 0 and status["last_sync"]
    assert cli.main(["status", "--data-dir", data_dir]) == 0
    assert "Letzte Synchronisation" in capsys.readouterr().out


def test_enroll_without_keyring_backend_keeps_the_code(
    server: NetServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    here = server.add_space()
    code = server.enrollment_code(here.space_id)
    data_dir = str(tmp_path / "nokeyring")
    # the environment points at the fail backend (tests/conftest.py)
    assert (
        cli.main(["enroll", server.url, code, "--data-dir", data_dir, "--lang", "en"]) == cli.EXIT_NO_KEYRING
    )
    err = capsys.readouterr().err
    assert "keyrings.alt" in err and "PYTHON_KEYRING_BACKEND" in err
    assert not KioskConfig.load(data_dir).enrolled
    # the one-time code was not spent
    config = enroll(server.url, code, config=KioskConfig.load(data_dir), token_store=MemoryTokenStore())
    assert config.enrolled


def test_cli_enroll_with_keyring(
    server: NetServer, tmp_path: Path, memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    here = server.add_space("Werben")
    data_dir = str(tmp_path / "k")
    code = server.enrollment_code(here.space_id)
    assert cli.main(["enroll", server.url, code, "--data-dir", data_dir]) == 0
    assert "Werben" in capsys.readouterr().out
    config = KioskConfig.load(data_dir)
    assert memory_keyring.passwords[("coworking-kiosk", f"{server.url}#kiosk-{config.kiosk_id}")]
    assert cli.main(["enroll", server.url, code, "--data-dir", data_dir, "--lang", "en"]) == 1
    assert "already used" in capsys.readouterr().err


def test_revoked_token_needs_enrollment(
    server: NetServer, make_kiosk: KioskFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    here = server.add_space()
    _, text = server.add_member("Carla", here.space_id)
    kiosk = make_kiosk(server, here.space_id, "revoked")
    assert kiosk.engine.run_once().ok
    assert kiosk.config.kiosk_id is not None
    server.revoke_kiosk(kiosk.config.kiosk_id)
    report = kiosk.engine.run_once()
    assert not report.ok and report.error_key == "error.token_revoked"
    state = kiosk.sync_state()
    assert state.needs_enrollment and not state.online and state.reason_key == "error.token_revoked"
    # a revoked kiosk admits nobody (issue 18; it used to admit offline for ever)
    with pytest.raises(KioskRevoked):
        kiosk.checkin.check_in(text)
    assert state.revoked
    data_dir = str(kiosk.config.paths.config_file.parent)
    assert cli.main(["status", "--data-dir", data_dir, "--lang", "en"]) == cli.EXIT_NOT_ENROLLED
    assert "enrolled again" in capsys.readouterr().out
