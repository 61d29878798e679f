"""The keyboard-wedge listener with simulated key events in a real widget tree."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.wedge import WedgeListener

from .conftest import CODE_A, CODE_B, CODE_C, Collector
from .keystrokes import Typist, scan_events

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


# --- Scanners as they really type: Shift around capitals, CapsLock, layouts, prefixes, suffixes ---


@pytest.fixture
def clocked(qtbot, qapp, screen) -> Iterator[tuple[QPushButton, Typist, Collector]]:
    """A listener on a clock the test moves: `Typist.send(steps, gap_s)` spaces the key events."""
    _, _, button, _, _ = screen
    clock = FakeClock()
    listener = WedgeListener(clock=clock, idle_ms=80)
    scans = Collector(listener.scanned)
    qapp.installEventFilter(listener)
    _focus(qtbot, button)

    def advance(seconds: float) -> None:
        clock.now += seconds

    try:
        yield button, Typist(button, advance), scans
    finally:
        qapp.removeEventFilter(listener)


@pytest.mark.parametrize("layout", ["us", "de", "de-windows"])
@pytest.mark.parametrize("suffix", ["return", "keypad_enter", "tab"])
def test_all_capital_scan_with_shift_arrives(qtbot, clocked, layout, suffix) -> None:
    button, typist, scans = clocked
    clicks: list[int] = []
    button.clicked.connect(lambda: clicks.append(1))
    typist.send(scan_events(CODE_A, layout=layout, suffix=suffix), gap_s=0.005)
    qtbot.waitUntil(lambda: scans.items == [CODE_A])
    qtbot.wait(120)  # the idle gap passes: nothing more, nothing twice
    assert scans.items == [CODE_A]
    assert clicks == [] and button.hasFocus()  # the suffix neither pressed nor left the button


@pytest.mark.parametrize("gap_ms", [5, 15, 30])
def test_scanners_5_to_30_ms_between_key_events(qtbot, clocked, gap_ms) -> None:
    _, typist, scans = clocked
    # Every press and release (Shift ones too) gap_ms apart: 4 events per capital.
    typist.send(scan_events(CODE_B), gap_s=gap_ms / 1000)
    qtbot.waitUntil(lambda: scans.items == [CODE_B])


def test_capslock_modes(qtbot, clocked) -> None:
    _, typist, scans = clocked
    # The scanner switches CapsLock on around the code: capitals without Shift.
    typist.send(scan_events(CODE_A, capslock="scanner"), gap_s=0.01)
    qtbot.waitUntil(lambda: scans.items == [CODE_A])
    typist.advance(1.0)
    # The host's CapsLock is on and the scanner still presses Shift: lower case (the codec's
    # normalisation upper-cases it; the listener passes the text on as read).
    typist.send(scan_events(CODE_B, capslock="host"), gap_s=0.01)
    qtbot.waitUntil(lambda: scans.items == [CODE_A, CODE_B.lower()])


@pytest.mark.parametrize(
    ("layout", "prefix"), [("us", "]Q1"), ("de", "]Q1"), ("de-windows", "]Q1"), ("us", "+Q1"), ("us", "stx")]
)
def test_prefix_characters_are_not_part_of_the_code(qtbot, clocked, layout, prefix) -> None:
    _, typist, scans = clocked
    typist.send(scan_events(CODE_C, layout=layout, prefix=prefix), gap_s=0.008)
    qtbot.waitUntil(lambda: scans.items == [CODE_C])


def test_a_person_typing_slowly_around_a_scan(qtbot, clocked) -> None:
    _, typist, scans = clocked
    person = 0.09  # 90 ms between a person's key events: a key held, released, the next one
    typist.send(scan_events("Hallo Welt", suffix="none"), gap_s=person)
    typist.advance(0.4)
    typist.send(scan_events(CODE_A), gap_s=0.01)  # the scanner, in the middle of it
    typist.advance(0.3)
    typist.send(scan_events("Noch was", suffix="return"), gap_s=person)
    qtbot.wait(150)
    assert scans.items == [CODE_A]


def test_a_slow_typist_typing_a_whole_code_with_shift_is_no_scan(qtbot, clocked) -> None:
    _, typist, scans = clocked
    typist.send(scan_events(CODE_A), gap_s=0.06)  # fast for a person, slow for any scanner
    qtbot.wait(150)
    assert scans.items == []
