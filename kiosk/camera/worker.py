"""The camera thread: reads a FrameSource, feeds the decoder, emits a preview and its state."""

from __future__ import annotations

import enum
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QImage

from kiosk.camera.sources import CameraError, FrameSource

log = logging.getLogger("kiosk.scan")

STALLED = str(QT_TRANSLATE_NOOP("Camera", "The camera stopped sending images."))
FAILED = str(QT_TRANSLATE_NOOP("Camera", "The camera does not work."))


class CameraState(enum.Enum):
    STARTING = "starting"
    RUNNING = "running"
    OUT_OF_ORDER = "out_of_order"


@dataclass(frozen=True)
class CameraStatus:
    """state, and for OUT_OF_ORDER a translated reason for the screen; source names the camera."""

    state: CameraState
    reason: str = ""
    source: str = ""


def to_qimage(frame: np.ndarray) -> QImage:
    """A deep copy of a BGR (or grey) frame as a QImage, safe to hand to another thread."""
    h, w = frame.shape[:2]
    fmt = QImage.Format.Format_Grayscale8 if frame.ndim == 2 else QImage.Format.Format_BGR888
    frame = np.ascontiguousarray(frame)
    return QImage(frame.data, w, h, int(frame.strides[0]), fmt).copy()


class CameraWorker(QObject):
    """Reads `source` in its own QThread at the source's frame rate.

    Signals:
        state_changed(CameraStatus): STARTING, RUNNING, or OUT_OF_ORDER with a reason; while out of
            order the source is reopened every `retry_s` seconds and RUNNING follows on recovery.
        preview(QImage): a copied frame, at most `preview_fps` per second (0: no preview).

    `sink(frame)` is called in the camera thread for every frame (e.g. DecodeWorker.submit).
    Call `start()` and `stop()` from the thread that created the worker.
    """

    state_changed = Signal(object)
    preview = Signal(QImage)
    _start_requested = Signal()
    _shutdown_requested = Signal()

    def __init__(self, source: FrameSource, sink: Callable[[np.ndarray], None] | None = None,
                 preview_fps: float = 15.0, retry_s: float = 3.0, stall_s: float = 2.0,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.source, self.sink = source, sink
        self.preview_fps, self.retry_s, self.stall_s = preview_fps, retry_s, stall_s
        self.status = CameraStatus(CameraState.STARTING, source=source.name)
        self.frames = 0
        self._thread: QThread | None = None
        self._tick: QTimer | None = None
        self._retry: QTimer | None = None
        self._last_frame = 0.0
        self._last_preview = 0.0
        self._start_requested.connect(self._begin, Qt.ConnectionType.QueuedConnection)
        self._shutdown_requested.connect(self._shutdown, Qt.ConnectionType.BlockingQueuedConnection)

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = QThread()
        self._thread.setObjectName("camera")
        self.moveToThread(self._thread)
        self._thread.start()
        self._start_requested.emit()

    def stop(self) -> None:
        """Stop reading, close the source, quit and join the thread."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        if thread.isRunning():
            self._shutdown_requested.emit()
            thread.quit()
            thread.wait()

    # --- everything below runs in the camera thread -------------------------------------------

    @Slot()
    def _begin(self) -> None:
        self._tick = QTimer(self)
        self._tick.setTimerType(Qt.TimerType.PreciseTimer)
        self._tick.timeout.connect(self._read)
        self._retry = QTimer(self)
        self._retry.setInterval(int(self.retry_s * 1000))
        self._retry.timeout.connect(self._try_open)
        self._set(CameraState.STARTING)
        self._try_open()

    @Slot()
    def _try_open(self) -> None:
        assert self._tick is not None and self._retry is not None
        try:
            self.source.open()
        except CameraError as e:
            self._fail(e.user_message(), e.detail)
            return
        except Exception as e:  # an unexpected driver error: out of order, not a crash
            log.exception("opening %s failed", self.source.name)
            self._fail(QCoreApplication.translate("Camera", FAILED), repr(e))
            return
        self._retry.stop()
        self._last_frame = time.monotonic()
        self._tick.setInterval(0 if self.source.paced else max(1, int(1000 / max(self.source.fps, 1.0))))
        self._tick.start()
        self._set(CameraState.RUNNING)

    @Slot()
    def _read(self) -> None:
        try:
            frame = self.source.read()
        except CameraError as e:
            self._fail(e.user_message(), e.detail)
            return
        except Exception as e:
            log.exception("reading %s failed", self.source.name)
            self._fail(QCoreApplication.translate("Camera", FAILED), repr(e))
            return
        now = time.monotonic()
        if frame is None:
            if now - self._last_frame > self.stall_s:
                self._fail(QCoreApplication.translate("Camera", STALLED), f"no frame for {self.stall_s} s")
            return
        self._last_frame = now
        self.frames += 1
        if self.sink is not None:
            self.sink(frame)
        if self.preview_fps > 0 and now - self._last_preview >= 1.0 / self.preview_fps:
            self._last_preview = now
            self.preview.emit(to_qimage(frame))

    def _fail(self, reason: str, detail: str) -> None:
        assert self._tick is not None and self._retry is not None
        self._tick.stop()
        try:
            self.source.close()
        except Exception:
            log.exception("closing %s failed", self.source.name)
        if self.status.state is not CameraState.OUT_OF_ORDER:
            log.warning("camera out of order: %s (%s)", reason, detail)
        self._set(CameraState.OUT_OF_ORDER, reason)
        if not self._retry.isActive():
            self._retry.start()

    def _set(self, state: CameraState, reason: str = "") -> None:
        status = CameraStatus(state, reason, self.source.name)
        if status != self.status:
            self.status = status
            self.state_changed.emit(status)

    @Slot()
    def _shutdown(self) -> None:
        for timer in (self._tick, self._retry):
            if timer is not None:
                timer.stop()
        try:
            self.source.close()
        except Exception:
            log.exception("closing %s failed", self.source.name)
        app = QCoreApplication.instance()
        if app is not None:
            self.moveToThread(app.thread())
