"""The whole kiosk (its GUI, its sync thread, its online check-ins) behind a fault-injecting TCP
proxy, with the GUI event loop's stalls measured (issue 13).

    python -m bench.proxy [--checkins 300] [--timeout 1.0]

A real KioskApp (offscreen Qt) is enrolled at a real server process through
tests/kiosk/fault_proxy.py (in a process of its own, so that its relay threads do not share the
kiosk's interpreter lock while the GUI's stalls are measured), which gives each new connection
the next behaviour of drop, pass, pass, delay, pass, pass, reset (after the server processed
the request), ..., half-open, ..., garbage, ..., in turn, and closes idle forwarded
connections so that the kiosk meets a new behaviour every few requests. Guests (members of
another space) check in at the door one after the other, some twice, while the kiosk's
SyncWorker pushes and pulls through the same proxy; the check-ins are decided online (the
server's verdict within the redeem budget) or, when that fails, locally. A 5 ms QTimer
heartbeat (bench/stall.py) measures the GUI event loop's gaps throughout, which part of each a
bare control thread of the same process did not share (the GUI's own, not the machine's load),
and how much of each the garbage collector took. Then the faults stop, the kiosk syncs, and
the server's database is compared with what the door showed: every check-in shown exactly once
on the server, every guest's day counted once. The same run without the proxy (plain
connection) is printed beside it.

Budgets (DESIGN §10): GUI stall ≤ 50 ms; verdict ≤ 1 s in every case. So that a short run
meets many faults, the sync cadence is compressed: probe back-off 0.3 s (the kiosk's: 30 s
doubling), pull every 1 s (30 s), push 0.2 s after a check-in (2 s). The CI-sized run is
tests/ui/test_fault_proxy_gui.py.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.stall import StallMeter, percentile  # noqa: E402
from kiosk.services.composition import KioskServices  # noqa: E402
from kiosk.services.config import KioskConfig, MemoryTokenStore  # noqa: E402
from kiosk.services.enroll import enroll  # noqa: E402
from tests.kiosk.fault_proxy import ProxyProcess  # noqa: E402
from tests.kiosk.netserver_proc import NetServer  # noqa: E402

FAULTS = ("drop", "delay", "reset", "half_open", "garbage")
SEQUENCE = tuple(x for fault in FAULTS for x in (fault, "pass", "pass"))  # one in three is a fault
IDLE_CLOSE = 0.15  # seconds: a forwarded connection idle this long is closed
PROBE_BACKOFF = 0.3  # seconds: the kiosk probes the server again this soon after a failure
PULL_INTERVAL, PUSH_DELAY = 1.0, 0.2  # seconds (the kiosk's own: 30 s and 2 s)
PACE_MS = 150  # between two people at the door
AGAIN_EVERY = 7  # every 7th check-in is a guest coming back the same day
BUDGET_STALL_MS, BUDGET_VERDICT_MS = 50.0, 1000.0

Door = Callable[[Any, str], Any]  # (KioskApp, pass text) -> the CheckinResult shown
Wait = Callable[[int], None]  # run the event loop this many ms


@dataclass
class ProxyRun:
    label: str
    checkins: int = 0  # shown at the door
    online: int = 0  # decided by the server
    admitted: int = 0
    on_server: int = 0
    lost: int = 0  # shown, not on the server
    doubled: int = 0  # on the server more than once
    unshown: int = 0  # on the server, never shown
    guests: int = 0  # distinct guests admitted
    counted: int = 0  # distinct guests with a counted guest day
    counted_twice: int = 0
    pending: int = 0  # still in the kiosk's outbox at the end
    longest_stall_ms: float = 0.0
    p99_stall_ms: float = 0.0
    stalls_over_budget: int = 0  # heartbeat gaps over 50 ms
    busy_in_longest_ms: float = 0.0  # the GUI thread's CPU time within the longest gap
    longest_own_ms: float = 0.0  # the longest stall a bare thread of the process did not share
    longest_busy_ms: float = 0.0  # the most CPU time the GUI thread spent within one gap
    longest_gc_ms: float = 0.0  # the longest garbage collection of the run
    gc_in_over: list[tuple[float, float]] = field(default_factory=list)  # (gap, GC ms) over budget
    ticks: int = 0
    gui_network_calls: list[str] = field(default_factory=list)  # socket calls on the GUI thread
    verdict_ms: list[float] = field(default_factory=list)
    faults: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def slowest_verdict_ms(self) -> float:
        return max(self.verdict_ms, default=0.0)

    def lines(self) -> list[str]:
        verdicts = sorted(self.verdict_ms)
        faults = ", ".join(f"{k} {self.faults[k]}" for k in (*FAULTS, "pass") if self.faults[k]) or "none"
        return [
            f"{self.label}: {self.checkins} check-ins in {self.seconds:.0f} s ({self.online} decided "
            f"online, {self.checkins - self.online} locally; {self.admitted} admitted)",
            f"  lost {self.lost}, doubled {self.doubled}, on the server but never shown {self.unshown}, "
            f"still queued {self.pending}; guests admitted {self.guests}, guest days counted "
            f"{self.counted}, counted twice {self.counted_twice}",
            f"  GUI stall: longest {self.longest_stall_ms:.1f} ms (GUI thread on a CPU "
            f"{self.busy_in_longest_ms:.1f} ms of it), p99 {self.p99_stall_ms:.1f} ms, "
            f"{self.stalls_over_budget} of {self.ticks} gaps over {BUDGET_STALL_MS:.0f} ms (budget); "
            f"not shared by a control thread: longest {self.longest_own_ms:.1f} ms; most GUI-thread "
            f"CPU time in one gap {self.longest_busy_ms:.1f} ms; socket calls on the GUI thread: "
            f"{len(self.gui_network_calls)}; longest garbage collection {self.longest_gc_ms:.1f} ms; "
            f"gaps over budget (garbage collection in them): "
            f"{', '.join(f'{g:.0f} ms ({c:.0f} ms)' for g, c in self.gc_in_over) or 'none'}",
            f"  verdict at the door: p50 {percentile(verdicts, 50):.0f} ms, p99 "
            f"{percentile(verdicts, 99):.0f} ms, max {self.slowest_verdict_ms:.0f} ms "
            f"(budget {BUDGET_VERDICT_MS:.0f} ms)",
            f"  connections by behaviour: {faults}",
        ]


class GuiSockets:
    """Records socket calls (connect, name look-ups, sends) made on the GUI thread while
    `active`: there must be none, all network I/O belongs to the sync and check-in threads.
    An audit hook (sys.addaudithook) cannot be removed: one per process, switched on and off."""

    _installed: GuiSockets | None = None
    EVENTS = frozenset({"socket.connect", "socket.getaddrinfo", "socket.sendto", "socket.sendmsg"})

    def __init__(self) -> None:
        self.active = False
        self.calls: list[str] = []
        self.thread = threading.main_thread()

    @classmethod
    def get(cls) -> GuiSockets:
        if cls._installed is None:
            cls._installed = cls()
            sys.addaudithook(cls._installed._hook)
        return cls._installed

    def _hook(self, event: str, args: tuple[Any, ...]) -> None:
        if self.active and event in self.EVENTS and threading.current_thread() is self.thread:
            self.calls.append(f"{event}{args[1:2]!r}")


def open_kiosk(url: str, server: NetServer, space_id: int, path: Path, timeout: float) -> KioskServices:
    tokens = MemoryTokenStore()
    config = enroll(url, server.enrollment_code(space_id), config=KioskConfig.load(path), token_store=tokens)
    config = dataclasses.replace(config, connect_timeout_seconds=timeout, read_timeout_seconds=timeout)
    services = KioskServices.open(config, token_store=tokens)
    services.connectivity.backoff_start = services.connectivity.backoff_max = PROBE_BACKOFF
    report = services.engine.run_once()  # the roster, before any fault
    assert report.ok, report
    return services


def run(
    server: NetServer,
    workdir: Path,
    checkins: int,
    *,
    door: Door,
    wait: Wait,
    faulty: bool = True,
    timeout: float = 1.0,
    label: str = "",
) -> ProxyRun:
    """One run: `checkins` shown at the door of a kiosk at a new space, through the proxy when
    `faulty` (else on a plain connection). Needs a QApplication; `door` and `wait` drive it."""
    from kiosk.app import KioskApp, Options

    result = ProxyRun(label or ("through the fault proxy" if faulty else "plain connection"))
    home, here = server.add_space("Home"), server.add_space("Door")
    guests = [server.add_member(f"Guest {i}", home.space_id)[1] for i in range(checkins)]
    proxy = ProxyProcess(server.port) if faulty else None
    services = open_kiosk(proxy.url if proxy else server.url, server, here.space_id, workdir, timeout)
    app = KioskApp(services, None, Options(windowed=True, sound=False, scanner=True, lobby_idle_ms=0))
    app.sync.pull_interval, app.sync.push_delay = PULL_INTERVAL, PUSH_DELAY
    meter = StallMeter(5)
    sockets = GuiSockets.get()
    sockets.calls = []
    shown: list[str] = []
    admitted: set[int] = set()
    started = time.monotonic()
    try:
        app.start()
        wait(200)
        if proxy is not None:
            proxy.configure(sequence=SEQUENCE, idle_close=IDLE_CLOSE)
            proxy.take_used()  # count the connections of the faulty part only
        meter.start()
        sockets.active = True
        texts = [
            guests[i // AGAIN_EVERY] if i % AGAIN_EVERY == AGAIN_EVERY - 1 else guests[i]
            for i in range(checkins)
        ]
        for text in texts:
            t = time.perf_counter()
            shown_result = door(app, text)
            result.verdict_ms.append((time.perf_counter() - t) * 1000)
            shown.append(shown_result.nonce)
            verdict = shown_result.verdict
            result.online += not verdict.offline
            if verdict.admitted:
                result.admitted += 1
                admitted.add(verdict.member_number)
            wait(PACE_MS)  # the next person steps up
        if proxy is not None:
            result.faults = proxy.take_used()
            proxy.configure()  # pass everything from now on
        deadline = time.monotonic() + 120
        while services.sync_state().pending and time.monotonic() < deadline:
            app.sync_now()
            wait(500)
        meter.stop()
        sockets.active = False
        result.pending = services.sync_state().pending
    finally:
        meter.stop()
        sockets.active = False
        app.shutdown()
        services.close()
        if proxy is not None:
            proxy.close()
    result.seconds = time.monotonic() - started
    rows = server.checkins(space_id=here.space_id)
    nonces = Counter(r["nonce"] for r in rows)
    counted = Counter(r["member_number"] for r in rows if r["counted"])
    result.checkins, result.on_server = len(shown), len(rows)
    result.lost = len(set(shown) - set(nonces))
    result.doubled = sum(n - 1 for n in nonces.values())
    result.unshown = len(set(nonces) - set(shown))
    result.guests, result.counted = len(admitted), len(counted)
    result.counted_twice = sum(1 for n in counted.values() if n > 1)
    result.longest_stall_ms, result.p99_stall_ms = meter.longest_ms, meter.percentile_ms(99)
    result.stalls_over_budget, result.ticks = meter.over(BUDGET_STALL_MS), len(meter.gaps_ms)
    result.busy_in_longest_ms, result.longest_busy_ms = meter.busy_in_longest_ms, meter.longest_busy_ms
    result.longest_own_ms = meter.longest_own_ms
    result.longest_gc_ms, result.gc_in_over = meter.longest_gc_ms, meter.gc_in_gaps_over(BUDGET_STALL_MS)
    result.gui_network_calls = list(sockets.calls)
    return result


# -- driving the GUI without pytest-qt ------------------------------------------------------------


def wait(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def at_the_door(app: Any, text: str) -> Any:
    """Scan `text` (as the USB scanner types it) and return the CheckinResult the door shows."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    shown: list[Any] = []

    def got(result: Any) -> None:
        shown.append(result)
        loop.quit()

    app.checkin_presenter.result_shown.connect(got)
    QTimer.singleShot(10_000, loop.quit)
    try:
        app.checkin_presenter.check_in(text, "wedge")
        if not shown:
            loop.exec()
    finally:
        app.checkin_presenter.result_shown.disconnect(got)
    if not shown:
        raise TimeoutError("no verdict within 10 s")
    app.checkin.show_scanning()
    return shown[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkins", type=int, default=300)
    parser.add_argument("--timeout", type=float, default=1.0, help="the kiosk's connect/read timeouts (s)")
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    from bench.core import machine

    qt = QApplication.instance() or QApplication([])
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        server = NetServer(Path(tmp) / "server")
        server.init_network(guest_days=1)
        server.start()
        try:
            runs = [
                run(server, Path(tmp) / name, args.checkins, door=at_the_door, wait=wait, faulty=faulty,
                    timeout=args.timeout)
                for name, faulty in (("faulty", True), ("plain", False))
            ]  # fmt: skip
        finally:
            server.close()
    for r in runs:
        print("\n".join(r.lines()), flush=True)
    del qt
    bad = [
        r.label for r in runs if r.lost or r.doubled or r.counted_twice or r.pending or r.counted != r.guests
    ]
    sys.exit(f"integrity failed: {', '.join(bad)}" if bad else 0)


if __name__ == "__main__":
    main()
