"""Typed settings (pydantic-settings, env prefix ``COWORKING_``), loaded once and passed down."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from platformdirs import user_data_dir
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

APP_DIR_NAME = "coworking-netserver"
DB_FILE_NAME = "network.db"


class Settings(BaseSettings):
    """`database_url` wins over `data_dir`; by default a SQLite file in the user data dir."""

    model_config = SettingsConfigDict(env_prefix="COWORKING_", extra="ignore")

    database_url: str | None = None
    data_dir: Path | None = None
    host: str = "127.0.0.1"
    port: int = 8765
    # Every wait is bounded, and shorter than the kiosk client's read timeout (20 s), so a
    # client always gets an answer (503 with Retry-After when the server is overloaded).
    sqlite_busy_timeout_ms: int = 5_000  # SQLite: how long a writer waits for the file lock
    pg_lock_timeout_ms: int = 5_000  # PostgreSQL: how long a statement waits for a row lock
    pg_statement_timeout_ms: int = 10_000  # PostgreSQL: the longest any one statement may run
    pool_timeout_s: float = 5.0  # how long a request waits for a pooled connection
    write_wait_s: float = 5.0  # how long a writing request queues for a write slot (then 503)
    write_slots: int | None = None  # concurrent writers per process; default SQLite 1, PostgreSQL 8
    kiosk_threads: int = 4  # worker threads per process for the kiosk endpoints (api/threads.py)
    feed_poll_seconds: float = 60.0  # how often each server process looks for due calendar feeds; 0: never
    # how members reach this server, for the member page links the CLI prints (default http://host:port)
    public_url: str | None = None
    feed_fetch: bool = True  # False: this server never fetches calendar feeds (no outbound HTTP)
    log_json: bool = False  # JSON lines on stderr (api/logs.py); `serve` switches it on
    log_level: str = "INFO"
    metrics: bool = True  # /metrics at the root (api/metrics.py)
    # Behind a TLS-terminating reverse proxy: believe its X-Forwarded-Proto (admin cookies Secure)
    trust_forwarded_proto: bool = False

    @property
    def resolved_data_dir(self) -> Path:
        return (
            self.data_dir if self.data_dir is not None else Path(user_data_dir(APP_DIR_NAME, appauthor=False))
        )

    @property
    def base_url(self) -> str:
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    def member_page_url(self, secret: str, *, seen_at: str | None = None) -> str:
        """The member page link. `seen_at`: the address a request came to (the web admin passes
        its own), used when `public_url` is not set; else http://host:port of these settings."""
        base = self.public_url or seen_at or self.base_url
        return f"{base.rstrip('/')}/me/{secret}"

    @property
    def url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.resolved_data_dir / DB_FILE_NAME}"


def shown_database_url(url: str) -> str:
    """`url` for a terminal or a log: the password (in the authority or as a `password=`
    query parameter) replaced by ***."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return "(a database URL that cannot be parsed)"
    hidden = "password" in parsed.query
    if hidden:
        parsed = parsed.update_query_dict({"password": "PASSWORD-HIDDEN"})
    shown = parsed.render_as_string(hide_password=True)
    return shown.replace("PASSWORD-HIDDEN", "***") if hidden else shown


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
