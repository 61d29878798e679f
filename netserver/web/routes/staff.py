"""Staff of a space: list, add, reset a PIN, deactivate (kiosks learn it with their next sync)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ...services import audit, scope, staff
from ...services.admin_sessions import SignedIn
from ...services.errors import Invalid
from ...services.spaces import get_space
from ..forms import StaffAdd, StaffPin, validate
from ..render import page
from ..session import Checked, Posted, Who, database, lang_of
from ..texts import text
from .common import back, slug_of, space_names, space_options, who_actor

router = APIRouter()


def _list(
    request: Request,
    who: SignedIn,
    space: str,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    notice: str = "",
    status: int = 200,
) -> Response:
    with database(request).read() as session:
        space_id = scope.space_filter(session, who, space)
        rows = staff.list_staff(session, space_id)
        people = [
            {"id": r.id, "name": r.display_name, "space_id": r.space_id, "active": r.active} for r in rows
        ]
        options = space_options(session, who)
        names = space_names(session)
        chosen = slug_of(session, space_id) if space else ""
        own = slug_of(session, who.space_id)
    return page(
        request,
        "staff.html",
        status,
        people=people,
        options=options,
        names=names,
        chosen=chosen,
        errors=errors or {},
        values=values or {"space": chosen or own},
        notice=notice,
    )


@router.get("/admin/staff")
def show(
    request: Request, who: Who, space: str = Query("", max_length=200), notice: str = Query("", max_length=40)
) -> Response:
    return _list(request, who, space, notice=text(f"staff.{notice}", lang_of(request)) if notice else "")


@router.post("/admin/staff")
def add(request: Request, who: Checked, form: Posted) -> Response:
    values = {k: str(form.get(k, "")) for k in ("display_name", "space", "pin")}
    if not values["space"] and who.space_id is not None:
        with database(request).read() as session:
            values["space"] = slug_of(session, who.space_id)
    with database(request).read() as session:
        scope.require_space(who, get_space(session, values["space"]).id if values["space"] else None)
    model, errors = validate(StaffAdd, values, lang_of(request))
    if model is None:
        return _list(request, who, "", errors=errors, values={**values, "pin": ""}, status=422)
    with database(request).write() as session:
        row = staff.add_staff(session, display_name=model.display_name, space=model.space, pin=model.pin)
        audit.record(
            session,
            actor=who_actor(who),
            action="staff.add",
            space_id=row.space_id,
            staff_id=row.id,
            detail=f"staff {row.id}",
        )
    return back("/admin/staff", "added")


def _own_staff(request: Request, who: SignedIn, staff_id: int) -> None:
    with database(request).read() as session:
        scope.require_space(who, staff.get_staff(session, staff_id).space_id)


@router.post("/admin/staff/{staff_id}/pin")
def reset_pin(request: Request, who: Checked, staff_id: int, form: Posted) -> Response:
    _own_staff(request, who, staff_id)
    model, errors = validate(StaffPin, {"pin": str(form.get("pin", ""))}, lang_of(request))
    if model is None:
        return _list(request, who, "", errors={f"pin-{staff_id}": errors["pin"]}, status=422)
    with database(request).write() as session:
        row = staff.get_staff(session, staff_id)
        scope.require_space(who, row.space_id)
        try:
            staff.set_staff_pin(session, staff_id, model.pin)
        except Invalid:
            return _list(
                request, who, "", errors={f"pin-{staff_id}": text("field.pin", lang_of(request))}, status=422
            )
        audit.record(
            session,
            actor=who_actor(who),
            action="staff.pin_reset",
            space_id=row.space_id,
            staff_id=row.id,
            detail=f"staff {row.id}",
        )
    return back("/admin/staff", "pin_set")


@router.post("/admin/staff/{staff_id}/active")
def set_active(request: Request, who: Checked, staff_id: int, form: Posted) -> Response:
    active = str(form.get("active", "")) == "true"
    with database(request).write() as session:
        row = staff.get_staff(session, staff_id)
        scope.require_space(who, row.space_id)
        staff.set_staff_active(session, staff_id, active)
        audit.record(
            session,
            actor=who_actor(who),
            action="staff.activate" if active else "staff.deactivate",
            space_id=row.space_id,
            staff_id=row.id,
            detail=f"staff {row.id}",
        )
    return back("/admin/staff", "state_set")
