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
from .errors import ServerTimeMiddleware, install_error_handlers
from .routers import (
    admin_feeds,
    admin_files,
    admin_ops,
    admin_org,
    batches,
    checkins,
    enroll,
    health,
    kiosk_health,
    sync,
)

API_PREFIX = "/api/v1"


def create_app(settings: Settings | None = None, *, db: Database | None = None) -> FastAPI:
    """The app for `settings` (default: from the environment). Pass `db` to share one."""
    settings = settings or get_settings()
    database = db or Database(settings.url, busy_timeout_ms=settings.sqlite_busy_timeout_ms)

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
    install_error_handlers(app)
    app.add_middleware(ServerTimeMiddleware)
    for module in (health, enroll, sync, checkins, batches, admin_files, admin_feeds, admin_org, admin_ops):
        app.include_router(module.router, prefix=API_PREFIX)
    app.include_router(kiosk_health.router, prefix=API_PREFIX)
    app.include_router(member_routes.router)  # the member page, /me/...
    member_logs.install()
    return app
