"""The staff's moment: PIN (and its lock-out), search and check in, override, undo, idle lock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.core.verdicts import Reason
from kiosk.services.staff import MAX_FAILURES, StaffGate
from kiosk.store import Store

from .conftest import QT_NOISE

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)


def unlock(qtbot, app, pin):
    app.open_pin()
    assert app.window.current() is app.pin
    with qtbot.waitSignal(app.desk_presenter.unlocked, timeout=10_000):
        qtbot.keyClicks(app.pin.pin, pin)
        qtbot.keyClick(app.pin.pin, Qt.Key.Key_Return)
    assert app.window.current() is app.desk


def test_wrong_pins_lock_the_desk_also_across_restarts(qtbot, world, services, make_app):
    app = make_app(services)
    app.open_pin()
    for _ in range(MAX_FAILURES):
        qtbot.keyClicks(app.pin.pin, "000000")
        qtbot.keyClick(app.pin.pin, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: app.pin.message.text() != "", timeout=10_000)
        if app.pin.locked_until is None:
            app.pin.message.setText("")
    qtbot.waitUntil(lambda: app.pin.locked_until is not None, timeout=10_000)
    assert "gesperrt" in app.pin.message.text() and not app.pin.pin.isEnabled()
    # A restart does not help: the lock-out is in the kiosk's database.
    reopened = Store(services.config.paths.database)
    try:
        gate = StaffGate(reopened, services.clock)
        assert gate.locked_until() is not None
        assert gate.unlock(world.pin) is None  # even the right PIN waits
    finally:
        reopened.close()
    app.go_home()
    app.open_pin()
    qtbot.waitUntil(lambda: app.pin.locked_until is not None, timeout=10_000)


def test_search_and_check_in_by_hand_then_undo(qtbot, world, services, make_app):
    app = make_app(services)
    unlock(qtbot, app, world.pin)
    members = app.desk.members
    qtbot.keyClicks(members.search, str(world.network.samples["guest_free"].member_number))
    qtbot.waitUntil(lambda: members.table.rowCount() == 1, timeout=5000)
    qtbot.mouseClick(members.checkin, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: members.result.text().startswith("✔"), timeout=10_000)
    today = app.desk.today
    qtbot.waitUntil(lambda: today.table.rowCount() >= 1, timeout=5000)
    nonce = today.table.current_key()
    qtbot.keyClicks(today.reason, "wrong person")
    qtbot.mouseClick(today.undo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "zurückgenommen" in today.table.item(0, 4).text(), timeout=10_000)
    row = services.store.checkin(nonce)
    assert row is not None and row.annulled


def test_staff_admit_despite_a_denial_with_a_reason(qtbot, world, services, make_app):
    app = make_app(services)
    with qtbot.waitSignal(app.checkin_presenter.result_shown, timeout=10_000) as blocker:
        app.camera.source.hold_up(world.pass_text("guest_used"))
    app.camera.source.take_away()
    denied = blocker.args[0]
    assert denied.verdict.reason is Reason.GUEST_DAYS_USED
    unlock(qtbot, app, world.pin)
    members = app.desk.members
    assert members._denied == (denied.verdict.member_number, denied.nonce)
    qtbot.mouseClick(members.override, Qt.MouseButton.LeftButton)
    assert "Grund" in members.result.text()  # no reason, no override
    qtbot.keyClicks(members.reason, "paid for a day at the desk")
    qtbot.mouseClick(members.override, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: members.result.text().startswith("✔"), timeout=10_000)
    rows = services.store.todays_checkins(services.clock.now())
    assert any(
        r.reason == Reason.STAFF_OVERRIDE and r.override_reason == "paid for a day at the desk" for r in rows
    )


def test_the_desk_locks_itself_when_idle_and_by_shortcut(qtbot, world, services, make_app):
    app = make_app(services, desk_idle_ms=300)
    unlock(qtbot, app, world.pin)
    qtbot.waitUntil(lambda: app.window.current() is app.checkin, timeout=5000)
    assert app.desk_presenter.session is None
    app.desk.idle.setInterval(60_000)
    unlock(qtbot, app, world.pin)
    qtbot.keyClick(app.desk, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: app.window.current() is app.checkin, timeout=5000)


def test_day_pass_and_equipment_status(qtbot, world, services, make_app):
    app = make_app(services)
    unlock(qtbot, app, world.pin)
    app.desk.tabs.setCurrentWidget(app.desk.daypass)
    qtbot.mouseClick(app.desk.daypass.issue, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app.desk.daypass._pass is not None, timeout=10_000)
    assert app.desk.daypass._pass[0].startswith("CWD1")
    assert not app.desk.daypass.qr.pixmap().isNull()
    eq = app.desk.equipment
    qtbot.waitUntil(lambda: eq.table.rowCount() >= 1, timeout=5000)
    eq.status.setCurrentIndex(1)  # out of order
    qtbot.mouseClick(eq.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: eq.table.item(0, 1).text() == "Außer Betrieb", timeout=10_000)
