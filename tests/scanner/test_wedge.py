"""The keyboard-wedge listener with simulated key events in a real widget tree."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.wedge import WedgeListener

from .conftest import CODE_A, Collector

# The offscreen platform cannot propagate size hints; harmless for key handling.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def screen(qtbot, qapp) -> Iterator[tuple[QWidget, QLineEdit, QPushButton, WedgeListener, Collector]]:
    window = QWidget()
    field, button = QLineEdit(), QPushButton("Check in")
    layout = QVBoxLayout(window)
    layout.addWidget(field)
    layout.addWidget(button)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    listener = WedgeListener(idle_ms=80)
    scans = Collector(listener.scanned)
    qapp.installEventFilter(listener)
    yield window, field, button, listener, scans
    qapp.removeEventFilter(listener)


def _focus(qtbot, widget: QWidget) -> None:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def test_scanner_burst_ended_by_enter(qtbot, screen) -> None:
    _, _, button, _, scans = screen
    clicks = []
    button.clicked.connect(lambda: clicks.append(1))
    _focus(qtbot, button)
    QTest.keyClicks(button, CODE_A)
    QTest.keyClick(button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: scans.items == [CODE_A])
    assert clicks == []  # the scanner's Enter did not press the focused button


def test_scanner_burst_ended_by_idle_gap(qtbot, screen) -> None:
    window, _, button, _, scans = screen
    _focus(qtbot, button)
    QTest.keyClicks(button, "  " + CODE_A.lower() + " ")
    qtbot.waitUntil(lambda: scans.items == [CODE_A.lower()])  # trimmed, not interpreted


def test_text_field_keeps_its_keys(qtbot, screen) -> None:
    _, field, _, _, scans = screen
    _focus(qtbot, field)
    QTest.keyClicks(field, CODE_A)
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == CODE_A
    qtbot.wait(150)  # longer than the idle gap: prove that nothing fires late
    assert scans.items == []


def test_a_person_typing_is_not_a_scan(qtbot, qapp, screen) -> None:
    _, _, button, _, _ = screen
    clock = FakeClock()
    listener = WedgeListener(clock=clock, idle_ms=50)
    slow = Collector(listener.scanned)
    qapp.installEventFilter(listener)
    try:
        _focus(qtbot, button)
        for ch in CODE_A:
            clock.now += 0.18  # 180 ms between keys
            QTest.keyClick(button, ch)
        clock.now += 0.18
        QTest.keyClick(button, Qt.Key.Key_Return)
        qtbot.wait(100)
        assert slow.items == []
    finally:
        qapp.removeEventFilter(listener)


def test_short_bursts_are_ignored(qtbot, screen) -> None:
    _, _, button, _, scans = screen
    _focus(qtbot, button)
    QTest.keyClicks(button, "AB12")
    QTest.keyClick(button, Qt.Key.Key_Return)
    qtbot.wait(120)
    assert scans.items == []
