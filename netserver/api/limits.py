"""Request bodies: a size limit per route, checked before the body is read, and no body read
at all for an authenticated route that comes without a token.

The old server read any body into memory before it looked at the token: an unauthenticated
400 MB POST to `/enroll` took a worker from 96 MB to 887 MB (issue 13). Now a declared
`Content-Length` over the limit is answered 413 at once; a body without one (chunked) is
counted while it arrives and cut off with 413 at the limit, so a worker holds at most one
limit's worth of a request.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

JSON_LIMIT = 2_000_000  # a batch of 500 check-ins is about 250 kB
ENROLL_LIMIT = 16_000  # an enrollment code and a kiosk name
FILE_LIMIT = 5_100_000  # the import endpoints take files up to 5 MB (routers/admin_files.py)
FILE_PATHS = ("/api/v1/admin/members/import", "/api/v1/admin/events/import")
OPEN_PATHS = ("/api/v1/enroll", "/api/v1/health")  # everything else under /api/v1 needs a token


def body_limit(path: str) -> int:
    if path in FILE_PATHS:
        return FILE_LIMIT
    if path == "/api/v1/enroll":
        return ENROLL_LIMIT
    return JSON_LIMIT


def _too_large(limit: int) -> str:
    return f"the request body is larger than {limit} bytes"


def _error(status: int, code: str, message: str) -> tuple[Message, Message]:
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    start: Message = {
        "type": "http.response.start",
        "status": status,
        "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ],
    }
    return start, {"type": "http.response.body", "body": body}


class BodyLimitMiddleware:
    """Pure ASGI: 413 `payload_too_large` over the route's limit, 401 before any body is read
    when an authenticated route has no bearer token."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        headers = dict(scope["headers"])
        limit = body_limit(path)
        if path.startswith("/api/v1/") and path not in OPEN_PATHS:
            token = headers.get(b"authorization", b"")
            if not token.lower().startswith(b"bearer ") or not token[7:].strip():
                await self._answer(send, 401, "unauthorized", "missing bearer token")
                return
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await self._answer(send, 413, "payload_too_large", _too_large(limit))
            return
        await self._counted(scope, receive, send, limit)

    async def _counted(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        received = 0
        refused = False
        started = False

        async def counting_receive() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit and not started:
                    refused = True
                    await self._answer(
                        send, 413, "payload_too_large", f"the request body is over {limit} bytes"
                    )
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if refused:
                return  # the 413 has been sent; the app's late answer goes nowhere
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not refused:
                raise
            # the app saw the cut-off body as a disconnect; the client has its 413

    @staticmethod
    async def _answer(send: Send, status: int, code: str, message: str) -> None:
        start, body = _error(status, code, message)
        await send(start)
        await send(body)
