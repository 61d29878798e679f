"""Rows of the lobby board: an event (with a QR code to its page) and an equipment line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.ui.qr_image import qr_qimage
from kiosk.ui.viewmodels import EventItem
from kiosk.ui.widgets import hhmm, label


class EventRow(QFrame):
    def __init__(
        self, event: EventItem, when: str, show_space: bool, qr_px: int, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setProperty("role", "card")
        row = QHBoxLayout(self)
        row.setContentsMargins(22, 14, 18, 14)
        row.setSpacing(20)
        time = label(when or hhmm(event.starts_at), role="title")
        time.setMinimumWidth(120)
        time.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        text = QVBoxLayout()
        text.setSpacing(4)
        self.title = label(event.title, wrap=True)
        self.title.setStyleSheet("font-weight: 600;")
        text.addWidget(self.title)
        if show_space:
            text.addWidget(label(event.space_name, role="small"))
        text.addStretch(1)
        row.addWidget(time)
        row.addLayout(text, 1)
        self.qr: QLabel | None = None
        if event.url and qr_px:
            self.qr = QLabel()
            image = qr_qimage(event.url, 4, 2)
            self.qr.setPixmap(
                QPixmap.fromImage(image).scaled(
                    qr_px, qr_px, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
                )
            )
            self.qr.setAccessibleName(event.url)
            row.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignVCenter)
