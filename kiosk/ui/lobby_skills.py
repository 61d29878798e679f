"""The here-today skills board on the lobby: first names and topics of the members who chose to
be shown at this space today (the only names the lobby ever shows; hidden when there are none)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.ui.widgets import label

MAX_ROWS = 4  # the lobby pages events, not this board: keep it short


class SkillsBoard(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(22, 16, 22, 16)
        self.box.setSpacing(6)
        self.title = label(role="small")
        self.box.addWidget(self.title)
        self.rows: list[QWidget] = []
        self.entries: tuple[tuple[str, tuple[str, ...]], ...] = ()
        self.retranslate()
        self.setVisible(False)

    def set_entries(self, entries: Sequence[tuple[str, Sequence[str]]]) -> None:
        """(first name, topics) per member; an empty list hides the board."""
        frozen = tuple((name, tuple(topics)) for name, topics in entries)
        if frozen == self.entries and self.rows:
            return
        self.entries = frozen
        for row in self.rows:
            row.hide()
            row.deleteLater()
        self.rows = []
        for name, topics in frozen[:MAX_ROWS]:
            row = label(f"{name}  ·  {', '.join(topics)}" if topics else name, wrap=True)
            row.setStyleSheet("font-size: 19px; font-weight: 600;")
            self.box.addWidget(row)
            self.rows.append(row)
        self.setVisible(bool(frozen))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("HERE TODAY: ASK US ABOUT"))
        self.setToolTip(self.tr("Members choose on their member page to be shown here, for today only."))
        self.setAccessibleName(self.tr("Here-today board"))
