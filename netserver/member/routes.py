"""The member page under /me/: the pass, guest days, spaces, events, skills board, lost card.

Every route takes the link secret from the path and calls the services; a wrong link answers a
plain 404 page (no member data) and counts against the client address (429 after too many).
Responses carry `Referrer-Policy: no-referrer` (the path is a secret) and `Cache-Control:
no-store`; the service worker keeps its own copy for offline use.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..api.deps import Db
from ..services import link_limits, member_links, member_view, skills
from ..services.errors import Invalid, NotFound
from . import popups_view, texts
from .render import qr_svg, render

router = APIRouter(prefix="/me", include_in_schema=False)
STATIC = Path(__file__).resolve().parent / "static"
SECURITY_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex, nofollow",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
}


def _lang(request: Request) -> str:
    return texts.lang_of(request.query_params.get("lang"))


Lang = Annotated[str, Depends(_lang)]


def _html(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers=SECURITY_HEADERS)


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _message(lang: str, key: str, status: int) -> HTMLResponse:
    body = render(
        "message.html", lang, heading=texts.text(f"{key}.heading", lang), body=texts.text(f"{key}.body", lang)
    )
    response = _html(body, status)
    if status == 429:
        response.headers["Retry-After"] = str(int(link_limits.WINDOW.total_seconds()))
    return response


def _refused(db: Db, request: Request, lang: str) -> HTMLResponse:
    """The answer to a wrong link: counted, then the same 404 page for every wrong link."""
    with db.write() as session:
        link_limits.record_failure(session, _address(request))
    return _message(lang, "notfound", 404)


def _limited(db: Db, request: Request) -> bool:
    with db.read() as session:
        return link_limits.blocked(session, _address(request))


def _qs(lang: str) -> str:
    return "?lang=en" if lang == "en" else ""


async def _form(request: Request) -> dict[str, list[str]]:
    """The posted form, read on the event loop, so that the routes stay plain `def`s: FastAPI
    runs those in a worker thread, where their database work (a write may wait seconds for the
    lock) holds up nothing else."""
    raw = await request.body()
    if len(raw) > 10_000:
        return {}
    return parse_qs(raw.decode("utf-8", "replace"), keep_blank_values=True)


Posted = Annotated[dict[str, list[str]], Depends(_form)]


@router.get("/sw.js")
def service_worker() -> Response:
    return Response(
        (STATIC / "sw.js").read_bytes(),
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/me/"},
    )


@router.get("/app.js")
def app_js() -> Response:
    return Response((STATIC / "app.js").read_bytes(), media_type="text/javascript")


@router.get("/icon.svg")
def icon() -> Response:
    return Response((STATIC / "icon.svg").read_bytes(), media_type="image/svg+xml")


def page_response(
    db: Db,
    request: Request,
    secret: str,
    lang: str,
    notice: str = "",
    popup_form: dict[str, str] | None = None,
) -> HTMLResponse:
    if _limited(db, request):
        return _message(lang, "toomany", 429)
    with db.read() as session:
        try:
            view = member_links.resolve(session, secret)
        except NotFound:
            view = None
        page = member_view.member_page(session, view.member, lang) if view else None
        coming = popups_view.coming(session, view.member.number) if view else []
    if view is None or page is None:
        return _refused(db, request, lang)
    code = view.pass_text
    qr = qr_svg(code, texts.text("pass.qr_label", lang, code=code)) if code else ""
    actions = ("skills", "rotate", "lost", "popup")
    tokens = {action: member_links.form_token(secret, action) for action in actions}
    body = render(
        "page.html",
        lang,
        page=page,
        pass_text=code,
        qr=qr,
        base=f"/me/{secret}",
        qs=_qs(lang),
        tokens=tokens,
        notice=notice,
        popups=coming,
        popup_form=popup_form or {},
    )
    return _html(body)


@router.get("/{secret}", response_class=HTMLResponse)
def member_page(db: Db, request: Request, secret: str, lang: Lang) -> HTMLResponse:
    notice_key = request.query_params.get("done", "")
    notice = texts.text(notice_key, lang) if notice_key in texts.NOTICES else ""
    return page_response(db, request, secret, lang, notice)


@router.get("/{secret}/manifest.webmanifest")
def manifest(db: Db, request: Request, secret: str, lang: Lang) -> Response:
    if _limited(db, request):
        return _message(lang, "toomany", 429)
    with db.read() as session:
        try:
            member_links.resolve(session, secret)
        except NotFound:
            return _refused(db, request, lang)
    body = render(
        "manifest.webmanifest",
        lang,
        name=texts.text("page.title", lang),
        short_name=texts.text("page.title", lang),
        start_url=f"/me/{secret}{_qs(lang)}",
    )
    return Response(body, media_type="application/manifest+json", headers=SECURITY_HEADERS)


@router.get("/{secret}/lost", response_class=HTMLResponse)
def lost_confirm(db: Db, request: Request, secret: str, lang: Lang) -> HTMLResponse:
    if _limited(db, request):
        return _message(lang, "toomany", 429)
    with db.read() as session:
        try:
            view = member_links.resolve(session, secret)
        except NotFound:
            return _refused(db, request, lang)
        space = member_view.member_page(session, view.member, lang).home_space
    token = member_links.form_token(secret, "lost")
    return _html(render("lost.html", lang, space=space, token=token, base=f"/me/{secret}", qs=_qs(lang)))


def _redirect(secret: str, lang: str, done: str) -> RedirectResponse:
    query = f"?done={done}" + ("&lang=en" if lang == "en" else "")
    return RedirectResponse(f"/me/{secret}{query}", status_code=303, headers=SECURITY_HEADERS)


def _checked(
    db: Db, request: Request, secret: str, lang: str, action: str, form: dict[str, list[str]]
) -> dict[str, list[str]] | Response:
    """The posted `form` if the link is right and the form's token belongs to it and `action`."""
    if _limited(db, request):
        return _message(lang, "toomany", 429)
    with db.read() as session:
        try:
            member_links.resolve(session, secret)
        except NotFound:
            return _refused(db, request, lang)
    if not member_links.form_token_ok(secret, action, (form.get("token") or [""])[0]):
        return _html(render("message.html", lang, heading=texts.text("form.expired", lang), body=""), 403)
    return form


@router.post("/{secret}/lost")
def lost(db: Db, request: Request, secret: str, lang: Lang, posted: Posted) -> Response:
    form = _checked(db, request, secret, lang, "lost", posted)
    if isinstance(form, Response):
        return form
    with db.write() as session:
        member = member_links.report_lost_card(session, secret)
        space = member_view.member_page(session, member, lang).home_space
    body = texts.text("lost.done", lang, space=space)
    return page_response(db, request, secret, lang, body)


@router.post("/{secret}/rotate")
def rotate(db: Db, request: Request, secret: str, lang: Lang, posted: Posted) -> Response:
    form = _checked(db, request, secret, lang, "rotate", posted)
    if isinstance(form, Response):
        return form
    with db.write() as session:
        new = member_links.rotate(session, secret)
    return _redirect(new, lang, "link.rotated")


@router.post("/{secret}/skills")
def skills_setting(db: Db, request: Request, secret: str, lang: Lang, posted: Posted) -> Response:
    form = _checked(db, request, secret, lang, "skills", posted)
    if isinstance(form, Response):
        return form
    action = (form.get("action") or ["save"])[0]
    with db.write() as session:
        member = member_links.resolve(session, secret).member
        if action == "withdraw":
            skills.withdraw(session, member.number)
            return _redirect(secret, lang, "skills.withdrawn")
        try:
            skills.opt_in(
                session, member.number, (form.get("first_name") or [""])[0], form.get("topic") or []
            )
        except Invalid:
            error = True
        else:
            error = False
    if error:
        return page_response(db, request, secret, lang, texts.text("skills.error", lang))
    return _redirect(secret, lang, "skills.saved")


@router.post("/{secret}/popup")
def host_popup(db: Db, request: Request, secret: str, lang: Lang, posted: Posted) -> Response:
    """A member hosts a pop-up (netserver/member/popups_view.py)."""
    form = _checked(db, request, secret, lang, "popup", posted)
    if isinstance(form, Response):
        return form
    with db.write() as session:
        member = member_links.resolve(session, secret).member
        problem = popups_view.host(session, member, form, lang)
    if problem is not None:
        typed = {
            k: (form.get(k) or [""])[0][:400] for k in ("place", "address", "town", "date", "start", "end")
        }
        return page_response(db, request, secret, lang, problem, popup_form=typed)
    return _redirect(secret, lang, "popups.added")
