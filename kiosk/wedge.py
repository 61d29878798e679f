"""USB keyboard-wedge scanners: recognise a credential "typed" by a scanner, app-wide.

A wedge scanner types the code's characters a few milliseconds apart and usually ends with Enter.
People type far slower, so a burst of at least `min_length` characters with no gap longer than
`max_gap_ms`, ended by Enter/Return/Tab or by `idle_ms` of silence, is a scan.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QWindow
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit

log = logging.getLogger("kiosk.scan")

_TEXT_INPUTS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)
_ENDS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab}


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

    def __init__(self, min_length: int = 8, max_gap_ms: float = 50.0, idle_ms: int = 120,
                 clock: Callable[[], float] = time.monotonic, parent: QObject | None = None):
        super().__init__(parent)
        self.min_length, self.max_gap_s = min_length, max_gap_ms / 1000.0
        self._clock = clock
        self._buf: list[str] = []
        self._last = 0.0
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(idle_ms)
        self._idle.timeout.connect(self._flush)
        self.enabled = True

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.KeyPress or not self.enabled:
            return False
        focus = QGuiApplication.focusObject()
        # A key event visits the window, the focus widget and maybe its parents: count it once.
        if obj is not focus and not (focus is None and isinstance(obj, QWindow)):
            return False
        if is_text_input(focus):
            self._reset()
            return False
        assert isinstance(event, QKeyEvent)
        return self._key(event)

    def _key(self, event: QKeyEvent) -> bool:
        now = self._clock()
        if event.key() in _ENDS:
            fast = self._fast(now)
            return self._flush() if fast else self._reset()
        text = event.text()
        mods = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier)
        if len(text) != 1 or not text.isprintable() or mods != Qt.KeyboardModifier.NoModifier:
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
        text = "".join(self._buf).strip()
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
