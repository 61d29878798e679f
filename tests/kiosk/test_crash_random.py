"""Issue 13 item 6, CI size: 20 SIGKILLs of a checking-in kiosk at random points with distinct
members (bench.crash runs 200): nothing shown is lost or doubled, guest days counted once."""

from __future__ import annotations

from pathlib import Path

from bench.crash import run

from .conftest import MemoryKeyring
from .netserver_proc import NetServer


def test_twenty_random_sigkills(own_server: NetServer, tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    result = run(own_server, tmp_path, kills=20, seed=13)
    assert result.shown > 20
    assert result.lost == 0 and result.duplicates == 0
    assert result.unshown <= result.kills
    assert result.counted_twice == 0
