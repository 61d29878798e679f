"""Desk tab: overshoots and other conflicts found after offline periods (read-only)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.desk_table import DeskTable
from kiosk.ui.viewmodels import ConflictRow
from kiosk.ui.widgets import label


class ConflictsTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.explain = label(role="muted", wrap=True)
        self.table = DeskTable(4)
        self.none = label(wrap=True)  # shown instead of an empty table
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(self.explain)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.none)
        layout.addStretch(0)
        self._rows: tuple[ConflictRow, ...] = ()
        self.show_conflicts(())
        self.retranslate()

    def show_conflicts(self, rows: Sequence[ConflictRow]) -> None:
        self._rows = tuple(rows)
        self.table.set_rows([(str(r.member_number), r.display_name, r.month, r.spaces) for r in rows])
        self.table.setVisible(bool(rows))
        self.explain.setVisible(bool(rows))
        self.none.setVisible(not rows)

    def focus_chain(self) -> list[QWidget]:
        """The controls in the order Tab walks them (the desk sets it with setTabOrder)."""
        return [self.table]

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.explain.setText(
            self.tr(
                "While kiosks were offline, these members used more guest days than their plan allows, "
                "at several spaces. Nobody is turned away afterwards; the network settles it in the monthly "
                "report. You may want to have a word with them."
            )
        )
        self.table.set_headers([self.tr("Number"), self.tr("Name"), self.tr("Month"), self.tr("Spaces")])
        self.table.setAccessibleName(self.tr("Conflicts"))
        self.none.setText(
            self.tr("No conflicts. Every guest day this month stayed within the members' plans.")
        )
