"""Desk tab: issue a day pass for a walk-in visitor; QR on screen, print or save as PDF.

Signals:
    issue_requested(str): note (e.g. the visitor's first name; stays on this kiosk and the server)
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.core.credentials import display_groups
from kiosk.ui import daypass_print
from kiosk.ui.qr_image import qr_qimage
from kiosk.ui.widgets import card, label


class DayPassTab(QWidget):
    issue_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = QLineEdit()
        self.issue = QPushButton()
        self.issue.setProperty("role", "primary")
        self.issue.clicked.connect(lambda: self.issue_requested.emit(self.note.text().strip()))
        self.note.returnPressed.connect(self.issue.click)
        self.qr = label()
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setMinimumSize(240, 240)
        self.code = label(role="muted")
        self.code.setStyleSheet("font-family: 'DejaVu Sans Mono';")
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.valid = label(role="title", wrap=True)
        self.print = QPushButton()
        self.print.clicked.connect(self._print)
        self.pdf = QPushButton()
        self.pdf.clicked.connect(self._pdf)
        self.result = label(wrap=True)
        top = QHBoxLayout()
        top.addWidget(self.note, 1)
        top.addWidget(self.issue)
        frame, box = card()
        inner = QHBoxLayout()
        inner.setSpacing(32)
        inner.addWidget(self.qr)
        side = QVBoxLayout()
        side.setSpacing(12)
        side.addStretch(1)
        side.addWidget(self.valid)
        side.addWidget(self.code)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print)
        buttons.addWidget(self.pdf)
        buttons.addStretch(1)
        side.addLayout(buttons)
        side.addStretch(1)
        inner.addLayout(side, 1)
        box.addLayout(inner)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addWidget(frame)
        layout.addStretch(1)
        layout.addWidget(self.result)
        self._pass: tuple[str, str, str] | None = None
        self.retranslate()
        self._show()

    def show_pass(self, text: str, valid_on: str, space: str) -> None:
        self._pass = (text, valid_on, space)
        self.note.clear()
        self._show()

    def _show(self) -> None:
        has = self._pass is not None
        for widget in (self.print, self.pdf):
            widget.setEnabled(has)
        if self._pass is None:
            self.qr.clear()
            self.code.setText("")
            self.valid.setText(self.tr("No day pass issued yet"))
            return
        text, valid_on, space = self._pass
        self.qr.setPixmap(QPixmap.fromImage(qr_qimage(text, 8, 2)))
        self.code.setText(display_groups(text))
        self.valid.setText(
            self.tr("Day pass for %1, valid on %2").replace("%1", space).replace("%2", valid_on)
        )
        self.qr.setAccessibleName(self.valid.text())

    def _print(self) -> None:
        if self._pass is not None and daypass_print.print_with_dialog(self, *self._pass):
            self.result.setText(self.tr("Sent to the printer."))

    def _pdf(self) -> None:
        if self._pass is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save day pass as PDF"), "day-pass.pdf", "PDF (*.pdf)"
        )
        if path:
            daypass_print.save_pdf(path, *self._pass)
            self.result.setText(self.tr("Saved as %1").replace("%1", path))

    def focus_chain(self) -> list[QWidget]:
        """The controls in the order Tab walks them (the desk sets it with setTabOrder)."""
        return [self.note, self.issue, self.print, self.pdf]

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.note.setPlaceholderText(self.tr("Note, e.g. the visitor's first name (optional)"))
        self.note.setAccessibleName(self.tr("Note for the day pass"))
        self.issue.setText(self.tr("Issue day pass"))
        self.print.setText(self.tr("Print…"))
        self.pdf.setText(self.tr("Save as PDF…"))
        self._show()
