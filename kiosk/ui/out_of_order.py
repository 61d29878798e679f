"""Shown when the camera is lost, or the kiosk was revoked: "out of order, please ring", never a
frozen picture."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.ui import icons, theme
from kiosk.ui.widgets import label


class OutOfOrderView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.headline = label(role="headline", wrap=True)
        self.detail = label(wrap=True)
        for widget in (self.headline, self.detail):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.icon)
        layout.addSpacing(24)
        layout.addWidget(self.headline)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        self.revoked = False
        self.retranslate()

    def set_revoked(self, revoked: bool) -> None:
        self.revoked = revoked
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.icon.setPixmap(icons.pixmap("bell", 140, theme.current().attention))
        self.headline.setText(self.tr("Out of order, please ring"))
        if self.revoked:
            detail = self.tr(
                "This kiosk was taken out of service. Please ring the bell, someone will let you in."
            )
        else:
            detail = self.tr(
                "The camera is not working right now. Please ring the bell, someone will let you in."
            )
        self.detail.setText(detail)
        self.setAccessibleName(self.headline.text())
