"""Offline verdicts (server process stopped) and a lost camera ("out of order, please ring")."""

from __future__ import annotations

import pytest

from kiosk.core.verdicts import Reason

from .conftest import QT_NOISE

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)


def test_offline_verdict_is_marked_and_still_admits(qtbot, world, services, make_app):
    app = make_app(services)
    world.server.stop()  # the network is gone: the kiosk decides with the synced roster
    try:
        with qtbot.waitSignal(app.checkin_presenter.result_shown, timeout=10_000) as blocker:
            app.camera.source.hold_up(world.pass_text("home_member"))
    finally:
        world.server.start()
    verdict = blocker.args[0].verdict
    assert verdict.reason is Reason.HOME_MEMBER and verdict.offline
    card = app.checkin.card
    assert card.kind == "admitted"
    assert not card.offline.isHidden() and "Offline" in card.offline.text()
    assert services.store.pending_count() >= 1  # durable, waiting for upload


def test_camera_lost_shows_out_of_order_and_recovers(qtbot, services, make_app):
    app = make_app(services)
    camera = app.camera.source
    qtbot.waitUntil(lambda: app.checkin.stack.currentWidget() is app.checkin._scanning_page)
    camera.unplug()
    qtbot.waitUntil(lambda: app.checkin.stack.currentWidget() is app.checkin.broken, timeout=10_000)
    assert app.checkin.broken.headline.text() == "Außer Betrieb, bitte klingeln"
    camera.plug_in()
    qtbot.waitUntil(lambda: app.checkin.stack.currentWidget() is app.checkin._scanning_page, timeout=15_000)


def test_a_check_in_that_cannot_be_stored_shows_no_verdict_but_asks_for_the_desk(
    qtbot, world, services, make_app
):
    from kiosk.store import StoreUnavailable

    def disk_full(text: str, *, method: str = "scan"):
        raise StoreUnavailable("database or disk is full")

    services.checkin.check_in = disk_full  # the seam: the service's one public call
    app = make_app(services, camera=None)
    app.checkin_presenter.check_in(world.pass_text("home_member"), "wedge")
    qtbot.waitUntil(lambda: app.checkin.showing_verdict, timeout=5000)
    assert app.checkin.card.kind == "attention"
    assert app.checkin.card.headline.text() == "Das hat leider nicht geklappt"
    assert not app.checkin_presenter.in_flight
