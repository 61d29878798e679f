"""The kiosk's own SVG icons (kiosk/assets/icons), drawn white and tinted on demand."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

ASSETS = Path(__file__).resolve().parent.parent / "assets"
ICONS = ASSETS / "icons"
SOUNDS = ASSETS / "sounds"


@lru_cache(maxsize=64)
def pixmap(name: str, size: int, colour: str = "#FFFFFF") -> QPixmap:
    """The icon `name` as a square pixmap of `size` pixels in `colour`."""
    renderer = QSvgRenderer(str(ICONS / f"{name}.svg"))
    image = QPixmap(size, size)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(image.rect(), QColor(colour))
    painter.end()
    return image
