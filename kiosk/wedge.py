"""USB keyboard-wedge scanners: recognise a credential "typed" by a scanner, app-wide.

A wedge scanner types the code's characters a few milliseconds apart (5-30 ms per key event on
the scanners we know) and usually ends with Enter, keypad Enter or Tab. People type far slower, so
a burst of at least `min_length` characters with no gap longer than `max_gap_ms` between key
events, ended by Enter/Return/Tab or by `idle_ms` of silence, is a scan.

Scanners type capitals as a person does, with Shift pressed around each one (or with CapsLock);
modifier keys and key releases carry no text and are part of the burst, never a reason to start
over. A scanner programmed to send the AIM symbology identifier ("]Q1" before a QR code's text)
has it removed; a non-printable prefix (STX) just starts the burst.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit

log = logging.getLogger("kiosk.scan")

_TEXT_INPUTS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)
_ENDS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab}
# Keys that change what the next key types but type nothing themselves.
_MODIFIER_KEYS = {
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_Meta,
    Qt.Key.Key_CapsLock,
    Qt.Key.Key_NumLock,
    Qt.Key.Key_Super_L,
    Qt.Key.Key_Super_R,
    Qt.Key.Key_Hyper_L,
    Qt.Key.Key_Hyper_R,
    Qt.Key.Key_Mode_switch,
}
# "]Q1": the symbology identifier some scanners send first ("+Q1" when a scanner set to a US layout
# types it on a German one).
_AIM_ID = re.compile(r"^[\]+][A-Za-z][0-9]")
_CTRL, _ALT, _META = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.MetaModifier,
)


def _is_shortcut(mods: Qt.KeyboardModifier) -> bool:
    """Ctrl or Meta held: a shortcut, not text. Ctrl+Alt is AltGr on Windows (German "]")."""
    if mods & _CTRL and mods & _ALT:
        return bool(mods & _META)
    return bool(mods & (_CTRL | _META))


def is_text_input(obj: QObject | None) -> bool:
    """True when keys belong to what a person is typing in (the listener then stays out of the way)."""
    if isinstance(obj, _TEXT_INPUTS):
        return True
    if isinstance(obj, QComboBox):
        return obj.isEditable()
    return bool(obj is not None and obj.property("acceptsText"))


class WedgeListener(QObject):
    """Application-wide event filter for keyboard-wedge scanners.

    Signals:
        scanned(str): the trimmed text of a recognised scan.

    Install with `QApplication.instance().installEventFilter(listener)`; remove it with
    `removeEventFilter` before the listener goes away. Keys are never taken from a text field
    that has focus; elsewhere the characters pass through and only the Enter that ends a recognised
    scan is consumed (so it cannot press a focused button). `clock` is injectable for tests.
    """

    scanned = Signal(str)

    def __init__(
        self,
        min_length: int = 8,
        max_gap_ms: float = 50.0,
        idle_ms: int = 120,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.min_length, self.max_gap_s = min_length, max_gap_ms / 1000.0
        self._clock = clock
        self._buf: list[str] = []
        self._last = 0.0
        self._last_event: tuple[object, ...] = ()
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(idle_ms)
        self._idle.timeout.connect(self._flush)
        self.enabled = True

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) or not self.enabled:
            return False
        assert isinstance(event, QKeyEvent)
        if self._seen_before(event):
            return False
        if is_text_input(QGuiApplication.focusObject()) or is_text_input(obj):
            self._reset()
            return False
        if kind == QEvent.Type.KeyRelease or event.key() in _MODIFIER_KEYS:
            self._between_characters()
            return False
        return self._key(event)

    def _seen_before(self, event: QKeyEvent) -> bool:
        """A key event visits the window, then the focus widget and maybe its parents: count it once.

        Which object has focus can change between those visits (the first key activates the
        window), so the event itself is recognised: consecutive visits of one event carry the same
        type, key, text, modifiers and timestamp, and consecutive distinct events never do (a
        release lies between two presses of one key).
        """
        stamp = (event.type(), event.key(), event.text(), event.modifiers(), event.timestamp())
        if stamp == self._last_event:
            return True
        self._last_event = stamp
        return False

    def _between_characters(self) -> None:
        """A key release or a modifier (Shift around a capital): part of a burst, types nothing."""
        now = self._clock()
        if self._fast(now):
            self._last = now
            self._idle.start()

    def _key(self, event: QKeyEvent) -> bool:
        now = self._clock()
        if event.key() in _ENDS:
            fast = self._fast(now)
            return self._flush() if fast else self._reset()
        text = event.text()
        if len(text) != 1 or not text.isprintable() or _is_shortcut(event.modifiers()):
            self._reset()
            return False
        if self._buf and not self._fast(now):
            self._buf.clear()  # a slow key: a person typing, start over from this one
        self._buf.append(text)
        self._last = now
        self._idle.start()
        return False

    def _fast(self, now: float) -> bool:
        return bool(self._buf) and now - self._last <= self.max_gap_s

    def _flush(self) -> bool:
        self._idle.stop()
        text = _AIM_ID.sub("", "".join(self._buf).strip()).strip()
        self._buf.clear()
        if len(text) < self.min_length:
            return False
        log.info("wedge scan (%d chars)", len(text))
        self.scanned.emit(text)
        return True

    def _reset(self) -> bool:
        self._idle.stop()
        self._buf.clear()
        return False
