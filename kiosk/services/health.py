"""What the kiosk reports about itself with every sync pass (Qt-free, thread-safe).

The GUI sets the camera state and gives a frame counter of the decoder; the sync engine adds
version, last sync, queue length and offline-since and sends it (POST /api/v1/kiosk/health).
Without a GUI (`coworking-kiosk sync`) the camera is "none" and there is no decoder rate.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

CAMERA_STATES = ("ok", "out_of_order", "none", "unknown")


class HealthBoard:
    def __init__(self, *, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._lock = threading.Lock()
        self._mono = monotonic
        self._camera = "none"
        self._frames: Callable[[], int] | None = None
        self._sample: tuple[float, int] | None = None

    def set_camera(self, state: str) -> None:
        with self._lock:
            self._camera = state if state in CAMERA_STATES else "unknown"

    def set_frame_counter(self, frames: Callable[[], int] | None) -> None:
        with self._lock:
            self._frames = frames
            self._sample = None

    @property
    def camera(self) -> str:
        with self._lock:
            return self._camera

    def decoder_fps(self) -> float | None:
        """Frames decoded per second since the previous call (None on the first, or without
        a decoder)."""
        with self._lock:
            if self._frames is None:
                return None
            now, count = self._mono(), int(self._frames())
            previous, self._sample = self._sample, (now, count)
        if previous is None or now <= previous[0]:
            return None
        return round(max(count - previous[1], 0) / (now - previous[0]), 2)
