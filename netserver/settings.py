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
    sqlite_busy_timeout_ms: int = 15_000
    feed_poll_seconds: float = 60.0  # how often each server process looks for due calendar feeds; 0: never
    # how members reach this server, for the member page links the CLI prints (default http://host:port)
    public_url: str | None = None
    feed_fetch: bool = True  # False: this server never fetches calendar feeds (no outbound HTTP)

    @property
    def resolved_data_dir(self) -> Path:
        return (
            self.data_dir if self.data_dir is not None else Path(user_data_dir(APP_DIR_NAME, appauthor=False))
        )

    @property
    def base_url(self) -> str:
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    def member_page_url(self, secret: str) -> str:
        return f"{self.base_url}/me/{secret}"

    @property
    def url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.resolved_data_dir / DB_FILE_NAME}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
