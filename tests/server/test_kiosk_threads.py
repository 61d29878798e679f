"""The kiosk endpoints run their work in a few worker threads per process (api/threads.py,
`kiosk_threads`), not in as many as the default pool allows: a burst of syncs runs at most that
many at once, and the rest wait on the event loop, then are answered like the others.

Driven in one event loop (httpx's ASGI transport), against a real SQLite file; the database is
a small subclass that counts the read transactions open at the same time.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx2 as httpx
from sqlalchemy.orm import Session

from netserver.api.app import create_app
from netserver.db import Database
from netserver.settings import Settings

from .conftest import World


class CountedReads(Database):
    """Each read transaction lasts at least 50 ms; `most` is the most ever open at once."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.lock = threading.Lock()
        self.open = self.most = 0

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.lock:
            self.open += 1
            self.most = max(self.most, self.open)
        try:
            with super().read() as session:
                yield session
                time.sleep(0.05)
        finally:
            with self.lock:
                self.open -= 1


def test_a_burst_of_syncs_runs_in_at_most_kiosk_threads_threads(world: World) -> None:
    db = CountedReads(world.url)
    app = create_app(Settings(database_url=world.url, kiosk_threads=3), db=db)

    async def main() -> list[int]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test", timeout=30) as client:
            body = {"code": world.werben_code, "kiosk_name": "k"}
            enrolled = await client.post("/api/v1/enroll", json=body)
            headers = {"Authorization": f"Bearer {enrolled.json()['token']}"}
            answers = await asyncio.gather(
                *(client.get("/api/v1/sync", params={"limit": 10}, headers=headers) for _ in range(12))
            )
            return [answer.status_code for answer in answers]

    try:
        assert asyncio.run(main()) == [200] * 12
    finally:
        db.dispose()
    assert 1 < db.most <= 3, db.most  # the default pool ran all twelve at once
