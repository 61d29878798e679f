"""A check-in queued while the kiosk is offline wakes the SyncWorker at the connectivity's next
probe when its own timer is later (e.g. the next pull): the upload does not wait for the pull
cadence once the probe is due. (The fault-proxy runs shorten the probe back-off to meet many
faults; with the timer alone the worker slept through them.)"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Slot

from kiosk.presenters.sync_worker import SyncWorker
from kiosk.services.client import Timeout

from .conftest import KioskFactory
from .netserver_proc import NetServer


class Reports(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.reports: list[Any] = []

    @Slot(object)
    def add(self, report: object) -> None:
        self.reports.append(report)


def test_a_queued_check_in_wakes_the_worker_at_the_probe(
    server: NetServer, make_kiosk: KioskFactory, qtbot: Any
) -> None:
    home, here = server.add_space("Home"), server.add_space("Probe")
    _number, card = server.add_member("Gast", home.space_id)
    services = make_kiosk(server, here.space_id, "probe")
    services.connectivity.backoff_start = services.connectivity.backoff_max = 0.3
    worker = SyncWorker(services.engine, pull_interval=3600, push_delay=0.05)
    services.checkin.listeners.append(worker.notify_queued)
    seen = Reports()
    worker.sync_finished.connect(seen.add)
    try:
        worker.start()
        qtbot.waitUntil(lambda: len(seen.reports) == 1 and seen.reports[0].ok, timeout=10_000)
        services.connectivity.record_failure(Timeout("an online redeem ran out of time"))
        assert not services.connectivity.online
        services.checkin.check_in(card)  # decided locally, queued: the worker is told
        qtbot.waitUntil(lambda: len(seen.reports) >= 2, timeout=5_000)
        qtbot.waitUntil(lambda: services.sync_state().pending == 0, timeout=5_000)
        assert services.connectivity.online
    finally:
        services.checkin.listeners.remove(worker.notify_queued)
        assert worker.shutdown()
