"""Pop-up coworking in the web admin: the coming pop-ups, plan one, cancel one, its kiosk code
(shown once, as text and QR), and the network's setting whether a check-in there uses a guest
day (coordinators only). A space's manager plans and cancels only their own space's pop-ups."""

from __future__ import annotations

import base64
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from kiosk.core import messages
from kiosk.core.credentials import display_groups
from kiosk.core.qr import qr_png

from ...services import audit, popups, scope
from ...services.admin_sessions import SignedIn
from ...services.errors import DomainError
from ...services.network import get_network
from ...services.spaces import get_space
from ..render import page, when_text
from ..session import Checked, Posted, Who, database, lang_of
from ..texts import text
from .common import back, slug_of, space_names, space_options, who_actor

router = APIRouter()
FIELDS = ("place", "address", "town", "date", "start", "end", "host", "space")


def _list(
    request: Request,
    who: SignedIn,
    *,
    values: dict[str, str] | None = None,
    error: str = "",
    notice: str = "",
    code: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    with database(request).read() as session:
        space_id = None if scope.is_network(who) else who.space_id
        rows = popups.list_popups(session, space_id=space_id)
        options = space_options(session, who)
        names = space_names(session)
        own = slug_of(session, who.space_id)
        counts = get_network(session).popup_guest_day
    return page(
        request,
        "popups.html",
        status,
        rows=rows,
        options=options,
        names=names,
        values=values or {"space": own},
        error=error,
        notice=notice,
        code=code,
        counts=counts,
    )


@router.get("/admin/popups")
def show(request: Request, who: Who, notice: str = Query("", max_length=40)) -> Response:
    return _list(request, who, notice=text(f"popups.{notice}", lang_of(request)) if notice else "")


def _problem(exc: DomainError, lang: str) -> str:
    if exc.key:
        title, detail = messages.text(exc.key, exc.params, lang)
        return f"{title}: {detail}"
    return text("field.invalid", lang, message=exc.message)


@router.post("/admin/popups")
def add(request: Request, who: Checked, form: Posted) -> Response:
    values = {k: str(form.get(k, ""))[:400] for k in FIELDS}
    lang = lang_of(request)
    with database(request).read() as session:
        if not values["space"] and who.space_id is not None:
            values["space"] = slug_of(session, who.space_id)
        if values["space"]:
            scope.require_space(who, get_space(session, values["space"]).id)
        else:
            scope.require_network(who)
    request_ = popups.PopupRequest(
        place=values["place"], address=values["address"], town=values["town"], day=values["date"],
        start=values["start"], end=values["end"], host=values["host"], space=values["space"] or None,
    )  # fmt: skip
    try:
        with database(request).write() as session:
            popup = popups.add_popup(session, request_, actor=who_actor(who))
            scope.require_space(who, popup.space_id)  # a member host's home space, for a manager
            audit.record(
                session,
                actor=who_actor(who),
                action="popup.add",
                space_id=popup.space_id,
                detail=f"popup {popup.id}: {popup.place}, {popup.town}",
            )
    except DomainError as exc:
        if exc.status == 403:
            raise
        return _list(request, who, values=values, error=_problem(exc, lang), status=422)
    return back("/admin/popups", "added")


def _own_popup(request: Request, who: SignedIn, popup_id: int) -> None:
    with database(request).read() as session:
        scope.require_space(who, popups.get_popup(session, popup_id).space_id)


@router.post("/admin/popups/{popup_id}/cancel")
def cancel(request: Request, who: Checked, popup_id: int) -> Response:
    _own_popup(request, who, popup_id)
    with database(request).write() as session:
        popup = popups.cancel_popup(session, popup_id)
        audit.record(
            session,
            actor=who_actor(who),
            action="popup.cancel",
            space_id=popup.space_id,
            detail=f"popup {popup.id}",
        )
    return back("/admin/popups", "cancelled")


@router.post("/admin/popups/{popup_id}/code")
def code(request: Request, who: Checked, popup_id: int) -> Response:
    _own_popup(request, who, popup_id)
    try:
        with database(request).write() as session:
            made = popups.popup_code(session, popup_id)
            popup = popups.get_popup(session, popup_id)
            audit.record(
                session,
                actor=who_actor(who),
                action="popup.code",
                space_id=popup.space_id,
                detail=f"popup {popup.id}",
            )
            place, ends_at = popup.place, popup.ends_at
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        return _list(request, who, error=_problem(exc, lang_of(request)), status=409)
    shown: dict[str, Any] = {
        "text": made.text,
        "grouped": display_groups(made.text),
        "place": place,
        "until": when_text(request, ends_at),
        "qr": base64.b64encode(qr_png(made.text, box_size=6)).decode("ascii"),
    }
    return _list(request, who, code=shown)


@router.post("/admin/popups/setting")
def setting(request: Request, who: Checked, form: Posted) -> Response:
    scope.require_network(who)
    counts = str(form.get("guest_day", "")) == "on"
    with database(request).write() as session:
        popups.set_popup_guest_day(session, counts)
        audit.record(
            session, actor=who_actor(who), action="network.popup_guest_day", detail="on" if counts else "off"
        )
    return back("/admin/popups", "setting_saved")
