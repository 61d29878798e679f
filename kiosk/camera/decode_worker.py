"""The decoder's QThread: runs `kiosk.scanner.QrDecoder` on camera frames, latest frame wins."""

from __future__ import annotations

import logging
import threading
import time

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from kiosk.scanner import QrDecoder, RepeatFilter, ScanEvent

log = logging.getLogger("kiosk.scan")


class DecodeWorker(QObject):
    """Decodes camera frames in its own QThread; latest frame wins.

    Signals:
        scanned(ScanEvent): a confirmed code (read `repeat` times, outside its cooldown).
        detected(Detection): every frame in which a code was read, for an on-screen highlight.

    `submit(frame)` may be called from any thread (the camera worker's): a frame that arrives
    while the previous one is still waiting replaces it (counted in `dropped`). Call `start()`
    and `stop()` from the thread that created the worker.
    """

    scanned = Signal(object)
    detected = Signal(object)
    _wake = Signal()
    _shutdown_requested = Signal()

    def __init__(self, decoder: QrDecoder | None = None, repeat: int = 2, window_s: float = 1.0,
                 cooldown_s: float = 3.0, parent: QObject | None = None):
        super().__init__(parent)
        self._decoder = decoder or QrDecoder()
        self._filter = RepeatFilter(repeat, window_s, cooldown_s)
        self._lock = threading.Lock()
        self._slot: np.ndarray | None = None
        self._scheduled = False
        self.submitted = 0
        self.decoded = 0
        self.dropped = 0
        self.busy_s = 0.0  # time spent decoding, for the stats screen and the bench
        self.frames = 0  # frames decoded (read or not): the decoder rate of the health report
        self._thread: QThread | None = None
        self._wake.connect(self._drain, Qt.ConnectionType.QueuedConnection)
        self._shutdown_requested.connect(self._go_home, Qt.ConnectionType.BlockingQueuedConnection)

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = QThread()
        self._thread.setObjectName("decode")
        self.moveToThread(self._thread)
        self._thread.start()
        log.info("decoder started")

    def stop(self) -> None:
        """Finish the frame in progress, drop the waiting one, quit and join the thread."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        with self._lock:
            self._slot = None
        if thread.isRunning():
            self._shutdown_requested.emit()
            thread.quit()
            thread.wait()
        counts = (self.submitted, self.decoded, self.dropped)
        log.info("decoder stopped (%d frames, %d with a code, %d dropped)", *counts)

    def submit(self, frame: np.ndarray) -> None:
        with self._lock:
            self.submitted += 1
            if self._slot is not None:
                self.dropped += 1
            self._slot = frame
            if self._scheduled:
                return
            self._scheduled = True
        self._wake.emit()

    def reset_cooldown(self) -> None:
        """Forget recent codes (e.g. staff asked for the same card to be scanned again)."""
        with self._lock:
            self._filter.reset()

    @Slot()
    def _drain(self) -> None:
        while True:
            with self._lock:
                frame, self._slot = self._slot, None
                if frame is None:
                    self._scheduled = False
                    return
            self._process(frame)

    def _process(self, frame: np.ndarray) -> None:
        t0 = time.perf_counter()
        try:
            det = self._decoder.decode(frame)
        except Exception:  # a decoder bug must not kill the scanner thread
            log.exception("decoding a frame failed")
            det = None
        self.busy_s += time.perf_counter() - t0
        self.frames += 1
        if det is None:
            return
        self.decoded += 1
        self.detected.emit(det)
        now = time.monotonic()
        with self._lock:
            confirmed = self._filter.feed(det.text, now)
        if confirmed:
            log.info("code read (%d chars, %.1f ms, %s)", len(det.text), det.frame_ms, det.strategy)
            self.scanned.emit(ScanEvent(det.text, det.corners, "camera", det.frame_ms, now))

    @Slot()
    def _go_home(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            self.moveToThread(app.thread())
