"""Named loggers per subsystem and a daily rotating log file under platformdirs.

Logs carry member numbers, never names (DESIGN §9), and never the kiosk token.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

import platformdirs

APP_NAME = "coworking-kiosk"

db = logging.getLogger("kiosk.db")
sync = logging.getLogger("kiosk.sync")
net = logging.getLogger("kiosk.net")
checkin = logging.getLogger("kiosk.checkin")
enroll = logging.getLogger("kiosk.enroll")
scan = logging.getLogger("kiosk.scan")
ui = logging.getLogger("kiosk.ui")

_FORMAT = "%(asctime)s %(levelname)-7s %(name)-13s %(threadName)s: %(message)s"


def default_log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def log_to_stderr(level: int = logging.INFO) -> None:
    """The GUI also logs to standard error: the journal under systemd, the terminal otherwise."""
    root = logging.getLogger("kiosk")
    root.setLevel(min(root.level or level, level))
    if not any(getattr(handler, "_kiosk_stderr", False) for handler in root.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(_FORMAT))
        handler._kiosk_stderr = True  # type: ignore[attr-defined]
        root.addHandler(handler)


def setup_logging(log_dir: Path | None = None, *, level: int = logging.INFO, keep_days: int = 14) -> Path:
    """Install a daily rotating file handler on the `kiosk` logger; returns the log file path.

    Idempotent: a second call with the same file adds nothing.
    """
    directory = log_dir or default_log_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "kiosk.log"
    root = logging.getLogger("kiosk")
    root.setLevel(level)
    for handler in root.handlers:
        if (
            isinstance(handler, logging.handlers.TimedRotatingFileHandler)
            and Path(handler.baseFilename) == path.resolve()
        ):
            return path
    handler = logging.handlers.TimedRotatingFileHandler(
        path, when="midnight", backupCount=keep_days, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    return path
