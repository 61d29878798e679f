"""First run: connect this kiosk to the network with a one-time enrollment code.

The code can be typed or held up to the camera (the app forwards scans here while shown).

Signals:
    enroll_requested(str, str, str): server URL, code, kiosk name
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.core import messages
from kiosk.ui import theme
from kiosk.ui.widgets import card, label


class EnrollScreen(QWidget):
    enroll_requested = Signal(str, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = messages.DEFAULT_LANGUAGE
        frame, box = card()
        frame.setMaximumWidth(860)
        self.title = label(role="title", wrap=True)
        self.intro = label(role="muted", wrap=True)
        self.server = QLineEdit()
        self.code = QLineEdit()
        self.code.setStyleSheet("font-family: 'DejaVu Sans Mono'; font-size: 26px;")
        self.name = QLineEdit()
        self.form = QFormLayout()
        self.form.setVerticalSpacing(14)
        self.names = [label(role="muted") for _ in range(3)]
        for name, field in zip(self.names, (self.server, self.code, self.name), strict=True):
            self.form.addRow(name, field)
        self.submit = QPushButton()
        self.submit.setProperty("role", "primary")
        self.submit.clicked.connect(self._submit)
        self.code.returnPressed.connect(self._submit)
        self.error_title = label(wrap=True)
        self.error_title.setStyleSheet(f"font-weight: 700; color: {theme.current().denied};")
        self.error_detail = label(role="muted", wrap=True)
        box.addWidget(self.title)
        box.addWidget(self.intro)
        box.addSpacing(8)
        box.addLayout(self.form)
        box.addWidget(self.error_title)
        box.addWidget(self.error_detail)
        box.addWidget(self.submit, 0, Qt.AlignmentFlag.AlignRight)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(frame, 4)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self._error: str | None = None
        self.retranslate()

    def set_code(self, text: str) -> None:
        """A scanned code fills the field and submits when a server is known."""
        if not self.submit.isEnabled():  # already connecting
            return
        self.code.setText(text.strip())
        if self.server.text().strip():
            self._submit()

    def _submit(self) -> None:
        self.enroll_requested.emit(
            self.server.text().strip(),
            self.code.text().strip(),
            self.name.text().strip() or self.tr("Entrance"),
        )

    def set_busy(self, busy: bool) -> None:
        self.submit.setEnabled(not busy)
        if busy:
            self.show_error(None)
            self.error_detail.setText(self.tr("Connecting to the network…"))

    def show_error(self, key: str | None) -> None:
        """Explain a failure with the core's texts (keys code.* and error.*); None clears."""
        self._error = key
        title, detail = messages.text(key, None, self.lang) if key else ("", "")
        if key in ("error.unreachable", "error.timeout"):
            # The core's detail speaks of offline check-ins; an unenrolled kiosk has none yet.
            detail = self.tr("Please check the server address and this computer's network connection.")
        self.error_title.setText(("✖ " + title) if title else "")
        self.error_detail.setText(detail)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Set up this kiosk"))
        self.intro.setText(
            self.tr(
                "Type the enrollment code from the network admin, or hold its QR code "
                "up to the camera. The code works once."
            )
        )
        for name, text in zip(
            self.names, (self.tr("Server"), self.tr("Enrollment code"), self.tr("Kiosk name")), strict=True
        ):
            name.setText(text)
        self.server.setPlaceholderText("https://kiosk.example.net")
        self.server.setAccessibleName(self.tr("Server address"))
        self.code.setPlaceholderText("CWE1 …")
        self.code.setAccessibleName(self.tr("Enrollment code"))
        self.name.setPlaceholderText(self.tr("Entrance"))
        self.name.setAccessibleName(self.tr("Kiosk name"))
        self.submit.setText(self.tr("Connect"))
        self.show_error(self._error)
