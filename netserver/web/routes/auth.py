"""Sign-in, sign-out, the one-time set-up link, the language switch."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from ...services import admin_sessions, admin_users, audit
from ...services.admin_sessions import SignInLocked
from ...services.errors import Invalid, NotFound
from ...services.network import get_calendar
from .. import session as web
from ..render import page
from ..texts import text

router = APIRouter()


def safe_next(target: str | None) -> str:
    """Only a path inside the admin (no other host, no scheme)."""
    if not target:
        return "/admin/dashboard"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/admin/") or target.startswith("//"):
        return "/admin/dashboard"
    return target


def _signin_page(
    request: Request,
    *,
    name: str = "",
    next_path: str = "",
    notice: str = "",
    kind: str = "ok",
    status: int = 200,
) -> Response:
    pre = request.cookies.get(web.PRE_COOKIE) or web.new_pre_token()
    response = page(
        request, "signin.html", status, pre=pre, next=next_path, name=name, notice=notice, notice_kind=kind
    )
    web.set_cookie(request, response, web.PRE_COOKIE, pre)
    return response


@router.get("/admin/signin")
def signin_form(request: Request, next: str = "", reason: str = "") -> Response:
    lang = web.lang_of(request)
    notice = {"expired": "signin.expired", "out": "signin.signed_out", "setup": "setup.done"}.get(reason)
    return _signin_page(request, next_path=safe_next(next), notice=text(notice, lang) if notice else "")


@router.post("/admin/signin", dependencies=[Depends(web.pre_csrf_checked)])
def signin(
    request: Request,
    name: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    next: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    lang = web.lang_of(request)
    db = web.database(request)
    try:
        with db.write() as session:
            signed = admin_sessions.sign_in(session, name, password, web.client_address(request))
    except SignInLocked as locked:
        with db.read() as session:
            until = get_calendar(session).local(locked.until).strftime("%H:%M:%S")
        return _signin_page(
            request,
            name=name,
            next_path=next,
            status=429,
            kind="bad",
            notice=text("signin.locked", lang, time=until),
        )
    if signed is None:
        return _signin_page(
            request, name=name, next_path=next, status=401, kind="bad", notice=text("signin.failed", lang)
        )
    token = signed[0]
    response = RedirectResponse(safe_next(next), status_code=303)
    web.set_cookie(request, response, web.COOKIE, token)
    response.delete_cookie(web.PRE_COOKIE, path=web.PATH)
    return response


@router.post("/admin/signout")
def signout(request: Request, who: web.Checked) -> Response:
    with web.database(request).write() as session:
        admin_sessions.sign_out(session, who)
    response = RedirectResponse("/admin/signin?reason=out", status_code=303)
    response.delete_cookie(web.COOKIE, path=web.PATH)
    return response


@router.get("/admin/setup/{token}")
def setup_form(request: Request, token: str) -> Response:
    with web.database(request).read() as session:
        user = admin_users.user_for_setup(session, token)
        name = user.name
    pre = request.cookies.get(web.PRE_COOKIE) or web.new_pre_token()
    response = page(request, "setup.html", pre=pre, token=token, user_name=name, error="")
    web.set_cookie(request, response, web.PRE_COOKIE, pre)
    return response


@router.post("/admin/setup/{token}", dependencies=[Depends(web.pre_csrf_checked)])
def setup(
    request: Request,
    token: str,
    password: Annotated[str, Form(max_length=1000)] = "",
    password2: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    lang = web.lang_of(request)
    error = ""
    with web.database(request).write() as session:
        user = admin_users.user_for_setup(session, token)
        name = user.name
        if password != password2:
            error = text("setup.mismatch", lang)
        else:
            try:
                admin_users.set_password(session, user, password)
                audit.record(
                    session,
                    actor=admin_sessions.actor(name),
                    action="admin.password_set",
                    space_id=user.space_id,
                )
            except Invalid:
                error = text("field.password", lang)
    if error:
        pre = request.cookies.get(web.PRE_COOKIE, "")
        return page(request, "setup.html", 422, pre=pre, token=token, user_name=name, error=error)
    return RedirectResponse("/admin/signin?reason=setup", status_code=303)


@router.get("/admin/lang/{code}")
def switch_language(request: Request, code: str, next: str = "") -> Response:
    if code not in ("de", "en"):
        raise NotFound("no such language")
    response = RedirectResponse(safe_next(next) if next != "/admin/signin" else next, status_code=303)
    response.set_cookie(
        web.LANG_COOKIE,
        code,
        max_age=365 * 86400,
        path=web.PATH,
        samesite="lax",
        httponly=True,
        secure=web.secure(request),
    )
    return response


@router.get("/admin")
@router.get("/admin/")
def home() -> Response:
    return RedirectResponse("/admin/dashboard", status_code=303)
