"""SyncWorker: runs the Qt-free SyncEngine in its own QThread on a QTimer cadence.

Owned from Python: the worker and its QThread live as long as the SyncWorker object; no
`deleteLater` wiring (PySide6 double-free, see STYLE.md). All network I/O happens in the
worker thread.

Cadence: a pass at start; then pull every `pull_interval` (30 s) while online; push within
`push_delay` (2 s) after something was queued; after failures the connectivity back-off
(30 s doubling up to 5 min; a check-in queued while offline wakes the worker at the probe
time if its timer is later); `sync_now()` runs a pass at once.

Signals:
    state_changed(object): a frozen kiosk.syncengine.SyncState, after every pass, schedule
        change and queued record (delivered to the receiver's thread, queued).
    sync_finished(object): the kiosk.syncengine.SyncReport of each pass.

Both are emitted in the worker thread: connect them to a *QObject slot* (decorated with
@Slot) living in the GUI thread, so Qt queues the call; a plain Python callable would run in
the worker thread.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot

from kiosk import logs
from kiosk.core.wire import iso_utc
from kiosk.services.connectivity import BACKOFF_MAX
from kiosk.store import StoreUnavailable
from kiosk.sync import SyncEngine, SyncReport, SyncState

PULL_INTERVAL = 30.0
PUSH_DELAY = 2.0


class SyncWorker(QObject):
    state_changed = Signal(object)
    sync_finished = Signal(object)
    _wake = Signal()
    _force = Signal()
    _stop = Signal()

    def __init__(
        self, engine: SyncEngine, *, pull_interval: float = PULL_INTERVAL, push_delay: float = PUSH_DELAY
    ) -> None:
        super().__init__()
        self.engine = engine
        self.pull_interval = pull_interval
        self.push_delay = push_delay
        self._thread = QThread()
        self._thread.setObjectName("sync")
        self._cancel = threading.Event()
        self._timer: QTimer | None = None
        self._next_attempt: datetime | None = None
        self._started = False
        # explicitly queued: these slots must run in the worker thread whoever emits
        queued = Qt.ConnectionType.QueuedConnection
        self._wake.connect(self._on_wake, queued)
        self._force.connect(self._on_force, queued)
        self._stop.connect(self._on_stop, queued)
        self._thread.started.connect(self._on_started)

    # -- called from the GUI thread (or any thread) ----------------------------------------------

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        self.moveToThread(self._thread)
        self._thread.start()

    def sync_now(self) -> None:
        """Run a pass as soon as the worker is free (staff pressed "sync now")."""
        self._force.emit()

    def notify_queued(self) -> None:
        """Something was queued for upload (thread-safe; wire it to CheckinService.listeners)."""
        self._wake.emit()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def shutdown(self, timeout_ms: int = 15000) -> bool:
        """Cancel, stop the timer, quit the thread and wait for it. True if it stopped."""
        self._cancel.set()
        if not self._started:
            return True
        if self._thread.isRunning():
            self._stop.emit()
            stopped = self._thread.wait(timeout_ms)
            if not stopped:
                logs.sync.error("sync thread did not stop within %d ms", timeout_ms)
            return bool(stopped)
        return True

    # -- in the worker thread ---------------------------------------------------------------

    @Slot()
    def _on_started(self) -> None:
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._run_pass)
        self._run_pass()

    @Slot()
    def _on_force(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._run_pass()

    @Slot()
    def _on_wake(self) -> None:
        if self._timer is None or self._cancel.is_set():
            return
        link = self.engine.connectivity
        if link.online:
            due: float | None = self.push_delay
        else:  # offline: no sooner than the connectivity's next probe, but not later either
            due = None if link.state().needs_enrollment else link.seconds_until_probe()
        if due is not None and self._timer.remainingTime() > due * 1000:
            self._schedule(due)
        else:
            self._emit_state()

    @Slot()
    def _on_stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        QThread.currentThread().quit()

    @Slot()
    def _run_pass(self) -> None:
        if self._cancel.is_set():
            return
        try:
            report = self.engine.run_once(self._cancel.is_set)
        except Exception as exc:  # a bug: log it, keep the kiosk running, back off
            logs.sync.exception("sync pass crashed")
            report = SyncReport(False, error_key="error.bad_response", error=repr(exc))
        if self._cancel.is_set():
            return
        self.sync_finished.emit(report)
        self._schedule(self._next_delay(report))

    def _next_delay(self, report: SyncReport) -> float:
        conn = self.engine.connectivity.state()
        if conn.needs_enrollment:
            return BACKOFF_MAX
        if not report.ok:
            return self.engine.connectivity.seconds_until_probe() or self.engine.connectivity.backoff_start
        try:
            pending = self.engine.store.pending_count()
        except StoreUnavailable:
            return self.engine.connectivity.backoff_start
        return self.push_delay if pending else self.pull_interval

    def _schedule(self, seconds: float) -> None:
        assert self._timer is not None
        self._timer.start(max(int(seconds * 1000), 0))
        self._next_attempt = self.engine.clock.now() + timedelta(seconds=seconds)
        try:
            self.engine.store.set_meta("next_attempt", iso_utc(self._next_attempt), background=True)
        except StoreUnavailable:
            logs.sync.warning("cannot record the next sync attempt")
        self._emit_state()

    def _emit_state(self) -> None:
        try:
            state: SyncState = self.engine.state(self._next_attempt)
        except StoreUnavailable:
            logs.sync.exception("cannot read the sync state")
            return
        self.state_changed.emit(state)
