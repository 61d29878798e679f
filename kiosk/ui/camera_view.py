"""The live camera picture with a framing guide and a highlight on a detected code."""

from __future__ import annotations

import time
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from kiosk.ui import theme

HIGHLIGHT_S = 0.5


class CameraView(QWidget):
    """Paints the latest preview frame (mirrored, like a mirror), the guide and the highlight."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image: QImage | None = None
        self._corners: tuple[tuple[int, int], ...] = ()
        self._seen_at = 0.0
        self.mirror = True
        self.setMinimumSize(320, 200)
        self.setAccessibleName(self.tr("Camera picture"))
        self._fade = QTimer(self)
        self._fade.setSingleShot(True)
        self._fade.timeout.connect(self.update)

    def set_frame(self, image: QImage) -> None:
        self._image = image
        self.update()

    def set_detection(self, corners: Sequence[Sequence[int]]) -> None:
        self._corners = tuple((int(x), int(y)) for x, y in corners)
        self._seen_at = time.monotonic()
        self._fade.start(int(HIGHLIGHT_S * 1000) + 20)
        self.update()

    def _target(self) -> QRectF:
        if self._image is None or self._image.isNull():
            return QRectF(self.rect())
        w, h = self._image.width(), self._image.height()
        scale = max(self.width() / w, self.height() / h)  # fill, cropping the edges
        return QRectF((self.width() - w * scale) / 2, (self.height() - h * scale) / 2, w * scale, h * scale)

    def _map(self, x: float, y: float) -> QPointF:
        target = self._target()
        assert self._image is not None
        sx, sy = target.width() / self._image.width(), target.height() / self._image.height()
        px = target.x() + x * sx
        if self.mirror:
            px = target.x() + target.width() - x * sx
        return QPointF(px, target.y() + y * sy)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        t = theme.current()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        clip = QPainterPath()
        clip.addRoundedRect(QRectF(self.rect()), 24, 24)
        p.setClipPath(clip)
        p.fillRect(self.rect(), QColor("#22303C"))
        if self._image is not None and not self._image.isNull():
            image = _mirror(self._image) if self.mirror else self._image
            p.drawImage(self._target(), image)
        self._paint_guide(p, t)
        if self._corners and time.monotonic() - self._seen_at < HIGHLIGHT_S and self._image is not None:
            pen = QPen(QColor(t.focus), 8)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            p.setPen(pen)
            p.setBrush(QColor(255, 214, 102, 60))
            p.drawPolygon(QPolygonF([self._map(x, y) for x, y in self._corners]))
        p.end()

    def _paint_guide(self, p: QPainter, t: theme.Theme) -> None:
        side = min(self.width(), self.height()) * 0.62
        box = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        arm = side * 0.18
        pen = QPen(QColor(255, 255, 255, 230), 10)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        for cx, cy, dx, dy in (
            (box.left(), box.top(), 1, 1),
            (box.right(), box.top(), -1, 1),
            (box.left(), box.bottom(), 1, -1),
            (box.right(), box.bottom(), -1, -1),
        ):
            p.drawLine(QPointF(cx, cy), QPointF(cx + dx * arm, cy))
            p.drawLine(QPointF(cx, cy), QPointF(cx, cy + dy * arm))


def _mirror(image: QImage) -> QImage:
    if hasattr(image, "flipped"):  # Qt >= 6.9
        return image.flipped(Qt.Orientation.Horizontal)
    return image.mirrored(True, False)  # pragma: no cover - older Qt
