"""The real kiosk process: it writes its log, stops cleanly on SIGTERM/SIGINT in every mode, and
two kiosks never share one data directory by accident.

Each test starts `kiosk.launch.main` in a child process (tests/kiosk/gui_child.py, offscreen Qt)
against a real server process, waits for the log line that says it is scanning, then signals it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.services.config import MemoryTokenStore

from .conftest import KioskFactory
from .netserver_proc import ROOT, NetServer

STARTED = "kiosk started"
STOP_BUDGET_S = 2.0


class Child:
    def __init__(self, args: list[str], data_dir: Path, token: str, home: Path) -> None:
        self.log = data_dir / "logs" / "kiosk.log"
        env = dict(
            os.environ,
            KIOSK_TEST_TOKEN=token,
            PYTHONPATH=str(ROOT),
            QT_QPA_PLATFORM="offscreen",
            HOME=str(home),
            XDG_CACHE_HOME=str(home / "cache"),
        )
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.kiosk.gui_child", *args, "--data-dir", str(data_dir)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8") if self.log.exists() else ""

    def wait_for(self, text: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.log_text():
            if self.proc.poll() is not None:
                out, err = self.proc.communicate()
                pytest.fail(f"the kiosk exited ({self.proc.returncode}) before {text!r}:\n{err}\n{out}")
            if time.monotonic() > deadline:
                pytest.fail(f"no {text!r} in the log after {timeout} s:\n{self.log_text()}")
            time.sleep(0.05)

    def stop_with(self, sig: signal.Signals) -> tuple[int, float]:
        sent = time.monotonic()
        self.proc.send_signal(sig)
        try:
            code = self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            pytest.fail(f"the kiosk ignored {sig.name} for 10 s")
        return code, time.monotonic() - sent

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc.communicate()


@pytest.fixture
def enrolled(server: NetServer, make_kiosk: KioskFactory) -> tuple[Path, str]:
    """An enrolled, synced kiosk data directory and its token."""
    here = server.add_space("Launch")
    tokens = MemoryTokenStore()
    services = make_kiosk(server, here.space_id, "launch", token_store=tokens)
    assert services.engine.run_once().ok
    token = tokens.get(services.config.token_account) or ""
    data_dir = services.config.paths.config_file.parent
    services.close()
    return data_dir, token


@pytest.fixture
def children(tmp_path: Path) -> Iterator[list[Child]]:
    started: list[Child] = []
    yield started
    for child in started:
        child.kill()


def start(children: list[Child], tmp_path: Path, data_dir: Path, token: str, *args: str) -> Child:
    child = Child(list(args), data_dir, token, tmp_path / f"home{len(children)}")
    children.append(child)
    return child


@pytest.mark.parametrize(
    ("mode", "sig"),
    [
        ((), signal.SIGTERM),  # the kiosk at the door: full screen, the window refuses to close
        ((), signal.SIGINT),
        (("--lobby",), signal.SIGTERM),
        (("--windowed",), signal.SIGTERM),
    ],
    ids=["kiosk-mode-sigterm", "kiosk-mode-sigint", "lobby-sigterm", "windowed-sigterm"],
)
def test_signal_stops_the_kiosk_cleanly_within_two_seconds(
    enrolled: tuple[Path, str],
    children: list[Child],
    tmp_path: Path,
    mode: tuple[str, ...],
    sig: signal.Signals,
) -> None:
    data_dir, token = enrolled
    child = start(children, tmp_path, data_dir, token, *mode)
    child.wait_for(STARTED)
    code, seconds = child.stop_with(sig)
    log = child.log_text()
    assert code == 0, log
    assert seconds <= STOP_BUDGET_S, f"{seconds:.2f} s from {sig.name} to exit"
    # the shutdown order ran: workers stopped, then the database closed
    assert log.index("shutting down") < log.index("decoder stopped") < log.index("stopped\n")
    assert "Traceback" not in log


def test_the_running_kiosk_writes_its_log_file(
    enrolled: tuple[Path, str], children: list[Child], tmp_path: Path
) -> None:
    data_dir, token = enrolled
    child = start(children, tmp_path, data_dir, token)
    child.wait_for(STARTED)
    lines = child.log_text().splitlines()
    assert any(" kiosk.scan " in line and "decoder started" in line for line in lines), lines
    assert any(" kiosk.ui " in line and "building the GUI" in line for line in lines), lines
    assert (data_dir / "logs" / "crash.log").exists()  # faulthandler's file is ready
    child.stop_with(signal.SIGTERM)


def test_a_second_kiosk_on_the_same_data_refuses_and_a_lobby_may_join(
    enrolled: tuple[Path, str], children: list[Child], tmp_path: Path
) -> None:
    data_dir, token = enrolled
    first = start(children, tmp_path, data_dir, token)
    first.wait_for(STARTED)

    second = start(children, tmp_path, data_dir, token, "--lang", "en")
    out, err = second.proc.communicate(timeout=30)
    assert second.proc.returncode == 5
    assert f"A kiosk already runs on this data directory (PID {first.proc.pid}" in err

    lobby = start(children, tmp_path, data_dir, token, "--lobby")
    deadline = time.monotonic() + 30
    while first.log_text().count(STARTED) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)  # both processes log into the same file
    assert first.log_text().count(STARTED) == 2, first.log_text()
    assert "read-only beside a running kiosk" in first.log_text()
    assert lobby.stop_with(signal.SIGTERM)[0] == 0
    assert first.proc.poll() is None  # the lobby leaving does not disturb the kiosk
    assert first.stop_with(signal.SIGTERM)[0] == 0
