"""Readable from 1.5 m, never colour alone, keyboard-only desk, accessible names everywhere."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QTabBar, QTableWidget

from kiosk.core.presence import GOODBYE_KEY
from kiosk.core.verdicts import Reason, Verdict
from kiosk.ui import theme
from kiosk.ui.checkin_screen import CheckinScreen
from kiosk.ui.desk_screen import DeskScreen

from .conftest import QT_NOISE

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)

DENIED = Verdict(Reason.PASS_REPLACED, date(2026, 11, 22), "verdict.pass_replaced", {"name": "Ben"})
ADMITTED = Verdict(Reason.HOME_MEMBER, date(2026, 11, 22), "verdict.home_member", {"name": "Anna"})
GOODBYE = Verdict(Reason.HOME_MEMBER, date(2026, 11, 22), GOODBYE_KEY, {"name": "Anna"})  # a check-out


@pytest.mark.parametrize("high_contrast", [False, True])
def test_verdict_headline_is_large_and_kinds_differ_by_icon_and_words(qtbot, high_contrast):
    theme.apply(QApplication.instance(), high_contrast)
    try:
        screen = CheckinScreen()
        qtbot.addWidget(screen)
        screen.resize(1280, 800)
        screen.show()
        screen.show_verdict(ADMITTED)
        qtbot.waitUntil(lambda: screen.card.headline.fontInfo().pixelSize() >= 48)
        admitted = (screen.card.icon.pixmap().toImage(), screen.card.icon.accessibleName())
        screen.show_verdict(DENIED)
        denied = (screen.card.icon.pixmap().toImage(), screen.card.icon.accessibleName())
        assert admitted[0] != denied[0] and admitted[1] != denied[1]  # shape and words, not colour only
        screen.show_verdict(GOODBYE)
        goodbye = (screen.card.icon.pixmap().toImage(), screen.card.icon.accessibleName())
        assert goodbye[0] not in (admitted[0], denied[0]) and goodbye[1] not in (admitted[1], denied[1])
        assert screen.card.headline.text() == "Tschüss, Anna!"
    finally:
        theme.apply(QApplication.instance(), False)


def test_every_desk_control_has_an_accessible_name_and_focus(qtbot):
    desk = DeskScreen()
    qtbot.addWidget(desk)
    ours = [w for w in desk.findChildren(QAbstractButton) if not _qt_internal(w)]
    assert len(ours) >= 10
    assert [w for w in ours if not (w.accessibleName() or w.text())] == []
    fields = desk.findChildren(QLineEdit) + desk.findChildren(QTableWidget)
    assert [w for w in fields if not w.accessibleName()] == []
    for widget in desk.findChildren(QLineEdit) + desk.findChildren(QTableWidget):
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus


def _qt_internal(widget) -> bool:
    parent = widget.parent()
    return widget.objectName().startswith("qt_") or isinstance(parent, QTabBar | QLineEdit)  # Qt's own parts


def test_desk_is_usable_by_keyboard_alone(qtbot):
    desk = DeskScreen()
    qtbot.addWidget(desk)
    desk.resize(1280, 800)
    desk.show()
    qtbot.waitExposed(desk)
    desk.open_for("Birgit")
    members = desk.members
    qtbot.waitUntil(members.search.hasFocus)
    # Tab walks from the search field to the results table (not into its cells).
    qtbot.keyClick(members.search, Qt.Key.Key_Tab)
    qtbot.waitUntil(members.table.hasFocus)
    for index, page in enumerate(desk.pages):
        qtbot.keyClick(desk, Qt.Key(Qt.Key.Key_1 + index), Qt.KeyboardModifier.ControlModifier)
        assert desk.tabs.currentWidget() is page
    locked = []
    desk.lock_requested.connect(lambda: locked.append(True))
    qtbot.keyClick(desk, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert locked
    desk.close_desk()
