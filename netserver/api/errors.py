"""Error bodies `{"error": {"code", "message", "details"}}` and the `X-Server-Time` header."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kiosk.core.wire import iso_utc

from ..services.clock import utc_now
from ..services.errors import DomainError
from .deps import authenticate_unchecked

log = logging.getLogger("netserver.api")

_HTTP_CODES = {
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    422: "validation_error",
}


def error_response(status: int, code: str, message: str, details: Any = None) -> JSONResponse:
    body: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        body["details"] = jsonable_encoder(details)
    return JSONResponse({"error": body}, status_code=status)


async def _domain(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    response = error_response(exc.status, exc.code, exc.message, exc.details)
    retry_after = getattr(exc, "retry_after", None)  # Overloaded (503), TooManyAttempts (429)
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


# PostgreSQL SQLSTATEs that mean "not now" rather than "wrong": lock_timeout, statement_timeout
# or cancel, too many connections, server shutting down, and the connection classes (08...).
_BUSY_SQLSTATES = ("55P03", "57014", "53300", "57P01", "57P02", "57P03")


def is_overload(exc: OperationalError) -> bool:
    """True for a bounded wait that ran out (SQLite busy/locked, a PostgreSQL lock or statement
    timeout, an unavailable database); False for other operational errors (a missing table)."""
    orig = exc.orig
    sqlstate = str(getattr(orig, "sqlstate", "") or "")
    if sqlstate:
        return sqlstate in _BUSY_SQLSTATES or sqlstate.startswith("08")
    text = str(orig).lower()
    return "locked" in text or "busy" in text or "connection" in text


def _busy(retry_after: int) -> JSONResponse:
    response = error_response(503, "overloaded", "the server is busy, please try again shortly")
    response.headers["Retry-After"] = str(retry_after)
    return response


async def _operational(request: Request, exc: Exception) -> JSONResponse:
    """A bounded wait ran out: 503 with Retry-After (the transaction was rolled back)."""
    assert isinstance(exc, OperationalError)
    if not is_overload(exc):
        return await _unexpected(request, exc)
    log.warning("overloaded: %s %s: %s", request.method, request.url.path, exc.orig)
    return _busy(2)


async def _pool_timeout(request: Request, exc: Exception) -> JSONResponse:
    log.warning("overloaded: %s %s: no database connection free in time", request.method, request.url.path)
    return _busy(2)


async def _validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    try:
        await authenticate_unchecked(request)
    except DomainError as denied:  # 401 / 403 come before the request's validation
        return await _domain(request, denied)
    except OperationalError as busy:
        return await _operational(request, busy)
    except PoolTimeout as busy:
        return await _pool_timeout(request, busy)
    details = [
        {"loc": list(err.get("loc", ())), "msg": str(err.get("msg", "")), "type": str(err.get("type", ""))}
        for err in exc.errors()
    ]
    first = details[0] if details else {"loc": [], "msg": "invalid request"}
    where = ".".join(str(part) for part in first["loc"])
    return error_response(
        422, "validation_error", f"{where}: {first['msg']}" if where else str(first["msg"]), details
    )


async def _http(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    code = _HTTP_CODES.get(status, "validation_error" if 400 <= status < 500 else "server_error")
    return error_response(status, code, str(exc.detail))


async def _data_error(request: Request, exc: Exception) -> JSONResponse:
    """Safety net: the database refused a value (NUL, too long, out of range). The request
    schemas (netserver/api/text.py) should have refused it first, so this is a bug, logged as
    one; the client still gets the 422 its input deserves, not a 500. The transaction was
    rolled back by the session dependency."""
    assert isinstance(exc, DataError)
    log.error(
        "BUG: the database refused a value the request schema let through (%s %s): %s",
        request.method,
        request.url.path,
        exc.orig,
        exc_info=exc,
    )
    return error_response(422, "validation_error", "a value does not fit the database")


async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=exc)
    response = error_response(500, "server_error", "the server had an unexpected problem")
    # Starlette answers this one outside all middleware: add the server time here.
    response.headers["X-Server-Time"] = iso_utc(utc_now())
    return response


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(DataError, _data_error)
    app.add_exception_handler(OperationalError, _operational)
    app.add_exception_handler(PoolTimeout, _pool_timeout)
    app.add_exception_handler(Exception, _unexpected)


class ServerTimeMiddleware:
    """Pure ASGI middleware: `X-Server-Time` on every response, errors and 500s included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_time(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-server-time", iso_utc(utc_now()).encode("ascii")))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_time)
