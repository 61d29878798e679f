"""Online/offline switching from what the kiosk measures (Qt-free, thread-safe).

The kiosk is online until a request fails for a connectivity reason (unreachable, timeout,
server error, garbage) or online redeems get slow; then it decides locally and waits until
the next probe (30 s, doubling up to 5 min). The reason is a messages key (`error.<code>`)
staff can read; `next_probe` says when it will try again. A revoked token means
"needs enrollment" until the kiosk is enrolled again.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.core.calendar import utc_now
from kiosk.services.client import ClientError, TokenRevoked, Unauthorized

BACKOFF_START = 30.0
BACKOFF_MAX = 300.0
SLOW_SECONDS = 0.6  # mean online-redeem latency above this: the budget (0.8 s) is at risk
SLOW_SAMPLES = 3


@dataclass(frozen=True)
class ConnectivityState:
    online: bool
    reason_key: str | None  # why offline (messages key), None when online
    failures: int
    next_probe: datetime | None  # when the kiosk will try the server again (UTC)
    needs_enrollment: bool


def backoff_seconds(failures: int, start: float = BACKOFF_START, most: float = BACKOFF_MAX) -> float:
    if failures <= 0:
        return 0.0
    return float(min(start * 2.0 ** (failures - 1), most))


class Connectivity:
    def __init__(
        self,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        wall: Callable[[], datetime] = utc_now,
        needs_enrollment: bool = False,
    ) -> None:
        self._mono = monotonic
        self._wall = wall
        self._lock = threading.Lock()
        self._online = True
        self._reason: str | None = None
        self._failures = 0
        self._probe_at: float | None = None
        self._needs_enrollment = needs_enrollment
        self._latencies: list[float] = []
        # the probe cadence; benchmarks shorten it to meet many faults in a short run
        self.backoff_start, self.backoff_max = BACKOFF_START, BACKOFF_MAX

    def state(self) -> ConnectivityState:
        with self._lock:
            probe = None
            if self._probe_at is not None:
                probe = self._wall() + timedelta(seconds=max(self._probe_at - self._mono(), 0.0))
            return ConnectivityState(
                self._online, self._reason, self._failures, probe, self._needs_enrollment
            )

    @property
    def online(self) -> bool:
        with self._lock:
            return self._online and not self._needs_enrollment

    def seconds_until_probe(self) -> float:
        with self._lock:
            if self._probe_at is None:
                return 0.0
            return max(self._probe_at - self._mono(), 0.0)

    def record_success(self, latency: float | None = None) -> None:
        """A request succeeded; `latency` only for small requests (redeem, health)."""
        with self._lock:
            self._failures = 0
            self._probe_at = None
            self._needs_enrollment = False
            if latency is not None:
                self._latencies = [*self._latencies[-(SLOW_SAMPLES - 1) :], latency]
            slow = len(self._latencies) >= SLOW_SAMPLES and min(self._latencies) > SLOW_SECONDS
            if slow:
                self._go_offline("error.server_slow")
            else:
                self._online = True
                self._reason = None

    def record_failure(self, error: ClientError) -> None:
        with self._lock:
            if isinstance(error, TokenRevoked):
                self._needs_enrollment = True
            if isinstance(error, Unauthorized) or error.connectivity:
                self._go_offline(error.key)

    def set_needs_enrollment(self, value: bool) -> None:
        with self._lock:
            self._needs_enrollment = value

    def _go_offline(self, reason_key: str) -> None:
        self._online = False
        self._reason = reason_key
        self._failures += 1
        self._latencies = []
        self._probe_at = self._mono() + backoff_seconds(self._failures, self.backoff_start, self.backoff_max)
