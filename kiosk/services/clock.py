"""The kiosk's view of the server's clock (Qt-free, thread-safe).

Every server answer carries `X-Server-Time`; the offset is estimated from the midpoint of the
request and the response. Of the recent samples the one with the shortest round trip wins
(it has the smallest error bound), so one slow answer does not make the clock jump.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from datetime import datetime, timedelta

from kiosk.core.calendar import utc_now

SKEW_WARNING_SECONDS = 120.0  # a local clock this far off is shown to staff
SKEW_REFUSE_SECONDS = 300.0  # this far off the kiosk decides nothing: its time sync is broken


class ServerClock:
    def __init__(self, now: Callable[[], datetime] = utc_now, samples: int = 8) -> None:
        self._now = now
        self._lock = threading.Lock()
        self._samples: deque[tuple[float, float]] = deque(maxlen=samples)  # (rtt, offset)
        self._offset = 0.0
        self._known = False

    def local_now(self) -> datetime:
        return self._now()

    def now(self) -> datetime:
        """Server-corrected UTC time."""
        with self._lock:
            offset = self._offset
        return self._now() + timedelta(seconds=offset)

    @property
    def offset_seconds(self) -> float | None:
        """Server time minus local time, or None before the first answer."""
        with self._lock:
            return self._offset if self._known else None

    def set_offset(self, seconds: float) -> None:
        """Restore a persisted offset (until the next answer measures a fresh one)."""
        with self._lock:
            self._offset = seconds
            self._known = True

    def observe(self, sent: datetime, received: datetime, server_time: datetime) -> None:
        """Record one answer: local send and receive times and the server's header time."""
        rtt = max((received - sent).total_seconds(), 0.0)
        midpoint = sent + (received - sent) / 2
        offset = (server_time - midpoint).total_seconds()
        with self._lock:
            self._samples.append((rtt, offset))
            self._offset = min(self._samples)[1]
            self._known = True
