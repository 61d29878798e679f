"""Issue 13, CI size: the whole kiosk (GUI, sync thread, online check-ins) behind the fault-
injecting proxy (drop, delay, reset after the server processed the request, half-open, garbage),
while guests check in at the door. The GUI event loop never stalls (5 ms heartbeat; budget 50
ms, asserted with CI headroom for the part of a stall a bare thread of the same process did not
share, i.e. not the machine's load; and no gap at all as long as a redeem or read timeout, what
a network wait on the GUI thread would make), every verdict comes within the budget (online, or
the local one when the server cannot answer in time), and nothing is lost or doubled: every
check-in shown is on the server exactly once, every guest's day counted once.

The full-size run, beside a plain connection: `python -m bench.proxy` (bench/proxy.py)."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from bench.proxy import BUDGET_STALL_MS, FAULTS, GuiSockets, ProxyRun, run
from bench.stall import StallMeter
from tests.kiosk.netserver_proc import NetServer

from .conftest import QT_NOISE
from .test_desk_denials import at_the_door

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)

CHECKINS = 40
CI_STALL_MS = 250.0  # the budget is 50 ms; CI machines run other jobs on the same cores
CI_GAP_MS = 750.0  # any gap at all, the machine's load included: below the 0.8 s redeem budget
CI_VERDICT_MS = 2000.0  # the budget is 1 s in every case (DESIGN §10)


def test_the_stall_meter_tells_a_blocked_gui_thread_from_a_busy_machine(qtbot) -> None:
    meter = StallMeter(5)
    meter.start()
    QTimer.singleShot(20, lambda: time.sleep(0.3))  # the GUI thread waits, as on a network call
    qtbot.wait(500)
    meter.stop()
    assert meter.longest_ms >= 290 and meter.longest_own_ms >= 250, (meter.longest_ms, meter.longest_own_ms)
    assert meter.busy_in_longest_ms < 100  # waiting, not working


def test_the_gui_socket_watch_sees_a_call_on_the_gui_thread() -> None:
    watch = GuiSockets.get()
    watch.calls, watch.active = [], True
    try:
        socket.getaddrinfo("127.0.0.1", 80)
    finally:
        watch.active = False
    assert watch.calls and watch.calls[0].startswith("socket.getaddrinfo")


def test_the_door_keeps_going_through_network_faults(qtbot, tmp_path: Path) -> None:
    server = NetServer(tmp_path / "server")
    server.init_network(guest_days=1)
    server.start()
    try:
        result: ProxyRun = run(
            server,
            tmp_path / "kiosk",
            CHECKINS,
            door=lambda app, text: at_the_door(qtbot, app, text),
            wait=qtbot.wait,
        )
    finally:
        server.close()
    print("\n" + "\n".join(result.lines()))
    assert result.checkins == CHECKINS
    assert result.lost == 0 and result.doubled == 0, "a check-in shown was lost or doubled on the server"
    assert result.unshown == 0 and result.pending == 0
    assert result.guests > 0 and result.counted == result.guests and result.counted_twice == 0
    for fault in FAULTS:
        assert result.faults[fault] >= 1, result.faults  # every kind of fault came up
    assert 0 < result.online < CHECKINS  # some decided by the server, some locally
    assert result.gui_network_calls == []  # all network I/O off the GUI thread
    assert result.slowest_verdict_ms <= CI_VERDICT_MS, result.verdict_ms
    # The GUI's own stalls (not shared by a bare thread of the process: not the machine's load)
    assert result.longest_own_ms <= CI_STALL_MS, (
        f"the GUI stalled {result.longest_own_ms:.0f} ms by itself (budget {BUDGET_STALL_MS:.0f} ms)"
    )
    assert result.longest_stall_ms <= CI_GAP_MS, f"the GUI stalled {result.longest_stall_ms:.0f} ms"
