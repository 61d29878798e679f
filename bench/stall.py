"""The GUI event loop's stall meter: a QTimer heartbeat on the main thread that records the gap
between its ticks. A tick due every `interval_ms` that comes late means the loop was busy (or
blocked) that long: `longest_ms` is the longest stall, `percentile_ms(99)` the p99 gap.

    meter = StallMeter()
    meter.start()
    ...                                  # run the event loop (qtbot.wait, QEventLoop.exec)
    meter.stop(); print(meter.longest_ms)

On a loaded machine a gap can be the whole process waiting for a core, not the GUI's doing.
Two more figures tell these apart:
- `busy_ms`: the GUI thread's own CPU time within each gap (`time.thread_time`): as much CPU
  time as gap is work done on the GUI thread; little is waiting (for a core, the GIL, I/O, a lock);
- `own_ms`: the part of each gap that a bare control thread of the same process, sleeping
  `interval_ms` in a loop, did not share: while the control thread ran, the process had a core
  and the GIL, so the GUI thread was busy or blocked by itself. `longest_own_ms` is the longest;
  a network call or an unbounded wait on the GUI thread shows here, a loaded machine does not
  (much);
- `gc_ms`: the time Python's garbage collector ran within each gap (`gc.callbacks`): it holds
  the interpreter lock, so every thread waits for it, whichever thread triggered it.

Used by bench/kiosk_sync.py (first sync), bench/proxy.py and tests/ui/test_fault_proxy_gui.py.
"""

from __future__ import annotations

import bisect
import gc
import threading
import time

from PySide6.QtCore import QObject, Qt, QTimer, Slot


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return 0.0
    rank = max(1, -(-len(sorted_values) * p // 100))
    return sorted_values[min(int(rank), len(sorted_values)) - 1]


class StallMeter(QObject):
    def __init__(self, interval_ms: int = 5, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval_ms = interval_ms
        self.gaps_ms: list[float] = []
        self.busy_ms: list[float] = []  # the GUI thread's CPU time within each gap
        self._ends: list[float] = []  # perf_counter at each tick
        self._control: list[float] = []  # perf_counter at each tick of the control thread
        self.collections: list[tuple[float, float, int]] = []  # (start, end, generation) of each GC
        self._gc_started = 0.0
        self._last = self._last_cpu = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.gaps_ms, self.busy_ms, self._ends, self._control = [], [], [], []
        self.collections = []
        if self._on_gc not in gc.callbacks:
            gc.callbacks.append(self._on_gc)
        self._stop.clear()
        self._thread = threading.Thread(target=self._control_loop, name="stall-control", daemon=True)
        self._thread.start()
        self._last, self._last_cpu = time.perf_counter(), time.thread_time()
        self._timer.start(self.interval_ms)

    def stop(self) -> None:
        self._timer.stop()
        if self._on_gc in gc.callbacks:
            gc.callbacks.remove(self._on_gc)
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _control_loop(self) -> None:
        self._control.append(time.perf_counter())
        while not self._stop.wait(self.interval_ms / 1000):
            self._control.append(time.perf_counter())
        self._control.append(time.perf_counter())

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_started = time.perf_counter()
        else:
            self.collections.append((self._gc_started, time.perf_counter(), info["generation"]))

    @Slot()
    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.gaps_ms.append((now - self._last) * 1000)
        self.busy_ms.append((cpu - self._last_cpu) * 1000)
        self._ends.append(now)
        self._last, self._last_cpu = now, cpu

    @property
    def longest_ms(self) -> float:
        return max(self.gaps_ms, default=0.0)

    @property
    def longest_busy_ms(self) -> float:
        return max(self.busy_ms, default=0.0)

    def own_ms(self, index: int) -> float:
        """The part of gap `index` the control thread did not share: the gap minus the
        control thread's longest pause within it."""
        gap = self.gaps_ms[index] / 1000
        end = self._ends[index]
        begin = end - gap
        ticks = self._control
        inside = ticks[bisect.bisect_left(ticks, begin) : bisect.bisect_right(ticks, end)]
        points = [begin, *inside, end]
        pause = max(b - a for a, b in zip(points, points[1:], strict=False))
        return max(gap - pause, 0.0) * 1000

    @property
    def longest_own_ms(self) -> float:
        worth = [i for i, gap in enumerate(self.gaps_ms) if gap > 2 * self.interval_ms]
        return max((self.own_ms(i) for i in worth), default=0.0)

    @property
    def busy_in_longest_ms(self) -> float:
        """The GUI thread's CPU time within the longest gap."""
        if not self.gaps_ms:
            return 0.0
        return self.busy_ms[max(range(len(self.gaps_ms)), key=self.gaps_ms.__getitem__)]

    def gc_ms(self, index: int) -> float:
        """The time the garbage collector ran within gap `index` (it holds the interpreter
        lock: every thread of the process waits for it)."""
        end = self._ends[index]
        begin = end - self.gaps_ms[index] / 1000
        return sum(max(0.0, min(b, end) - max(a, begin)) for a, b, _ in self.collections) * 1000

    @property
    def longest_gc_ms(self) -> float:
        return max(((b - a) * 1000 for a, b, _ in self.collections), default=0.0)

    def gc_in_gaps_over(self, ms: float) -> list[tuple[float, float]]:
        """(gap, GC time within it) of each gap longer than `ms`."""
        return [(gap, self.gc_ms(i)) for i, gap in enumerate(self.gaps_ms) if gap > ms]

    def over(self, ms: float) -> int:
        """How many gaps were longer than `ms`."""
        return sum(1 for gap in self.gaps_ms if gap > ms)

    def percentile_ms(self, p: float) -> float:
        return percentile(sorted(self.gaps_ms), p)
