"""QR codes as QImages, drawn by kiosk.core.qr (black on white, quiet zone included)."""

from __future__ import annotations

from PySide6.QtGui import QImage

from kiosk.core.qr import render_qr


def qr_qimage(text: str, box_size: int = 8, border: int = 2) -> QImage:
    image = render_qr(text, box_size=box_size, border=border)
    data = image.tobytes()
    return QImage(data, image.width, image.height, image.width, QImage.Format.Format_Grayscale8).copy()
