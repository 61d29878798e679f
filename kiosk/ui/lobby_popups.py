"""Pop-up coworking on the lobby board: the region's coming pop-ups (a café, a library, for a
few hours: docs/popups.md) with day, time and place; hidden when there are none. No names."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.core import messages
from kiosk.ui.viewmodels import PopupItem
from kiosk.ui.widgets import hhmm, label

MAX_ROWS = 3  # soonest first; the board is for the next days, the member page lists them all


class PopupBoard(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.lang = messages.DEFAULT_LANGUAGE
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(22, 16, 22, 16)
        self.box.setSpacing(6)
        self.title = label(role="small")
        self.box.addWidget(self.title)
        self.rows: list[QWidget] = []
        self.items: tuple[PopupItem, ...] = ()
        self.retranslate()
        self.setVisible(False)

    def set_items(self, items: Sequence[PopupItem], lang: str) -> None:
        """The pop-ups to show, soonest first; an empty list hides the board."""
        frozen = tuple(items)
        if frozen == self.items and lang == self.lang and self.rows:
            return
        self.items, self.lang = frozen, lang
        for row in self.rows:
            row.hide()
            row.deleteLater()
        self.rows = []
        for item in frozen[:MAX_ROWS]:
            row = QWidget()
            row.setStyleSheet("background: transparent;")
            lines = QVBoxLayout(row)
            lines.setContentsMargins(0, 4, 0, 0)
            lines.setSpacing(0)
            lines.addWidget(label(self.when_text(item), role="small", wrap=True))
            place = label(self.where_text(item), wrap=True)
            place.setStyleSheet("font-size: 19px; font-weight: 600;")
            lines.addWidget(place)
            row.setAccessibleName(f"{self.when_text(item)}, {self.where_text(item)}")
            self.box.addWidget(row)
            self.rows.append(row)
        self.setVisible(bool(frozen))

    def when_text(self, item: PopupItem) -> str:
        day = messages.short_date(item.starts_at.date(), self.lang)
        return f"{day}  ·  {hhmm(item.starts_at)} – {hhmm(item.ends_at)}"

    @staticmethod
    def where_text(item: PopupItem) -> str:
        return ", ".join(part for part in (item.place, item.address, item.town) if part)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("POP-UP COWORKING IN THE REGION"))
        self.setToolTip(self.tr("Work together for a few hours in a café or library: bring your pass."))
        self.setAccessibleName(self.tr("Pop-up coworking"))
