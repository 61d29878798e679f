"""Today's events here: the idle view beside the camera."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from kiosk.ui.viewmodels import EventItem
from kiosk.ui.widgets import card, hhmm, label

MAX_ROWS = 4


class TodayPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frame, self.body = card(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.frame)
        self.heading = label(role="small")
        self.body.addWidget(self.heading)
        self.rows: list[QLabel] = []
        self.empty = label(role="muted", wrap=True)
        self.body.addWidget(self.empty)
        self.body.addStretch(1)
        self._events: tuple[EventItem, ...] = ()
        self.retranslate()

    def set_events(self, events: Sequence[EventItem]) -> None:
        self._events = tuple(events)
        for row in self.rows:
            self.body.removeWidget(row)
            row.deleteLater()
        self.rows = []
        for i, event in enumerate(self._events[:MAX_ROWS]):
            row = label(f"{hhmm(event.starts_at)}   {event.title}", wrap=True)
            self.body.insertWidget(1 + i, row)
            self.rows.append(row)
        self.empty.setVisible(not self._events)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("TODAY HERE"))
        self.empty.setText(self.tr("No events today. Enjoy a quiet day of work."))
