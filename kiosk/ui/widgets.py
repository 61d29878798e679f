"""Small shared widgets and helpers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


def label(text: str = "", role: str | None = None, wrap: bool = False) -> QLabel:
    widget = QLabel(text)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    return widget


def card(parent: QWidget | None = None) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame(parent)
    frame.setProperty("role", "card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(28, 24, 28, 24)
    layout.setSpacing(12)
    return frame, layout


def tab_order(widgets: Sequence[QWidget]) -> None:
    """Tab walks `widgets` in this order (they must share a window); hidden or disabled ones are skipped."""
    for first, second in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(first, second)


def hhmm(moment: datetime) -> str:
    return moment.strftime("%H:%M")


class Clock(QLabel):
    """A label showing the time (HH:MM), updated every few seconds. `now` is injectable."""

    def __init__(self, now=None, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._now = now or (lambda: datetime.now().astimezone())
        self.setProperty("role", "title")
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self.refresh()

    def set_now(self, now) -> None:  # type: ignore[no-untyped-def]
        self._now = now
        self.refresh()

    def start(self) -> None:
        self._timer.start(5000)

    def stop(self) -> None:
        self._timer.stop()

    def refresh(self) -> None:
        self.setText(hhmm(self._now()))
