"""A background thread per server process that fetches the calendar feeds that are due.

Every process runs one (started by the app's lifespan); the lease in services/feeds.py makes
sure only one of them fetches a given feed. The first round waits a random part of the
interval, so processes started together do not all look at once.
"""

from __future__ import annotations

import logging
import random
import threading

from ..db import Database
from .feeds import process_owner, run_due

log = logging.getLogger("netserver.feeds")


class FeedPoller:
    def __init__(self, db: Database, interval_s: float) -> None:
        self.db = db
        self.interval_s = interval_s
        self.owner = process_owner()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="feed-poller", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        delay = random.uniform(0.2, 1.0) * self.interval_s  # noqa: S311  # jitter, not a secret
        while not self._stop.wait(delay):
            try:
                for result in run_due(self.db, self.owner):
                    log.debug("feed %s: %s %s", result.feed_id, result.status, result.message)
            except Exception:  # noqa: BLE001  # a database hiccup: try again next round
                log.exception("calendar feeds: polling failed")
            delay = self.interval_s
