"""One sync pass, Qt-free: push the outbox (batches ≤ 500, idempotent by id), then pull the
delta pages from the cursor (each page committed with its cursor). Plus SyncState, the one
picture of "how is sync doing" that the UI and `coworking-kiosk status` render.

The engine is driven by kiosk.sync.SyncWorker (cadence, back-off, threads) in the GUI and by
`coworking-kiosk sync` on the command line. `cancel()` is checked between steps.

Housekeeping is the engine's too, so that no check-in pays for it: its writes are background
transactions (a waiting check-in goes first), it checkpoints the WAL after every page and
every pass (the check-in commits never do), and at most hourly (by the injected clock) it runs
the retention clean-up, after failed passes too: an offline kiosk still forgets.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk import __version__, logs
from kiosk.core.wire import iso_utc, parse_iso
from kiosk.services.client import (
    ApiClient,
    BadResponse,
    ClientError,
    NotEnrolled,
    RequestRejected,
    TokenRevoked,
)
from kiosk.services.clock import ServerClock
from kiosk.services.connectivity import Connectivity
from kiosk.services.health import HealthBoard
from kiosk.store import OutboxItem, OutboxKind, PageError, Store, StoreUnavailable, presence

BATCH_SIZE = 500
PAGE_LIMIT = 2000
CLEANUP_INTERVAL = 3600.0


@dataclass(frozen=True)
class SyncState:
    """What staff see about sync. Keys are kiosk.core.messages keys (or kiosk.cli texts)."""

    online: bool
    reason_key: str | None  # why offline
    last_success: datetime | None
    last_error_key: str | None
    pending: int  # records waiting for upload
    clock_skew_seconds: float | None  # server minus local clock
    next_attempt: datetime | None
    enrolled: bool
    needs_enrollment: bool
    rejected: int = 0  # uploads the server refused (kept for support, never retried)
    syncing: bool = False
    revoked: bool = False  # the server revoked this kiosk: it admits nobody until enrolled anew


@dataclass(frozen=True)
class SyncReport:
    ok: bool
    pushed: int = 0
    rejected: int = 0
    pages: int = 0
    error_key: str | None = None
    error: str | None = None
    cancelled: bool = False
    seconds: float = 0.0


def _never() -> bool:
    return False


class SyncEngine:
    def __init__(
        self,
        store: Store,
        client: ApiClient | None,
        *,
        connectivity: Connectivity,
        clock: ServerClock,
        retention_days: int = 7,
        page_limit: int = PAGE_LIMIT,
        batch_size: int = BATCH_SIZE,
        health: HealthBoard | None = None,
    ) -> None:
        self.store = store
        self.health = health or HealthBoard()
        self.client = client
        self.connectivity = connectivity
        self.clock = clock
        self.retention_days = retention_days
        self.page_limit = page_limit
        self.batch_size = min(batch_size, BATCH_SIZE)
        self._lock = threading.Lock()  # one pass at a time
        self._last_cleanup: datetime | None = None
        self._syncing = False
        if store.get_meta("needs_enrollment") == "1":
            connectivity.set_needs_enrollment(True)
        offset = store.get_meta("clock_offset")
        if offset is not None and clock.offset_seconds is None:
            clock.set_offset(float(offset))

    # -- one pass --------------------------------------------------------------------------------

    def run_once(self, cancel: Callable[[], bool] = _never) -> SyncReport:
        """Push then pull. Never raises for network or server trouble: the report says."""
        with self._lock:
            self._syncing = True
            try:
                return self._run(cancel)
            finally:
                self._syncing = False
                self._housekeeping(cancel)

    def _run(self, cancel: Callable[[], bool]) -> SyncReport:
        started = time.monotonic()
        pushed = rejected = pages = 0
        try:
            if self.client is None:
                raise NotEnrolled("this kiosk is not enrolled")
            self.report_health()
            self.queue_presence()
            # a revoked kiosk still uploads: the server keeps what it recorded before revocation
            pushed, rejected = self.push(cancel)
            if self.revoked:
                raise TokenRevoked("this kiosk was revoked")
            if not cancel():
                pages = self.pull(cancel)
        except ClientError as exc:
            return self._failed(exc, pushed, rejected, pages, started)
        except PageError as exc:
            return self._failed(BadResponse(str(exc)), pushed, rejected, pages, started)
        except StoreUnavailable as exc:
            logs.sync.error("store unavailable during sync: %s", exc)
            self._remember_error("error.store_unavailable", str(exc))
            return SyncReport(
                False,
                pushed,
                rejected,
                pages,
                "error.store_unavailable",
                str(exc),
                seconds=time.monotonic() - started,
            )
        cancelled = cancel()
        if not cancelled:
            self.connectivity.record_success(None)
            now = self.clock.now()
            offset = self.clock.offset_seconds
            self.store.set_meta_many(
                {
                    "last_success": iso_utc(now),
                    "last_error_key": None,
                    "last_error": None,
                    "needs_enrollment": None,
                    "clock_offset": None if offset is None else f"{offset:.3f}",
                    "online": "1",
                    "reason_key": None,
                    "offline_since": None,
                },
                background=True,
            )
        seconds = time.monotonic() - started
        logs.sync.info(
            "sync pass: pushed %d, rejected %d, %d pages, %.2f s", pushed, rejected, pages, seconds
        )
        return SyncReport(True, pushed, rejected, pages, cancelled=cancelled, seconds=seconds)

    def _failed(self, exc: ClientError, pushed: int, rejected: int, pages: int, started: float) -> SyncReport:
        logs.sync.warning("sync failed: %s (%s)", exc.key, exc)
        self.connectivity.record_failure(exc)
        if isinstance(exc, TokenRevoked):
            self._mark_revoked(None)
        self._remember_error(exc.key, str(exc))
        return SyncReport(
            False, pushed, rejected, pages, exc.key, str(exc), seconds=time.monotonic() - started
        )

    def _remember_error(self, key: str, message: str) -> None:
        state = self.connectivity.state()
        try:
            since = self.store.get_meta("offline_since") or iso_utc(self.clock.now())
            self.store.set_meta_many(
                {
                    "offline_since": since,
                    "last_error_key": key,
                    "last_error": message[:500],
                    "last_error_at": iso_utc(self.clock.now()),
                    "online": "1" if state.online else "0",
                    "reason_key": state.reason_key,
                },
                background=True,
            )
        except StoreUnavailable:
            logs.sync.exception("cannot record the sync error")

    # -- health and revocation -------------------------------------------------------------------

    @property
    def revoked(self) -> bool:
        """Persisted: a revoked kiosk stays revoked after a restart and while offline."""
        return self.store.get_meta("revoked_at") is not None

    def health_report(self) -> dict[str, object]:
        return {
            "version": __version__,
            "last_sync": self.store.get_meta("last_success"),
            "queue": self.store.pending_count(),
            "offline_since": self.store.get_meta("offline_since"),
            "camera": self.health.camera,
            "decoder_fps": self.health.decoder_fps(),
        }

    def report_health(self) -> None:
        """Send the health report; learn a revocation from its answer. An older server without
        the endpoint (404/405) is no reason to fail the pass."""
        assert self.client is not None
        try:
            answer = self.client.report_health(self.health_report())
        except RequestRejected as exc:
            if exc.status in (404, 405):
                logs.sync.info("the server takes no health reports (%s)", exc.status)
                return
            raise
        except BadResponse as exc:
            if exc.status in (404, 405):
                logs.sync.info("the server takes no health reports (%s)", exc.status)
                return
            raise
        if answer.get("revoked") is True:
            self._mark_revoked(str(answer.get("revoked_at") or ""))

    def _mark_revoked(self, revoked_at: str | None) -> None:
        if not self.revoked:
            logs.sync.warning("this kiosk was revoked by the server (at %s)", revoked_at or "?")
        self.connectivity.set_needs_enrollment(True)
        self.store.set_meta_many(
            {
                "needs_enrollment": "1",
                "revoked_at": self.store.get_meta("revoked_at") or revoked_at or iso_utc(self.clock.now()),
            },
            background=True,
        )

    def queue_presence(self) -> None:
        """The presence counts of yesterday's and today's finished hours into the outbox (only
        what changed; docs/presence.md)."""
        space_id = self.store.space_id
        if space_id is None:
            return
        now = self.clock.now()
        today = self.store.calendar().local_date(now)
        queued = presence.queue_hourly_counts(self.store, space_id, [today - timedelta(days=1), today], now)
        if queued:
            logs.sync.debug("queued %d hourly presence counts", queued)

    # -- push ----------------------------------------------------------------------------------

    def push(self, cancel: Callable[[], bool] = _never) -> tuple[int, int]:
        """Upload the outbox in order, one kind per batch; returns (delivered, rejected) records
        (check-ins, day passes, staff actions; the hourly presence counts go too, uncounted)."""
        assert self.client is not None
        delivered = refused = 0
        while not cancel():
            batch = self.store.next_batch(self.batch_size)
            if not batch:
                break
            kind = batch[0].kind
            posted = time.monotonic()
            try:
                results = self.client.post_batch(kind.path, [item.payload for item in batch])
            except (RequestRejected, BadResponse) as exc:
                if kind is not OutboxKind.PRESENCE or exc.status not in (404, 405):
                    raise
                # an older server takes no presence counts: they must not hold up the rest
                logs.sync.info("the server takes no presence counts (%s): %d dropped", exc.status, len(batch))
                self.store.mark_results(kind, [item.id for item in batch], {}, [], self.clock.now())
                continue
            answered = time.monotonic()
            sent, rejected, failed = _classify(kind, batch, results)
            self.store.mark_results(kind, sent, rejected, failed, self.clock.now())
            logs.sync.debug(
                "pushed %d %s: server %.3f s, local %.3f s",
                len(batch),
                kind.value,
                answered - posted,
                time.monotonic() - answered,
            )
            if kind is not OutboxKind.PRESENCE:  # records, not the hourly counts
                delivered += len(sent)
                refused += len(rejected)
            for item_id, error in rejected.items():
                logs.sync.warning("server rejected %s %s: %s", kind.value, item_id, error)
            if failed:
                # the server did not answer for some items: try again next pass, not in a loop
                raise BadResponse(f"{len(failed)} {kind.value} items without a result")
        return delivered, refused

    # -- pull ----------------------------------------------------------------------------------

    def pull(self, cancel: Callable[[], bool] = _never) -> int:
        """Fetch and apply delta pages until `has_more` is false; returns the page count."""
        assert self.client is not None
        pages = 0
        cursor = self.store.cursor
        while not cancel():
            page = self.client.sync_page(cursor, self.page_limit)
            new_cursor = str(page["cursor"])
            self.store.apply_page(page, new_cursor)
            self.store.checkpoint()  # here, not in a check-in's commit
            pages += 1
            cursor = new_cursor
            if not page.get("has_more"):
                break
        return pages

    def _housekeeping(self, cancel: Callable[[], bool]) -> None:
        """After every pass, failed or not: retention clean-up (hourly) and a WAL checkpoint."""
        try:
            now = self.clock.now()
            last = self._last_cleanup
            due = last is None or not timedelta(0) <= now - last < timedelta(seconds=CLEANUP_INTERVAL)
            if due and not cancel():
                self._last_cleanup = now
                deleted = self.store.cleanup(now, self.retention_days)
                if deleted:
                    logs.db.info("retention clean-up removed %d rows", deleted)
            self.store.checkpoint()
        except StoreUnavailable as exc:
            logs.db.warning("housekeeping skipped: %s", exc)

    # -- state ---------------------------------------------------------------------------------

    def state(self, next_attempt: datetime | None = None) -> SyncState:
        conn = self.connectivity.state()
        last_success = self.store.get_meta("last_success")
        return SyncState(
            online=conn.online and not conn.needs_enrollment,
            reason_key=conn.reason_key if not conn.needs_enrollment else "error.token_revoked",
            last_success=parse_iso(last_success) if last_success else None,
            last_error_key=self.store.get_meta("last_error_key"),
            pending=self.store.pending_count(),
            clock_skew_seconds=self.clock.offset_seconds,
            next_attempt=next_attempt if next_attempt is not None else conn.next_probe,
            enrolled=self.client is not None,
            needs_enrollment=conn.needs_enrollment,
            rejected=self.store.rejected_count(),
            syncing=self._syncing,
            revoked=self.revoked,
        )


def _classify(
    kind: OutboxKind, batch: list[OutboxItem], results: list[dict[str, object]]
) -> tuple[list[str], dict[str, str], list[str]]:
    """Match results to items (by id, else by position) → (sent, rejected, without result)."""
    id_field = "nonce" if kind is OutboxKind.CHECKIN else "id"
    by_id: dict[str, dict[str, object]] = {}
    for answer in results:
        rid = answer.get("id", answer.get(id_field))
        if rid is not None:
            by_id[str(rid)] = answer
    sent: list[str] = []
    rejected: dict[str, str] = {}
    failed: list[str] = []
    for position, item in enumerate(batch):
        result = by_id.get(item.id)
        if result is None and len(results) == len(batch) and not by_id:
            result = results[position]
        status = result.get("status") if result else None
        if status in ("stored", "duplicate"):
            sent.append(item.id)
        elif status == "rejected":
            error = result.get("error") if result else None
            code = error.get("code") if isinstance(error, dict) else error
            rejected[item.id] = str(code or "rejected")
        else:
            failed.append(item.id)
    return sent, rejected, failed
