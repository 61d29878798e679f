"""Server answers 500, times out or sends garbage: the kiosk stays responsive, backs off,
recovers. Also the SyncWorker in its QThread against the same server."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QObject, QTimer, Slot

from kiosk.presenters.sync_worker import SyncWorker
from kiosk.services.composition import KioskServices
from kiosk.services.config import MemoryTokenStore
from kiosk.services.connectivity import BACKOFF_MAX, BACKOFF_START

from .conftest import KioskFactory
from .misbehaving import Misbehaving
from .netserver_proc import NetServer

Setup = tuple[KioskServices, Misbehaving, list[str]]


class Collector(QObject):
    """Receives the worker's states in the main thread (queued), as the UI does."""

    def __init__(self) -> None:
        super().__init__()
        self.states: list[Any] = []

    @Slot(object)
    def add(self, state: object) -> None:
        self.states.append(state)


@pytest.fixture
def setup(
    server: NetServer, make_kiosk: KioskFactory
) -> Iterator[tuple[KioskServices, Misbehaving, list[str]]]:
    """A kiosk enrolled at the real server, then pointed at a misbehaving one in front of it."""
    home, here = server.add_space("Home"), server.add_space("Flaky")
    passes = [server.add_member(f"Flaky {i}", home.space_id)[1] for i in range(3)]
    tokens = MemoryTokenStore()
    enrolled = make_kiosk(server, here.space_id, "flaky", token_store=tokens)
    assert enrolled.engine.run_once().ok
    fake = Misbehaving(server.url, delay=3.0)
    config = enrolled.config.with_changes(
        server_url=fake.url, read_timeout_seconds=1.0, connect_timeout_seconds=1.0
    )
    tokens.set(config.token_account, tokens.get(enrolled.config.token_account) or "")
    services = KioskServices.open(config, token_store=tokens)
    yield services, fake, passes
    services.close()
    fake.close()


@pytest.mark.parametrize(
    ("mode", "key"),
    [("error", "error.server_error"), ("slow", "error.timeout"), ("garbage", "error.bad_response")],
)
def test_failure_is_typed_backs_off_and_recovers(setup: Setup, mode: str, key: str) -> None:
    services, fake, passes = setup
    fake.mode = mode
    waits = []
    for _ in range(5):
        report = services.engine.run_once()
        assert not report.ok and report.error_key == key
        waits.append(services.connectivity.seconds_until_probe())
    assert waits[0] == pytest.approx(BACKOFF_START, abs=1)
    assert waits[1] == pytest.approx(2 * BACKOFF_START, abs=1)
    assert waits[-1] == pytest.approx(BACKOFF_MAX, abs=1)
    state = services.sync_state()
    assert not state.online and state.reason_key == key and state.last_error_key == key

    started = time.monotonic()
    result = services.checkin.check_in(passes[0])  # offline: no waiting for the server at all
    assert time.monotonic() - started < 0.15
    assert result.verdict.offline and result.verdict.admitted

    fake.mode = "proxy"
    report = services.engine.run_once()
    assert report.ok and report.pushed == 1
    state = services.sync_state()
    assert state.online and state.pending == 0 and state.last_error_key is None


def test_slow_redeem_falls_back_within_budget(setup: Setup) -> None:
    services, fake, passes = setup
    fake.mode = "slow"
    assert services.connectivity.online
    started = time.monotonic()
    result = services.checkin.check_in(passes[1])
    elapsed = time.monotonic() - started
    assert elapsed < services.checkin.budget + 0.2
    assert result.verdict.offline and result.verdict.admitted
    assert services.store.pending_count() == 1  # the same nonce will be uploaded as a fact
    assert services.connectivity.state().reason_key == "error.timeout"


def test_sync_worker_thread_backs_off_and_recovers(setup: Setup, qtbot: Any) -> None:
    services, fake, passes = setup
    fake.mode = "slow"
    worker = SyncWorker(services.engine, pull_interval=0.2, push_delay=0.05)
    collector = Collector()
    states = collector.states
    worker.state_changed.connect(collector.add)
    services.checkin.listeners.append(worker.notify_queued)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(10)
    try:
        worker.start()
        qtbot.waitUntil(lambda: bool(states), timeout=10000)
        assert not states[-1].online and states[-1].reason_key == "error.timeout"
        # the GUI thread kept running while the worker waited on the slow server
        assert len(ticks) > 20 and max(b - a for a, b in zip(ticks, ticks[1:], strict=False)) < 0.2
        assert states[-1].next_attempt is not None
        fake.mode = "proxy"
        services.checkin.check_in(passes[2])
        worker.sync_now()
        qtbot.waitUntil(lambda: states[-1].online and states[-1].pending == 0, timeout=10000)
    finally:
        timer.stop()
        assert worker.shutdown()
    assert not worker.is_running()
