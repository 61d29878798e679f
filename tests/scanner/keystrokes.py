"""Key events as USB keyboard-wedge scanners really send them, for tests.

A scanner is a keyboard: for a capital it presses Shift, presses and releases the letter, releases
Shift; with CapsLock on it types capitals without Shift (and Shift then gives lower case); it may
send a prefix (STX, or the AIM identifier "]Q1") and ends with Return, keypad Enter or Tab.
`scan_events` builds that sequence as (key, text, modifiers, press) steps for a layout;
`Typist.send` delivers them as real QKeyEvents to a widget or a QWindow through QTest, which
itself presses Shift, Ctrl and Alt before a key that carries them and releases them after it
(so a Shift step never appears here; AltGr and CapsLock do).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

K, M = Qt.Key, Qt.KeyboardModifier
NO = M.NoModifier


@dataclass(frozen=True)
class Step:
    key: Qt.Key
    text: str
    modifiers: Qt.KeyboardModifier
    press: bool


# Layout-specific keys (everything else: a digit or a letter on its own key, the same on both).
# German: Y and Z swap places, "]" is AltGr+9 (on Windows AltGr arrives as Ctrl+Alt).
_SPECIAL = {
    "us": {"]": (K.Key_BracketRight, NO, None)},
    "de": {"]": (K.Key_BracketRight, M.GroupSwitchModifier, K.Key_AltGr)},
    "de-windows": {"]": (K.Key_BracketRight, M.ControlModifier | M.AltModifier, None)},
}
SUFFIXES = {
    "return": (K.Key_Return, "\r", NO),
    "keypad_enter": (K.Key_Enter, "\r", M.KeypadModifier),
    "tab": (K.Key_Tab, "\t", NO),
    "none": None,
}


def _tap(key: Qt.Key, text: str, mods: Qt.KeyboardModifier) -> list[Step]:
    return [Step(key, text, mods, True), Step(key, text, mods, False)]


def _char(ch: str, layout: str, capslock: str) -> list[Step]:
    if ch in _SPECIAL[layout]:
        key, mods, held = _SPECIAL[layout][ch]
        if held is None:
            return _tap(key, ch, mods)
        return [Step(held, "", NO, True), *_tap(key, ch, mods), Step(held, "", mods, False)]
    if ch.isdigit():
        return _tap(K(ord(ch)), ch, NO)
    key = K(ord(ch.upper()))
    if not ch.isupper():
        return _tap(key, ch, NO)
    if capslock == "host":  # CapsLock is on and the scanner presses Shift anyway: lower case
        return _tap(key, ch.lower(), M.ShiftModifier)
    if capslock == "scanner":  # the scanner switched CapsLock on: capitals without Shift
        return _tap(key, ch, NO)
    return _tap(key, ch, M.ShiftModifier)  # Shift around the capital, as a person would


def scan_events(
    text: str, layout: str = "us", suffix: str = "return", prefix: str = "", capslock: str = "off"
) -> list[Step]:
    """The key events of one scan of `text`. `capslock`: "off"; "host" (the computer's CapsLock
    is on, the scanner does not know); "scanner" (it switches CapsLock on around the code)."""
    steps: list[Step] = []
    if prefix == "stx":  # Ctrl+B types STX (0x02)
        steps += _tap(K.Key_B, "\x02", M.ControlModifier)
    elif prefix:
        for ch in prefix:
            steps += _char(ch, layout, capslock)
    if capslock == "scanner":
        steps += _tap(K.Key_CapsLock, "", NO)
    for ch in text:
        steps += _char(ch, layout, capslock)
    if capslock == "scanner":
        steps += _tap(K.Key_CapsLock, "", NO)
    if SUFFIXES[suffix] is not None:
        steps += _tap(*SUFFIXES[suffix])
    return steps


class Typist:
    """Sends steps as QKeyEvents; `advance(seconds)` moves the listener's clock between events."""

    def __init__(self, target: QWidget | QWindow, advance: Callable[[float], None]) -> None:
        self.target, self.advance = target, advance

    def send(self, steps: Iterable[Step], gap_s: float) -> None:
        for step in steps:
            self.advance(gap_s)
            action = QTest.KeyAction.Press if step.press else QTest.KeyAction.Release
            QTest.sendKeyEvent(action, self.target, step.key, step.text, step.modifiers)
