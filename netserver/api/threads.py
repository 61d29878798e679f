"""Worker threads for the kiosk endpoints: a few per process, not the default pool's 40.

Why (issue 14, `python -m bench.region` on 6 Dec 2026): a kiosk request's work is mostly Python
(a sync page of the 500 members an import changed, a redeem's rules and statements). With 40
threads allowed, a burst of them ran a dozen at once, all contending with the event loop for the
interpreter lock, so every request's wait grew, the event loop's own included. Four at a time did
the same work with less CPU and shorter tails. The other endpoints (web admin, imports, reports)
keep the default pool, so their long waits (a sign-in's password hash, a report) never take a
kiosk's thread; a kiosk writer waiting for a lock holds one, but the writer holding that lock
already has its own, so the wait always ends.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable
from typing import TypeVar

from anyio import CapacityLimiter, to_thread

T = TypeVar("T")


class KioskThreads:
    def __init__(self, total: int) -> None:
        if total < 1:
            raise ValueError("the kiosk endpoints need at least one worker thread")
        self.total = total
        # one limiter per event loop (tests run several loops over one app)
        self._by_loop: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, CapacityLimiter] = (
            weakref.WeakKeyDictionary()
        )

    def _limiter(self) -> CapacityLimiter:
        loop = asyncio.get_running_loop()
        limiter = self._by_loop.get(loop)
        if limiter is None:
            limiter = self._by_loop[loop] = CapacityLimiter(self.total)
        return limiter

    async def run(self, work: Callable[[], T]) -> T:
        """`work()` in a worker thread, at most `total` of them at once in this process."""
        return await to_thread.run_sync(work, limiter=self._limiter())
