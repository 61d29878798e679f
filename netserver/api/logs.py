"""Structured JSON logs (structlog) with a request id, and never a name, token, PIN or password.

`configure_logging()` sends every stdlib logger (ours, uvicorn's, SQLAlchemy's) through one
structlog formatter to stderr, one JSON object a line (journald and `jq` read it):
``{"timestamp": "...Z", "level": "info", "logger": "netserver.access", "event": "request",
"request_id": "...", "method": "GET", "route": "/api/v1/sync", "status": 200, "ms": 3.1}``.

`RequestLogMiddleware` gives every request an id (the caller's `X-Request-ID` when it is a
short plain token, else a new one), binds it for every log line of the request, returns it
in `X-Request-ID`, and writes the one access line (uvicorn's own access log is off: it would
print raw paths, and a member page's path is a secret). The route is the template
(`/me/{token}`), never the raw path.

Redaction is the last processor: keys that may hold secrets or names are dropped, and bearer
tokens, `cwk_`/`cwa_` tokens and passwords in URLs are masked inside any string.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import time
import uuid
from collections.abc import MutableMapping
from typing import Any

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# a stdlib logger: silent in a host that does not configure logging (the demo, the tests), JSON
# lines once configure_logging() ran (its formatter adds the bound request id)
access = logging.getLogger("netserver.access")

SECRET_KEYS = frozenset(
    {"token", "authorization", "password", "pin", "secret", "display_name", "name", "email", "phone"}
)
_PATTERNS = (
    (re.compile(r"(?i)bearer\s+[A-Za-z0-9._~+/=-]+"), "Bearer [redacted]"),
    (re.compile(r"\bcw[ka]_[A-Za-z0-9_-]{8,}"), "[redacted-token]"),
    (re.compile(r"(://[^:/@\s]+:)[^@\s]+@"), r"\1[redacted]@"),
)
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def scrub(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def _redact(_logger: Any, _method: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    event.pop("color_message", None)  # uvicorn's copy of the message with terminal colours
    for key in list(event):
        if key.lower() in SECRET_KEYS:
            event[key] = "[redacted]"
        elif isinstance(event[key], str):
            event[key] = scrub(event[key])
    return event


def _pid(_logger: Any, _method: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    event["pid"] = os.getpid()  # which worker
    return event


def configure_logging(level: str = "INFO") -> None:
    """JSON lines on stderr for the whole process (idempotent)."""
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.stdlib.ExtraAdder(),
        _pid,
    ]
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            _redact,
            structlog.processors.JSONRenderer(ensure_ascii=False),
        ],
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    handler.set_name("coworking-json")
    root = logging.getLogger()
    root.handlers = [h for h in root.handlers if h.get_name() != "coworking-json"] + [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers = []
        logging.getLogger(name).propagate = True
    logging.getLogger("uvicorn.access").disabled = True


class RequestLogMiddleware:
    """Pure ASGI: a request id for every request, its server time as a `Server-Timing` header
    (`app;dur=<ms>` until the answer starts: what a load test or the browser's developer tools
    can tell apart from the network and the client's own waiting), and one access line."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _incoming_id(scope) or uuid.uuid4().hex
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode("ascii")))
                ms = (time.perf_counter() - started) * 1000
                headers.append((b"server-timing", f"app;dur={ms:.1f}".encode("ascii")))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            fields = {
                "request_id": request_id,
                "method": scope.get("method"),
                "route": route_of(scope),
                "status": status,
                "ms": round((time.perf_counter() - started) * 1000, 1),
            }
            access.info("request", extra=fields)
            structlog.contextvars.unbind_contextvars("request_id")


def route_of(scope: Scope) -> str:
    """The matched route's template (`/me/{token}`: every path parameter's value replaced by its
    name); "unmatched" for a path no route knows, so a raw path never reaches a log or a label."""
    if scope.get("route") is None:
        return "/metrics" if scope.get("path") == "/metrics" else "unmatched"
    segments = str(scope.get("path", "")).split("/")
    for name, raw in (scope.get("path_params") or {}).items():
        segments = [f"{{{name}}}" if segment == str(raw) else segment for segment in segments]
    return "/".join(segments)


def _incoming_id(scope: Scope) -> str | None:
    for key, value in scope.get("headers", []):
        if key == b"x-request-id":
            text = value.decode("latin-1")
            return text if _REQUEST_ID.match(text) else None
    return None
