"""`/metrics` (at the server's root) in Prometheus text format.

- `coworking_redeem_seconds` and `coworking_sync_seconds`: latency histograms of online
  redeems and delta-sync pages (server time, as the middleware measures it);
- `coworking_http_requests_total{route,status}` and `coworking_errors_total{status}` (4xx, 5xx);
- `coworking_checkins_total{space_id,admitted,source}` (`source`: redeem or upload);
- `coworking_kiosks_offline`: enrolled kiosks not seen for 5 minutes (read from the database at
  scrape time, so it is right whichever worker answers).

Several uvicorn workers: set `PROMETHEUS_MULTIPROC_DIR` to an empty directory before the
processes start (`coworking-netserver serve --workers N` does so itself); every worker writes its
samples there and `/metrics` adds them up. Keep /metrics internal (docs/operations.md, nginx).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..db import Database
from ..services.kiosks import offline_count
from .logs import route_of

BUCKETS = (0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.2, 0.5, 0.8, 1.0, 2.5, 5.0, 10.0)
REDEEM_ROUTES = frozenset({"/api/v1/checkins/redeem", "/api/v1/checkins/redeem-member"})
SYNC_ROUTES = frozenset({"/api/v1/sync"})

REDEEM = Histogram("coworking_redeem_seconds", "Online redeem latency (server time)", buckets=BUCKETS)
SYNC = Histogram("coworking_sync_seconds", "Delta sync page latency (server time)", buckets=BUCKETS)
REQUESTS = Counter(
    "coworking_http_requests", "HTTP requests by route template and status", ["route", "status"]
)
ERRORS = Counter("coworking_errors", "Error responses (4xx and 5xx) by status", ["status"])
CHECKINS = Counter(
    "coworking_checkins", "Check-ins recorded, by host space", ["space_id", "admitted", "source"]
)


def count_checkin(space_id: int, admitted: bool, source: str, n: int = 1) -> None:
    if n:
        CHECKINS.labels(str(space_id), "true" if admitted else "false", source).inc(n)


class _KiosksOffline(Collector):
    def __init__(self, db: Database) -> None:
        self.db = db

    def collect(self) -> Iterator[GaugeMetricFamily]:
        gauge = GaugeMetricFamily("coworking_kiosks_offline", "Enrolled kiosks not seen for 5 minutes")
        try:
            with self.db.read() as session:
                gauge.add_metric([], offline_count(session))
        except Exception:  # noqa: BLE001 - a scrape must not fail for a busy database
            gauge.add_metric([], float("nan"))
        yield gauge


def metrics_endpoint(db: Database) -> Any:
    async def metrics(_request: Request) -> Response:
        registry = CollectorRegistry()
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        else:
            registry.register(_Default())
        registry.register(_KiosksOffline(db))
        body = await run_in_threadpool(generate_latest, registry)  # _KiosksOffline reads the database
        return Response(body, media_type=CONTENT_TYPE_LATEST)

    return metrics


class _Default(Collector):
    """This process's own samples (one worker: no multiprocess directory)."""

    def collect(self) -> Iterator[Any]:
        for metric in REGISTRY.collect():
            if metric.name.startswith("coworking_"):
                yield metric


class MetricsMiddleware:
    """Pure ASGI: latency and status of every request, by route template."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            seconds = time.perf_counter() - started
            route = route_of(scope)
            if route in REDEEM_ROUTES:
                REDEEM.observe(seconds)
            elif route in SYNC_ROUTES:
                SYNC.observe(seconds)
            if route != "/metrics":
                REQUESTS.labels(route, str(status)).inc()
            if status >= 400:
                ERRORS.labels(str(status)).inc()
