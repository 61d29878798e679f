"""The web admin under /admin/: server-rendered pages (Jinja2, htmx) over the services.

`install(app)` adds the routes, the static files and the admin's error pages. Routes never
touch the database themselves: they open a transaction and call netserver/services (the
access checks are in services/scope.py). Such a route is a plain `def`, which FastAPI runs in
a worker thread, never an `async def`, which would run on the event loop the kiosks share; its
posted form comes in read already (`Posted`, session.py).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..services.errors import DomainError
from .headers import AdminHeadersMiddleware, is_admin_path
from .render import page
from .routes import ROUTERS
from .session import NeedSignIn

STATIC = Path(__file__).resolve().parent / "static"
Handler = Callable[[Request, Exception], Awaitable[Response]]


def is_admin(request: Request) -> bool:
    return is_admin_path(request.url.path)


def _status_of(exc: Exception) -> int:
    if isinstance(exc, DomainError):
        return exc.status
    if isinstance(exc, StarletteHTTPException):
        return exc.status_code
    return 422


def error_page(request: Request, status: int) -> Response:
    """A page that says what kind of refusal it is and nothing of the database."""
    key = status if status in (403, 404, 409) else 422
    if status == 401:
        key = 403
    return page(
        request, "error.html", status, title_key=f"error.{key}.title", detail_key=f"error.{key}.detail"
    )


def _wrap(original: Handler) -> Handler:
    async def handle(request: Request, exc: Exception) -> Response:
        if not is_admin(request):
            return await original(request, exc)
        return await run_in_threadpool(error_page, request, _status_of(exc))  # it reads the database

    return handle


async def _sign_in_first(request: Request, _exc: Exception) -> Response:
    if request.method == "GET":
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/admin/signin?reason=expired&next={quote(target)}", status_code=303)
    return RedirectResponse("/admin/signin?reason=expired", status_code=303)


def install(app: FastAPI) -> None:
    for router in ROUTERS:
        app.include_router(router, include_in_schema=False)
    app.mount("/admin/static", StaticFiles(directory=STATIC), name="admin-static")
    for kind in (DomainError, RequestValidationError, StarletteHTTPException):
        original = app.exception_handlers.get(kind)
        if original is not None:
            app.add_exception_handler(kind, _wrap(original))  # type: ignore[arg-type]
    app.add_exception_handler(NeedSignIn, _sign_in_first)

    app.add_middleware(AdminHeadersMiddleware)
