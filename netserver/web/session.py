"""The signed-in user of a request: the session cookie, CSRF checks, the language.

- `cw_admin`: the session token (HttpOnly, SameSite=Lax, Path=/admin, Secure when the request
  came over TLS; `X-Forwarded-Proto: https` counts only with COWORKING_TRUST_FORWARDED_PROTO).
- Every state-changing request (POST) carries the session's CSRF token, as the form field
  `csrf` or the `X-CSRF-Token` header (htmx); otherwise 403 before anything is done.
- The sign-in form, which has no session yet, carries a token that must match the `cw_pre`
  cookie (double submit).
- `cw_lang`: "de" (default) or "en".
"""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated, Final

from fastapi import Depends, Request, Response
from starlette.datastructures import FormData

from kiosk.core.messages import language

from ..db import Database
from ..services import admin_sessions
from ..services.admin_sessions import SignedIn
from ..services.errors import Forbidden
from ..settings import Settings

COOKIE: Final = "cw_admin"
PRE_COOKIE: Final = "cw_pre"
LANG_COOKIE: Final = "cw_lang"
PATH: Final = "/admin"


class NeedSignIn(Exception):
    """No live session: the answer is the sign-in page (a redirect to it)."""


def database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def secure(request: Request) -> bool:
    if request.url.scheme == "https":
        return True
    settings: Settings = request.app.state.settings
    if settings.trust_forwarded_proto:
        return request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower() == "https"
    return False


def set_cookie(
    request: Request, response: Response, name: str, value: str, max_age: int | None = None
) -> None:
    response.set_cookie(
        name, value, max_age=max_age, path=PATH, httponly=True, samesite="lax", secure=secure(request)
    )


def lang_of(request: Request) -> str:
    return language(request.cookies.get(LANG_COOKIE, "de"))


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def signed_in(request: Request) -> SignedIn:
    token = request.cookies.get(COOKIE, "")
    db = database(request)
    with db.read() as session:
        found = admin_sessions.current(session, token)
    if found is None:
        raise NeedSignIn()
    who, stale = found
    if stale:
        with db.write() as session:
            admin_sessions.touch(session, who.session_id)
    request.state.who = who
    return who


Who = Annotated[SignedIn, Depends(signed_in)]


def _same(given: str, expected: str) -> bool:
    return bool(given) and hmac.compare_digest(given.encode(), expected.encode())


async def _given_token(request: Request) -> str:
    header = request.headers.get("x-csrf-token", "")
    if header:
        return header
    if request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/")
    ):
        form = await request.form(max_part_size=8 * 1024 * 1024)
        value = form.get("csrf", "")
        return value if isinstance(value, str) else ""
    return ""


async def csrf_checked(request: Request, who: Who) -> SignedIn:
    """For every POST of a signed-in user: the session's CSRF token, or 403."""
    if not _same(await _given_token(request), who.csrf):
        raise Forbidden("the form's security token is missing or wrong: reload the page")
    return who


Checked = Annotated[SignedIn, Depends(csrf_checked)]


async def posted_form(request: Request) -> FormData:
    """The posted form, read on the event loop (usually already read by `csrf_checked`), so
    that a route taking it stays a plain `def`: FastAPI runs those in a worker thread, and their
    database work (a write may wait seconds for the lock) never holds up the event loop, which
    serves the kiosks too. An `async def` route must not touch the database (tests/web/test_off_loop.py)."""
    return await request.form()


Posted = Annotated[FormData, Depends(posted_form)]


def new_pre_token() -> str:
    return secrets.token_urlsafe(24)


async def pre_csrf_checked(request: Request) -> None:
    """For the sign-in and set-up forms: the form's token matches the `cw_pre` cookie."""
    if not _same(await _given_token(request), request.cookies.get(PRE_COOKIE, "")):
        raise Forbidden("the form's security token is missing or wrong: reload the page")
