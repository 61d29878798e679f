"""Camera frames (BGR numpy arrays) to QImage, copied so the frame buffer may be reused."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage


def to_qimage(frame: np.ndarray) -> QImage:
    rgb = np.ascontiguousarray(frame[:, :, ::-1])
    h, w = rgb.shape[:2]
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
