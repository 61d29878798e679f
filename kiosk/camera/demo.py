"""A demo camera: a hallway scene in which a credential can be "held up" (used by --demo and tests)."""

from __future__ import annotations

import threading
from dataclasses import replace

import numpy as np

from kiosk.camera.scene import HEIGHT, WIDTH, HoldUpStyle, add_noise, background, compose
from kiosk.camera.sources import CameraLost

__all__ = ["DemoCamera", "HoldUpStyle"]


class DemoCamera:
    """A FrameSource rendering 1280x720 frames. `hold_up()` / `take_away()` may be called from any
    thread; rendering happens lazily in the reading thread. Frames are read-only arrays from a small
    bank of noisy variants, so an idle demo camera costs almost nothing per frame."""

    paced = False
    width, height = WIDTH, HEIGHT

    def __init__(self, fps: float = 30.0, variants: int = 3, seed: int = 0):
        self.name = "demo camera"
        self.fps = fps
        self._variants = max(1, variants)
        self._seed = seed
        self._lock = threading.Lock()
        self._wanted: tuple[str, HoldUpStyle] | None = None
        self._version = 0
        self._rendered_version = -1
        self._bank: list[np.ndarray] = []
        self._corners: np.ndarray | None = None
        self._n = 0
        self._open = False

    def hold_up(self, text: str, style: HoldUpStyle | None = None) -> None:
        with self._lock:
            self._wanted = (text, style or HoldUpStyle())
            self._version += 1

    def take_away(self) -> None:
        with self._lock:
            self._wanted = None
            self._version += 1

    @property
    def holding(self) -> str | None:
        with self._lock:
            return self._wanted[0] if self._wanted else None

    def code_corners(self) -> np.ndarray | None:
        """Where the held-up code is in the last rendered frame (4x2), for tests."""
        return self._corners

    def open(self) -> None:
        self._open = True

    def close(self) -> None:
        self._open = False

    def read(self) -> np.ndarray | None:
        if not self._open:
            raise CameraLost("demo camera closed")
        with self._lock:
            wanted, version = self._wanted, self._version
        if version != self._rendered_version:
            self._render(wanted)
            self._rendered_version = version
        self._n += 1
        return self._bank[self._n % len(self._bank)]

    def _render(self, wanted: tuple[str, HoldUpStyle] | None) -> None:
        rng = np.random.default_rng(self._seed + self._version)
        if wanted is None:
            base, noise, self._corners = background(), 2.0, None
        else:
            text, style = wanted
            noise = style.noise
            base, self._corners = compose(text, replace(style, noise=0.0), seed=int(rng.integers(1 << 30)))
        bank = [add_noise(base, noise, rng) if noise > 0 else base.copy() for _ in range(self._variants)]
        for frame in bank:
            frame.flags.writeable = False
        self._bank = bank
