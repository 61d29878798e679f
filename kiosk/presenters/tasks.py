"""Run slow service calls in a thread pool and deliver results on the GUI thread.

Signals (of the internal emitter): finished(int, bool, object): job id, ok, result or exception.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger("kiosk.ui")


class _Emitter(QObject):
    finished = Signal(int, bool, object)


class _Job(QRunnable):
    def __init__(self, job_id: int, fn: Callable[[], Any], emitter: _Emitter) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the TaskRunner owns it from Python until it has finished
        self.job_id, self.fn, self.emitter = job_id, fn, emitter

    def run(self) -> None:
        try:
            result, ok = self.fn(), True
        except Exception as exc:  # delivered to the caller's error callback
            result, ok = exc, False
        self.emitter.finished.emit(self.job_id, ok, result)


class TaskRunner(QObject):
    """`run(fn, done, failed)`: fn() runs in the pool; done(result) / failed(exc) on the GUI thread."""

    def __init__(self, max_threads: int = 4, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(max_threads)
        self._emitter = _Emitter()
        self._emitter.finished.connect(self._finished)
        self._ids = itertools.count(1)
        self._jobs: dict[
            int, tuple[_Job, Callable[[Any], None] | None, Callable[[Exception], None] | None]
        ] = {}
        self._serial_busy: set[str] = set()
        self._serial_next: dict[str, Callable[[], Any]] = {}
        self.closed = False

    def run(
        self,
        fn: Callable[[], Any],
        done: Callable[[Any], None] | None = None,
        failed: Callable[[Exception], None] | None = None,
    ) -> None:
        if self.closed:
            return
        job = _Job(next(self._ids), fn, self._emitter)
        self._jobs[job.job_id] = (job, done, failed)
        self.pool.start(job)

    def run_latest(self, key: str, fn: Callable[[], Any]) -> None:
        """Run fn in the pool, one job per key at a time, in the order asked; a job still waiting
        is replaced by a newer one. For writes of a setting: two quick changes never commit in
        the wrong order (the last one asked for is the one kept)."""
        if self.closed:
            return
        if key in self._serial_busy:
            self._serial_next[key] = fn
            return
        self._serial_busy.add(key)

        def next_one(_result: object = None) -> None:
            waiting = self._serial_next.pop(key, None)
            if waiting is None or self.closed:
                self._serial_busy.discard(key)
                return
            self.run(waiting, next_one, failed)

        def failed(exc: Exception) -> None:
            log.error("background task %s failed", key, exc_info=exc)
            next_one()

        self.run(fn, next_one, failed)

    @property
    def busy(self) -> int:
        return len(self._jobs)

    def _finished(self, job_id: int, ok: bool, result: object) -> None:
        _job, done, failed = self._jobs.pop(job_id, (None, None, None))
        if self.closed:
            return
        if ok and done is not None:
            done(result)
        elif not ok:
            if failed is not None:
                failed(result)  # type: ignore[arg-type]
            else:
                log.error("background task failed", exc_info=result)  # type: ignore[arg-type]

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Refuse new jobs, wait for running ones; results arriving later are dropped."""
        self.closed = True
        done = self.pool.waitForDone(timeout_ms)
        waiting = list(self._serial_next.items()) if done else []  # else a write is still running
        for key, fn in waiting:  # a setting asked for last is not lost
            try:
                fn()
            except Exception:
                log.exception("background task %s failed at shutdown", key)
        self._serial_next.clear()
        return done
