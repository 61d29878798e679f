"""The Sync tab shows times in the network's time zone, labelled, like the header clock."""

from __future__ import annotations

import time
from datetime import datetime

import pytest

from kiosk.core.calendar import NetworkCalendar

from .conftest import QT_NOISE
from .test_desk_flow import unlock

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)


@pytest.fixture
def box_in_utc(monkeypatch):
    """The kiosk box's own clock is set to UTC (as many images are); the network runs in Berlin."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_sync_tab_times_are_network_local_and_labelled(qtbot, world, services, make_app, box_in_utc):
    app = make_app(services)
    unlock(qtbot, app, world.pin)
    app.sync_now()
    sync = app.desk.sync
    qtbot.waitUntil(lambda: sync._view is not None and sync._view.last_success is not None, timeout=10_000)
    last = datetime.fromisoformat(services.store.get_meta("last_success").replace("Z", "+00:00"))
    berlin = NetworkCalendar("Europe/Berlin").local(last)
    assert berlin.utcoffset() != last.utcoffset()  # the two clocks differ: the test can tell
    qtbot.waitUntil(lambda: berlin.strftime("%H:%M") in sync.last.text(), timeout=10_000)
    assert sync.last.text().endswith(berlin.strftime("%Z")) and berlin.strftime("%Z") in ("CET", "CEST")
