"""Kiosks: list with their health, enrollment codes shown as QR, revoke, re-enroll a replacement."""

from __future__ import annotations

import base64
from datetime import timedelta

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from kiosk.core.credentials import display_groups
from kiosk.core.qr import qr_png

from ...services import audit, dashboard, enrollment, kiosks, scope
from ...services.admin_sessions import SignedIn
from ...services.clock import utc_now
from ...services.spaces import get_space
from ..render import page, when_text
from ..session import Checked, Posted, Who, database, lang_of
from ..texts import text
from .common import back, slug_of, space_names, space_options, who_actor

router = APIRouter()
CODE_VALID = timedelta(days=7)


def _list(
    request: Request, who: Who, space: str, *, code: dict[str, str] | None = None, notice: str = ""
) -> Response:
    now = utc_now()
    with database(request).read() as session:
        space_id = scope.space_filter(session, who, space)
        states = dashboard.kiosk_states(session, space_id, now)
        options = space_options(session, who)
        names = space_names(session)
        chosen = slug_of(session, space_id) if space else ""
    return page(
        request,
        "kiosks.html",
        kiosks=states,
        options=options,
        names=names,
        chosen=chosen,
        code=code,
        notice=notice,
        health_fields=[f for f in dashboard.HEALTH_FIELDS if any(f in k.health for k in states)],
    )


@router.get("/admin/kiosks")
def show(
    request: Request, who: Who, space: str = Query("", max_length=200), notice: str = Query("", max_length=40)
) -> Response:
    return _list(request, who, space, notice=text(f"kiosks.{notice}", lang_of(request)) if notice else "")


def _new_code(request: Request, who: SignedIn, space_id: int) -> dict[str, str]:
    """A one-time enrollment code for the space, as text and QR (shown once, never stored)."""
    with database(request).write() as session:
        space = get_space(session, space_id)
        code = enrollment.create_enrollment_code(session, space.id, valid_for=CODE_VALID)
        audit.record(
            session,
            actor=who_actor(who),
            action="kiosk.code",
            space_id=space.id,
            detail=f"enrollment code {code.number}",
        )
        name = space.name
    png = base64.b64encode(qr_png(code.text, box_size=6)).decode("ascii")
    until = when_text(request, utc_now() + CODE_VALID)
    return {"text": code.text, "grouped": display_groups(code.text), "space": name, "qr": png, "until": until}


@router.post("/admin/kiosks/code")
def create_code(request: Request, who: Checked, form: Posted) -> Response:
    slug = str(form.get("space", ""))
    with database(request).read() as session:
        space_id = get_space(session, slug).id if slug else who.space_id
    scope.require_space(who, space_id)
    assert space_id is not None
    return _list(request, who, "", code=_new_code(request, who, space_id))


def _revoke(request: Request, who: SignedIn, kiosk_id: int, action: str) -> int:
    with database(request).write() as session:
        kiosk = kiosks.get_kiosk(session, kiosk_id)
        scope.require_space(who, kiosk.space_id)
        kiosks.revoke_kiosk(session, kiosk_id)
        audit.record(
            session,
            actor=who_actor(who),
            action=action,
            space_id=kiosk.space_id,
            detail=f"kiosk {kiosk.id} ({kiosk.name})",
        )
        return kiosk.space_id


@router.post("/admin/kiosks/{kiosk_id}/revoke")
def revoke(request: Request, who: Checked, kiosk_id: int) -> Response:
    _revoke(request, who, kiosk_id, "kiosk.revoke")
    return back("/admin/kiosks", "revoked_notice")


@router.post("/admin/kiosks/{kiosk_id}/replace")
def replace(request: Request, who: Checked, kiosk_id: int) -> Response:
    """Revoke the kiosk and show a new enrollment code for the same space (a replacement)."""
    space_id = _revoke(request, who, kiosk_id, "kiosk.replace")
    code = _new_code(request, who, space_id)
    return _list(request, who, "", code=code, notice=text("kiosks.replaced_notice", lang_of(request)))
