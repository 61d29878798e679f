"""Desk tab: set the status of our equipment (e.g. the 3D printer is out of order).

Signals:
    status_requested(int, str, str): equipment id, status, note
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.desk_table import DeskTable
from kiosk.ui.viewmodels import EquipmentItem
from kiosk.ui.widgets import label

STATUSES = ("ok", "out_of_order", "maintenance")


class EquipmentTab(QWidget):
    status_requested = Signal(int, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = DeskTable(3)
        self.status = QComboBox()
        self.note = QLineEdit()
        self.save = QPushButton()
        self.save.setProperty("role", "primary")
        self.save.clicked.connect(self._save)
        self.result = label(wrap=True)
        row = QHBoxLayout()
        row.addWidget(self.status)
        row.addWidget(self.note, 1)
        row.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.result)
        self._items: tuple[EquipmentItem, ...] = ()
        self.table.itemSelectionChanged.connect(self._selected)
        self.retranslate()

    def status_text(self, status: str) -> str:
        return {
            "ok": self.tr("Working"),
            "out_of_order": self.tr("Out of order"),
            "maintenance": self.tr("In maintenance"),
        }.get(status, status)

    def show_equipment(self, items: Sequence[EquipmentItem]) -> None:
        self._items = tuple(items)
        self.table.set_rows(
            [(q.name, self.status_text(q.status), q.note) for q in items], [q.id for q in items]
        )

    def _selected(self) -> None:
        key = self.table.current_key()
        for q in self._items:
            if q.id == key:
                self.status.setCurrentIndex(STATUSES.index(q.status) if q.status in STATUSES else 0)
                self.note.setText(q.note)

    def _save(self) -> None:
        key = self.table.current_key()
        if isinstance(key, int):
            self.status_requested.emit(key, STATUSES[self.status.currentIndex()], self.note.text().strip())

    def show_result(self, text: str) -> None:
        self.result.setText(text)

    def focus_chain(self) -> list[QWidget]:
        """The controls in the order Tab walks them (the desk sets it with setTabOrder)."""
        return [self.table, self.status, self.note, self.save]

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        index = max(0, self.status.currentIndex())
        self.status.clear()
        self.status.addItems([self.status_text(s) for s in STATUSES])
        self.status.setCurrentIndex(index)
        self.status.setAccessibleName(self.tr("New status"))
        self.note.setPlaceholderText(self.tr("Note, e.g. nozzle blocked, part ordered"))
        self.note.setAccessibleName(self.tr("Note"))
        self.save.setText(self.tr("Save status"))
        self.table.set_headers([self.tr("Equipment"), self.tr("Status"), self.tr("Note")])
        self.table.setAccessibleName(self.tr("Our equipment"))
        self.show_equipment(self._items)
