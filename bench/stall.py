"""The GUI event loop's stall meter: a QTimer heartbeat on the main thread that records the gap
between its ticks. A tick due every `interval_ms` that comes late means the loop was busy (or
blocked) that long: `longest_ms` is the longest stall, `percentile_ms(99)` the p99 gap.

    meter = StallMeter()
    meter.start()
    ...                                  # run the event loop (qtbot.wait, QEventLoop.exec)
    meter.stop(); print(meter.longest_ms)

Used by bench/kiosk_sync.py (first sync), bench/proxy.py and tests/ui/test_fault_proxy_gui.py.
"""

from __future__ import annotations

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
        self._last = 0.0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.gaps_ms = []
        self._last = time.perf_counter()
        self._timer.start(self.interval_ms)

    def stop(self) -> None:
        self._timer.stop()

    @Slot()
    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps_ms.append((now - self._last) * 1000)
        self._last = now

    @property
    def longest_ms(self) -> float:
        return max(self.gaps_ms, default=0.0)

    def over(self, ms: float) -> int:
        """How many gaps were longer than `ms`."""
        return sum(1 for gap in self.gaps_ms if gap > ms)

    def percentile_ms(self, p: float) -> float:
        return percentile(sorted(self.gaps_ms), p)
