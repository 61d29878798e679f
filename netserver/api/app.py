"""`create_app(settings)`: the FastAPI application of the network server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from ..db import Database
from ..member import logs as member_logs
from ..member import routes as member_routes
from ..services.feed_poller import FeedPoller
from ..settings import Settings, get_settings
from ..web import install as install_admin
from .errors import ServerTimeMiddleware, install_error_handlers
from .limits import BodyLimitMiddleware
from .logs import RequestLogMiddleware, configure_logging
from .metrics import MetricsMiddleware, metrics_endpoint
from .routers import (
    admin_feeds,
    admin_files,
    admin_ops,
    admin_org,
    admin_settlement,
    batches,
    checkins,
    enroll,
    health,
    kiosk_health,
    sync,
)
from .threads import KioskThreads
from .write_gate import WriteGate

API_PREFIX = "/api/v1"


def create_app(settings: Settings | None = None, *, db: Database | None = None) -> FastAPI:
    """The app for `settings` (default: from the environment). Pass `db` to share one."""
    settings = settings or get_settings()
    database = db or Database(
        settings.url,
        busy_timeout_ms=settings.sqlite_busy_timeout_ms,
        lock_timeout_ms=settings.pg_lock_timeout_ms,
        statement_timeout_ms=settings.pg_statement_timeout_ms,
        pool_timeout_s=settings.pool_timeout_s,
    )

    polling = settings.feed_fetch and settings.feed_poll_seconds > 0
    poller = FeedPoller(database, settings.feed_poll_seconds) if polling else None

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if poller is not None:
            poller.start()
        yield
        if poller is not None:
            poller.stop()
        if db is None:
            database.dispose()

    app = FastAPI(
        title="Coworking network server",
        version="1.0",
        description="HTTP API between the kiosks and the network server; see docs/api.md.",
        lifespan=lifespan,
    )
    app.state.db = database
    app.state.settings = settings
    slots = settings.write_slots or (1 if database.is_sqlite else 8)
    app.state.write_gate = WriteGate(slots, settings.write_wait_s)
    app.state.kiosk_threads = KioskThreads(settings.kiosk_threads)
    install_error_handlers(app)
    app.add_middleware(BodyLimitMiddleware)
    app.add_middleware(ServerTimeMiddleware)  # the limit's answers carry the time too
    if settings.metrics:
        app.add_middleware(MetricsMiddleware)
        app.add_route("/metrics", metrics_endpoint(database), include_in_schema=False)
    app.add_middleware(RequestLogMiddleware)  # outermost: its request id covers everything
    if settings.log_json:
        configure_logging(settings.log_level)
    for module in (
        health,
        enroll,
        sync,
        checkins,
        batches,
        admin_files,
        admin_feeds,
        admin_org,
        admin_ops,
        admin_settlement,
    ):
        app.include_router(module.router, prefix=API_PREFIX)
    app.include_router(kiosk_health.router, prefix=API_PREFIX)
    install_admin(app)
    app.include_router(member_routes.router)  # the member page, /me/...
    member_logs.install()
    return app
