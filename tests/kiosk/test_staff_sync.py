"""Staff changes made with `coworking-netserver staff ...` reach the kiosks at their next sync."""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import KioskFactory
from .netserver_proc import ROOT, NetServer


def staff_cli(server: NetServer, *argv: str) -> str:
    """The real command line, as a process, on the running server's database."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COWORKING_DATA_DIR": str(server.data_dir)}
    done = subprocess.run(
        [sys.executable, "-m", "netserver", "--lang", "en", "staff", *argv],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_disabled_pin_stops_working_on_every_kiosk_at_the_next_sync(
    own_server: NetServer, make_kiosk: KioskFactory
) -> None:
    here = own_server.add_space("Werben")
    staff_id = own_server.add_staff("Maria", here.space_id, "248163")
    colleague = own_server.add_staff("Jonas", here.space_id, "902714")
    door, desk = make_kiosk(own_server, here.space_id, "door"), make_kiosk(own_server, here.space_id, "desk")
    for kiosk in (door, desk):
        assert kiosk.engine.run_once().ok
        unlocked = kiosk.staff.unlock("248163")
        assert unlocked is not None and unlocked.staff_id == staff_id

    assert "disabled" in staff_cli(own_server, "disable", str(staff_id))
    for kiosk in (door, desk):
        assert kiosk.staff.unlock("248163") is not None  # not synced yet: still known
        assert kiosk.engine.run_once().ok
        assert kiosk.staff.unlock("248163") is None
        assert [s.id for s in kiosk.store.staff_records()] == [colleague]

    staff_cli(own_server, "pin", str(colleague), "--pin", "135792")
    assert door.engine.run_once().ok
    assert door.staff.unlock("902714") is None
    session = door.staff.unlock("135792")
    assert session is not None and session.staff_id == colleague
