"""The desk by keyboard: an explicit Tab order per section; a disabled primary button looks disabled."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QPushButton

from kiosk.ui import theme

from .conftest import QT_NOISE
from .test_desk_flow import unlock

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)


def tab_walk(qtbot, window, steps: int, key=Qt.Key.Key_Tab):
    seen = []
    for _ in range(steps):
        qtbot.keyClick(window.focusWidget(), key)
        seen.append(window.focusWidget())
    return seen


def test_tab_walks_the_members_section_in_order(qtbot, world, services, make_app):
    app = make_app(services)
    unlock(qtbot, app, world.pin)
    members, desk, window = app.desk.members, app.desk, app.window
    assert window.focusWidget() is members.search  # the desk opens in the search field
    qtbot.keyClicks(members.search, world.network.samples["home_member"].display_name.split()[0])
    qtbot.waitUntil(lambda: members.table.rowCount() > 0 and members.checkin.isEnabled(), timeout=10_000)
    expected = [
        members.checkin,  # beside the search field
        members.table,
        members.reason,
        members.override,
        desk.exit,
        desk.lock,
        desk.tabs.tabBar(),
        members.search,
    ]
    assert tab_walk(qtbot, window, len(expected)) == expected
    # Shift+Tab walks back the same way.
    back = tab_walk(qtbot, window, 3, Qt.Key.Key_Backtab)
    assert back == [desk.tabs.tabBar(), desk.lock, desk.exit]


def test_every_section_has_its_own_order(qtbot, world, services, make_app):
    app = make_app(services)
    unlock(qtbot, app, world.pin)
    desk, window = app.desk, app.window
    equipment = desk.equipment
    desk.tabs.setCurrentWidget(equipment)
    equipment.table.setFocus()
    qtbot.waitUntil(lambda: equipment.table.rowCount() > 0, timeout=10_000)
    expected = [equipment.status, equipment.note, equipment.save, desk.exit]
    assert tab_walk(qtbot, window, len(expected)) == expected
    for page in desk.pages:
        chain = page.focus_chain()
        assert chain and all(w.focusPolicy() & Qt.FocusPolicy.TabFocus for w in chain)


def mean_colour(button: QPushButton) -> QColor:
    image = button.grab().toImage()
    r = g = b = n = 0
    for x in range(8, image.width() - 8, 3):
        for y in range(8, image.height() - 8, 3):
            c = image.pixelColor(x, y)
            r, g, b, n = r + c.red(), g + c.green(), b + c.blue(), n + 1
    return QColor(r // n, g // n, b // n)


def distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


@pytest.mark.parametrize("high_contrast", [False, True])
def test_a_disabled_primary_button_looks_disabled(qtbot, high_contrast):
    t = theme.apply(QApplication.instance(), high_contrast)
    try:
        enabled, disabled = QPushButton("Check in (Enter)"), QPushButton("Check in (Enter)")
        for button in (enabled, disabled):
            button.setProperty("role", "primary")
            button.resize(260, 60)
            qtbot.addWidget(button)
        disabled.setEnabled(False)
        on, off = mean_colour(enabled), mean_colour(disabled)
        accent = QColor(t.accent)
        assert distance(on, accent) < 60  # enabled: the accent colour
        assert distance(off, accent) > 250  # disabled: nothing like it
        assert distance(off, QColor(t.disabled_bg)) < 60
    finally:
        theme.apply(QApplication.instance(), False)
