"""Per-process write slots: writing requests queue on the event loop, not in worker threads.

Why: a request that waits for the database's write lock inside a worker thread holds that
thread; when every thread of the pool waits, the one request that holds the lock cannot get a
thread to finish, and the server wedges until the lock wait times out. Here a writing request
first takes one of a few slots (SQLite: 1, since its writers serialise anyway; PostgreSQL: a
handful, well below the thread pool and the connection pool), waiting on the event loop for at
most `wait_s`; then it is answered 503 with Retry-After. `/health` needs no slot.
"""

from __future__ import annotations

import asyncio
import math
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from ..services.errors import Overloaded


class WriteGate:
    def __init__(self, slots: int, wait_s: float) -> None:
        if slots < 1:
            raise ValueError("a write gate needs at least one slot")
        self.slots = slots
        self.wait_s = wait_s
        # one semaphore per event loop (tests run several loops over one app)
        self._by_loop: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
            weakref.WeakKeyDictionary()
        )

    def _semaphore(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        semaphore = self._by_loop.get(loop)
        if semaphore is None:
            semaphore = self._by_loop[loop] = asyncio.Semaphore(self.slots)
        return semaphore

    @property
    def retry_after(self) -> int:
        return max(1, math.ceil(self.wait_s / 2))

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold a write slot; Overloaded (503) if none frees up within `wait_s`."""
        semaphore = self._semaphore()
        try:
            async with asyncio.timeout(self.wait_s):
                await semaphore.acquire()
        except TimeoutError:
            raise Overloaded(
                "the server is busy, please try again shortly", retry_after=self.retry_after
            ) from None
        try:
            yield
        finally:
            semaphore.release()

    @asynccontextmanager
    async def slot_if_free(self) -> AsyncIterator[bool]:
        """A slot without waiting: yields False (and holds nothing) when all are busy."""
        semaphore = self._semaphore()
        if semaphore.locked():
            yield False
            return
        await semaphore.acquire()  # free: returns at once
        try:
            yield True
        finally:
            semaphore.release()
