"""A kiosk process killed with SIGKILL loses nothing it reported as stored."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from kiosk.services.config import MemoryTokenStore

from .conftest import KioskFactory
from .netserver_proc import ROOT, NetServer


def test_sigkill_loses_no_stored_checkin(server: NetServer, make_kiosk: KioskFactory, tmp_path: Path) -> None:
    home, here = server.add_space("Home"), server.add_space("Crash")
    passes = [server.add_member(f"Crash {i}", home.space_id)[1] for i in range(30)]
    tokens = MemoryTokenStore()
    kiosk = make_kiosk(server, here.space_id, "crash", token_store=tokens)
    assert kiosk.engine.run_once().ok  # the roster
    data_dir = str(kiosk.config.paths.config_file.parent)
    (tmp_path / "passes").write_text("\n".join(passes))
    env = dict(
        os.environ, KIOSK_TEST_TOKEN=tokens.get(kiosk.config.token_account) or "", PYTHONPATH=str(ROOT)
    )
    command = [sys.executable, "-m", "tests.kiosk.checkin_child"]

    child = subprocess.Popen(
        [*command, "run", data_dir, str(tmp_path / "passes")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    stored: list[str] = []
    assert child.stdout is not None
    for line in child.stdout:
        if line.startswith("STORED "):
            stored.append(line.split()[1])
        if len(stored) >= 300:
            break
    child.send_signal(signal.SIGKILL)
    rest = child.stdout.read()  # not communicate(timeout=): it reads the raw pipe and misses
    child.wait(timeout=10)  # the lines the text wrapper has buffered already
    stored += [line.split()[1] for line in rest.splitlines() if line.startswith("STORED ")]
    assert child.returncode == -signal.SIGKILL

    restarted = subprocess.run(
        [*command, "sync", data_dir], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert restarted.returncode == 0, restarted.stdout + restarted.stderr
    on_server = [r["nonce"] for r in server.checkins(space_id=here.space_id)]
    assert len(on_server) == len(set(on_server))
    assert set(stored) <= set(on_server)
    assert len(on_server) <= len(stored) + 1  # at most the one committed but not yet printed
