"""`coworking-netserver staff pin` and `staff list`: rotating staff PINs after a kiosk was stolen."""

from __future__ import annotations

import pytest

from kiosk.core.pins import verify_pin
from netserver.cli import main
from netserver.db import Staff

from .conftest import World


def test_staff_pin_rotation(sqlite_world: World, capsys: pytest.CaptureFixture[str]) -> None:
    url = sqlite_world.url
    with sqlite_world.db.read() as session:
        before = session.get(Staff, sqlite_world.staff_id)
        assert before is not None
        old_hash, old_seq = before.pin_hash, before.seq
    assert main(["--database-url", url, "staff", "pin", str(sqlite_world.staff_id), "--pin", "975310"]) == 0
    assert "new PIN set" in capsys.readouterr().out
    with sqlite_world.db.read() as session:
        after = session.get(Staff, sqlite_world.staff_id)
        assert after is not None
        assert after.pin_hash != old_hash and after.seq > old_seq  # kiosks pull it with their next sync
        assert verify_pin("975310", after.pin_hash) and not verify_pin("123456", after.pin_hash)
    assert main(["--database-url", url, "staff", "pin", str(sqlite_world.staff_id), "--pin", "12"]) == 2
    assert main(["--database-url", url, "staff", "list"]) == 0
    assert "Maria" in capsys.readouterr().out
