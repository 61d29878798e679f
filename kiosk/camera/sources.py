"""Frame sources behind one interface: a webcam, a video file, a folder of images.

A source is opened and read from one thread (the camera worker's). `read()` returns a BGR uint8
frame, or None when no frame is available right now; a source that is gone raises CameraError.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol, runtime_checkable

import cv2
import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

log = logging.getLogger("kiosk.scan")

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp", ".webp"}


class CameraError(Exception):
    """A camera problem that is the environment's fault: shown as "out of order", then retried."""

    def __init__(self, message: str, detail: str = ""):
        super().__init__(detail or message)
        self.message = message  # English source text for the screen (see user_message())
        self.detail = detail  # for the log

    def user_message(self) -> str:
        return QCoreApplication.translate("Camera", self.message)


class CameraUnavailable(CameraError):
    """No camera (not connected, busy, or no permission)."""

    def __init__(self, detail: str = ""):
        super().__init__(str(QT_TRANSLATE_NOOP("Camera", "No camera found.")), detail)


class CameraLost(CameraError):
    """The camera stopped working during the session."""

    def __init__(self, detail: str = ""):
        super().__init__(str(QT_TRANSLATE_NOOP("Camera", "The camera stopped working.")), detail)


@runtime_checkable
class FrameSource(Protocol):
    name: str
    fps: float
    paced: bool  # True: read() itself waits for the next frame (a real camera)

    def open(self) -> None: ...

    def read(self) -> np.ndarray | None: ...

    def close(self) -> None: ...


class WebcamSource:
    """A camera through cv2.VideoCapture: a device index (0) or a path (/dev/video2)."""

    paced = True

    def __init__(self, device: int | str = 0, width: int = 1280, height: int = 720, fps: float = 30.0,
                 autofocus: bool | None = None, focus: float | None = None, max_failures: int = 15):
        self.device, self.width, self.height, self.fps = device, width, height, fps
        self.autofocus, self.focus, self.max_failures = autofocus, focus, max_failures
        self.name = f"camera {device}"
        self._cap: cv2.VideoCapture | None = None
        self._failures = 0

    def open(self) -> None:
        self.close()
        if isinstance(self.device, str) and not self.device.isdigit() and not Path(self.device).exists():
            raise CameraUnavailable(f"{self.device} does not exist")
        dev = int(self.device) if isinstance(self.device, str) and self.device.isdigit() else self.device
        cap = cv2.VideoCapture(dev)
        if not cap.isOpened():
            cap.release()
            raise CameraUnavailable(f"cannot open {self.device}")
        cap.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
        cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
        cap.set(cv2.CAP_PROP_FPS, self.fps)
        cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)  # we want the newest frame, not a queue of old ones
        if self.autofocus is not None:
            cap.set(cv2.CAP_PROP_AUTOFOCUS, 1 if self.autofocus else 0)  # ignored where unsupported
        if self.focus is not None:
            cap.set(cv2.CAP_PROP_FOCUS, self.focus)
        got = cap.get(cv2.CAP_PROP_FPS)
        if got and got > 0:
            self.fps = float(got)
        log.info("opened %s at %dx%d, %.0f fps", self.name, cap.get(cv2.CAP_PROP_FRAME_WIDTH),
                 cap.get(cv2.CAP_PROP_FRAME_HEIGHT), self.fps)
        self._cap, self._failures = cap, 0

    def read(self) -> np.ndarray | None:
        if self._cap is None:
            raise CameraLost("not open")
        ok, frame = self._cap.read()
        if ok and frame is not None:
            self._failures = 0
            return frame
        self._failures += 1
        if self._failures >= self.max_failures:
            raise CameraLost(f"{self._failures} failed reads from {self.device}")
        return None

    def close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None


class VideoFileSource:
    """Frames of a video file at its own frame rate; loops by default, else None at the end."""

    paced = False

    def __init__(self, path: str | Path, loop: bool = True, fps: float | None = None):
        self.path, self.loop = Path(path), loop
        self.name = self.path.name
        self.fps = fps or 30.0
        self._fixed_fps = fps is not None
        self._cap: cv2.VideoCapture | None = None

    def open(self) -> None:
        self.close()
        if not self.path.is_file():
            raise CameraUnavailable(f"{self.path} not found")
        cap = cv2.VideoCapture(str(self.path))
        if not cap.isOpened():
            raise CameraUnavailable(f"cannot read {self.path}")
        if not self._fixed_fps and cap.get(cv2.CAP_PROP_FPS) > 0:
            self.fps = float(cap.get(cv2.CAP_PROP_FPS))
        self._cap = cap

    def read(self) -> np.ndarray | None:
        if self._cap is None:
            raise CameraLost("not open")
        ok, frame = self._cap.read()
        if not ok and self.loop:
            self._cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
            ok, frame = self._cap.read()
        return frame if ok else None

    def close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None


class ImageFolderSource:
    """The images of a folder in name order, each shown for `frames_per_image` frames."""

    paced = False

    def __init__(self, folder: str | Path, fps: float = 30.0, frames_per_image: int = 15, loop: bool = True):
        self.folder, self.fps, self.per_image, self.loop = Path(folder), fps, frames_per_image, loop
        self.name = self.folder.name
        self._files: list[Path] = []
        self._i = 0
        self._current: tuple[int, np.ndarray] | None = None

    def open(self) -> None:
        files = sorted(p for p in self.folder.glob("*") if p.suffix.lower() in IMAGE_SUFFIXES)
        if not files:
            raise CameraUnavailable(f"no images in {self.folder}")
        self._files, self._i, self._current = files, 0, None

    def read(self) -> np.ndarray | None:
        if not self._files:
            raise CameraLost("not open")
        idx = self._i // self.per_image
        if idx >= len(self._files):
            if not self.loop:
                return None
            self._i, idx = 0, 0
        self._i += 1
        if self._current is None or self._current[0] != idx:
            img = cv2.imread(str(self._files[idx]), cv2.IMREAD_COLOR)
            if img is None:
                raise CameraLost(f"cannot read {self._files[idx]}")
            self._current = (idx, img)
        return self._current[1]

    def close(self) -> None:
        self._files, self._current = [], None


def camera_source(choice: str | None) -> WebcamSource:
    """`--camera`: None or "default" -> device 0; a number -> that device; else a path or URL."""
    if choice in (None, "default"):
        return WebcamSource(0)
    return WebcamSource(int(choice) if str(choice).isdigit() else str(choice))
