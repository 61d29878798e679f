"""Keep member page links out of the logs: uvicorn's access log line shows `/me/…` instead."""

from __future__ import annotations

import logging
import re

_LINK = re.compile(r"/me/(?!sw\.js|app\.js|icon\.svg)[A-Za-z0-9_\-]+")


class RedactMemberLinks(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.args and isinstance(record.args, tuple):
            record.args = tuple(_LINK.sub("/me/…", a) if isinstance(a, str) else a for a in record.args)
        if isinstance(record.msg, str):
            record.msg = _LINK.sub("/me/…", record.msg)
        return True


def install() -> None:
    """Idempotent: on uvicorn's access logger (the only one that logs request paths)."""
    logger = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, RedactMemberLinks) for f in logger.filters):
        logger.addFilter(RedactMemberLinks())
