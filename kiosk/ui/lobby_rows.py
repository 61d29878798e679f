"""Rows of the lobby board: an event (with a QR code to its page) and an equipment line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.ui.qr_image import qr_qimage
from kiosk.ui.viewmodels import EventItem
from kiosk.ui.widgets import label


class EventRow(QFrame):
    """meta line (when, where) above the title; a QR code to the event's page on the right."""

    def __init__(
        self, event: EventItem, meta: str, title_px: int, qr_px: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        row = QHBoxLayout(self)
        row.setContentsMargins(22, 14, 16, 14)
        row.setSpacing(16)
        text = QVBoxLayout()
        text.setSpacing(2)
        self.meta = label(meta, role="small", wrap=True)
        self.title = label(event.title, wrap=True)
        self.title.setStyleSheet(f"font-size: {title_px}px; font-weight: 600;")
        text.addStretch(1)  # a row as tall as its QR code keeps its two lines together, centred
        text.addWidget(self.meta)
        text.addWidget(self.title)
        text.addStretch(1)
        row.addLayout(text, 1)
        self.qr: QLabel | None = None
        if event.url and qr_px:
            self.qr = QLabel()
            pixmap = QPixmap.fromImage(qr_qimage(event.url, 4, 2))
            self.qr.setPixmap(
                pixmap.scaled(
                    qr_px, qr_px, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
                )
            )
            self.qr.setAccessibleName(event.url)
            row.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignVCenter)


class EquipmentRow(QWidget):
    """A mark (✔ working, ✖ not, ➜ elsewhere), the name, and a muted line under it."""

    def __init__(self, mark: str, name: str, detail: str, name_px: int = 24, parent: QWidget | None = None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 4, 0, 4)
        row.setSpacing(12)
        sign = label(mark)
        sign.setFixedWidth(28)
        sign.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        text = QVBoxLayout()
        text.setSpacing(0)
        self.name = label(name, wrap=True)
        self.name.setStyleSheet(f"font-size: {name_px}px; font-weight: 600;")
        self.detail = label(detail, role="small", wrap=True)
        text.addWidget(self.name)
        text.addWidget(self.detail)
        row.addWidget(sign)
        row.addLayout(text, 1)
