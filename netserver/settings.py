"""Typed settings (pydantic-settings, env prefix ``COWORKING_``), loaded once and passed down."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from platformdirs import user_data_dir
from pydantic_settings import BaseSettings, SettingsConfigDict

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
    feed_poll_seconds: float = 60.0  # how often each server process looks for due calendar feeds; 0: never
    feed_fetch: bool = True  # False: this server never fetches calendar feeds (no outbound HTTP)
    log_json: bool = False  # JSON lines on stderr (api/logs.py); `serve` switches it on
    log_level: str = "INFO"
    metrics: bool = True  # /metrics at the root (api/metrics.py)

    @property
    def resolved_data_dir(self) -> Path:
        return (
            self.data_dir if self.data_dir is not None else Path(user_data_dir(APP_DIR_NAME, appauthor=False))
        )

    @property
    def url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.resolved_data_dir / DB_FILE_NAME}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
