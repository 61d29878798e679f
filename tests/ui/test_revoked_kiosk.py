"""A revoked kiosk shows "out of order, please ring" (German by default) and admits nobody."""

from __future__ import annotations

import pytest

from .conftest import QT_NOISE

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)


def test_revoked_kiosk_shows_out_of_order_and_admits_nobody(qtbot, world, services, make_app):
    app = make_app(services)
    qtbot.waitUntil(lambda: app.checkin.stack.currentWidget() is app.checkin._scanning_page)
    assert services.config.kiosk_id is not None
    world.server.revoke_kiosk(services.config.kiosk_id)
    app.sync_now()  # its next contact with the server
    qtbot.waitUntil(lambda: app.checkin.stack.currentWidget() is app.checkin.broken, timeout=15_000)
    assert app.checkin.broken.headline.text() == "Außer Betrieb, bitte klingeln"
    assert "außer Betrieb genommen" in app.checkin.broken.detail.text()
    pending = services.store.pending_count()

    shown = []
    app.checkin_presenter.result_shown.connect(shown.append)
    app.checkin_presenter.check_in(world.pass_text("home_member"), "wedge")
    qtbot.waitUntil(lambda: not app.checkin_presenter.in_flight, timeout=5000)
    assert shown == [] and services.store.pending_count() == pending
    assert app.checkin.stack.currentWidget() is app.checkin.broken

    app.set_language("en")
    app.translations.set_language("en")
    qtbot.waitUntil(lambda: "taken out of service" in app.checkin.broken.detail.text(), timeout=5000)
