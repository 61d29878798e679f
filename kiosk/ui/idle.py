"""Notice when nobody uses the kiosk: no key, click, touch or wheel for a while.

The check-in screen turns into the lobby board after that time, and any input brings it back
(DESIGN.md section 1: "the lobby screen (a TV, or the kiosk while idle)"). Scans are input too:
the composition root calls `poke()` for them.

Signals:
    idle(): `interval_ms` passed without input or poke.
    activity(): a key, click, touch or wheel anywhere in the app, or a `poke()`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

# Mouse moves do not count: the cursor is hidden in kiosk mode and a jittering mouse is nobody.
INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class IdleWatch(QObject):
    idle = Signal()
    activity = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(1, interval_ms))
        self.timer.timeout.connect(self.idle)
        self.enabled = interval_ms > 0
        self._filtering = False

    def start(self) -> None:
        if not self.enabled:
            return
        app = QApplication.instance()
        if app is not None and not self._filtering:
            app.installEventFilter(self)
            self._filtering = True
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None and self._filtering:
            app.removeEventFilter(self)
            self._filtering = False

    def restart(self) -> None:
        """Count the idle time from now (nothing is reported as activity)."""
        if self._filtering:
            self.timer.start()

    def poke(self) -> None:
        """Someone is here (a scan, or input seen by the filter)."""
        if not self._filtering:
            return
        self.timer.start()
        self.activity.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in INPUT:
            self.poke()
        return False  # never swallow input: the wedge scanner and the screens need it
