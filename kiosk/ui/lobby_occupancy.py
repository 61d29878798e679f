"""Who is here, in numbers only: how many are here now (checked in today, not yet left, before
closing time: docs/presence.md) and how many desks are free."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.ui.widgets import label


class OccupancyCard(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)  # sits in the board's heading row, beside the clock
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        self.title = label(role="small")
        self.line = label(wrap=True)
        self.line.setStyleSheet("font-size: 22px; font-weight: 700;")
        box.addWidget(self.title)
        box.addWidget(self.line)
        self.setMaximumWidth(340)  # beside the heading and the clock, also at 1280 px
        self.here, self.capacity = 0, 0
        self.retranslate()

    def set_occupancy(self, here: int, capacity: int) -> None:
        self.here, self.capacity = here, capacity
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("WHO IS HERE"))
        here = self.tr("%1 here now").replace("%1", str(self.here))
        if self.capacity <= 0:
            text = here
        elif self.here >= self.capacity:
            text = self.tr("%1 · all %2 desks taken").replace("%1", here).replace("%2", str(self.capacity))
        else:
            free = self.capacity - self.here
            text = (
                self.tr("%1 · %2 of %3 desks free")
                .replace("%1", here)
                .replace("%2", str(free))
                .replace("%3", str(self.capacity))
            )
        self.line.setText(text)
        self.setAccessibleName(text)
