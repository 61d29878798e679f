"""Staff PIN entry: keypad or keyboard; shows wrong PINs and the lock-out.

Signals:
    pin_entered(str): the PIN typed (never logged).
    cancelled(): back to the check-in screen.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.ui import icons, theme
from kiosk.ui.widgets import card, hhmm, label

KEY_HEIGHT = 56  # px: a finger's target, and the pad still fits a 1024x600 screen


class PinScreen(QWidget):
    pin_entered = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        frame, box = card()
        frame.setFixedWidth(520)
        box.setContentsMargins(28, 18, 28, 18)
        box.setSpacing(10)
        self.icon = label()
        self.icon.setPixmap(icons.pixmap("lock", 44, theme.current().accent))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = label(role="title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,12}")))
        self.pin.setStyleSheet("font-size: 34px; letter-spacing: 8px;")
        self.pin.returnPressed.connect(self._submit)
        self.message = label(role="muted", wrap=True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        keys = QGridLayout()
        keys.setSpacing(8)
        self.keys: list[QPushButton] = []
        for i, key in enumerate("123456789C0⏎"):
            button = QPushButton(key)
            button.setMinimumHeight(KEY_HEIGHT)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, k=key: self._key(k))
            keys.addWidget(button, i // 3, i % 3)
            self.keys.append(button)
        self.keys[-1].setProperty("role", "primary")
        self.back = QPushButton()
        self.back.clicked.connect(self.cancelled)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, lambda: self.cancelled.emit())
        heading = QHBoxLayout()  # the lock beside the title: the pad fits a 600 px high screen
        heading.addStretch(1)
        heading.addWidget(self.icon)
        heading.addSpacing(12)
        heading.addWidget(self.title)
        heading.addStretch(1)
        box.addLayout(heading)
        for widget in (self.pin, self.message):
            box.addWidget(widget)
        box.addLayout(keys)
        box.addWidget(self.back)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(frame)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 8, 0, 8)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self.locked_until: datetime | None = None
        self.retranslate()

    def _key(self, key: str) -> None:
        if key == "C":
            self.pin.clear()
        elif key == "⏎":
            self._submit()
        else:
            self.pin.insert(key)

    def _submit(self) -> None:
        pin = self.pin.text()
        self.pin.clear()
        if pin and self.locked_until is None:
            self.pin_entered.emit(pin)

    def reset(self) -> None:
        self.pin.clear()
        self.message.setText("")
        self.pin.setFocus()

    def show_wrong_pin(self) -> None:
        self.message.setText(self.tr("Wrong PIN. Please try again."))

    def show_locked(self, until_local: datetime | None) -> None:
        """Lock the pad until `until_local` (network-local time), or unlock it with None."""
        self.locked_until = until_local
        self.pin.setEnabled(until_local is None)
        for button in self.keys:
            button.setEnabled(until_local is None)
        if until_local is not None:
            self.message.setText(
                self.tr("Too many wrong PINs. The desk is locked until %1.").replace("%1", hhmm(until_local))
            )
        else:
            self.message.setText("")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Staff desk"))
        self.pin.setPlaceholderText(self.tr("PIN"))
        self.pin.setAccessibleName(self.tr("Staff PIN"))
        self.back.setText(self.tr("Back to check-in (Esc)"))
        self.back.setAccessibleName(self.tr("Back to check-in"))
        self.keys[9].setAccessibleName(self.tr("Clear"))
        self.keys[11].setAccessibleName(self.tr("Unlock"))
