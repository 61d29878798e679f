"""Members: search, detail (usage this month, history), edit, pause or end, re-issue a pass."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ...services import audit, gdpr, member_admin, member_links, members, scope
from ...services.clock import utc_now
from ...services.errors import Invalid
from ...services.network import get_calendar, get_network, get_policy
from ...services.spaces import get_space, list_plans
from ..forms import MemberEdit, validate
from ..render import page
from ..session import Checked, Posted, Who, database, lang_of
from ..texts import text
from .common import back, slug_of, space_names, space_options, who_actor

router = APIRouter()
STATES = members.STATES


@router.get("/admin/members")
def search(
    request: Request,
    who: Who,
    q: str = Query("", max_length=200),
    space: str = Query("", max_length=200),
    plan: str = Query("", max_length=64),
    state: str = Query("", max_length=16),
) -> Response:
    with database(request).read() as session:
        space_id = scope.space_filter(session, who, space)
        found = member_admin.search(
            session, q, space_id=space_id, plan=plan or None, state=state if state in STATES else None
        )
        options = space_options(session, who)
        plans = [(p.code, p.name) for p in list_plans(session)]
        names = space_names(session)
        chosen = slug_of(session, space_id) if space else ""
    return page(
        request,
        "members.html",
        found=found,
        q=q,
        options=options,
        chosen=chosen,
        plans=plans,
        plan=plan,
        state=state,
        states=STATES,
        names=names,
        page_size=member_admin.PAGE,
    )


def _detail(
    request: Request,
    who: Any,
    number: int,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    notice: str = "",
    status: int = 200,
) -> Response:
    now = utc_now()
    with database(request).read() as session:
        member = scope.member_to_read(session, who, number)
        today = get_calendar(session).local_date(now)
        can_change = scope.is_network(who) or member.home_space_id == who.space_id
        usage = member_admin.usage_this_month(session, number, today)
        used = member_admin.guest_days_used(session, number, today)
        allowed = get_policy(session).guest_days_for(member.plan_code)
        history = member_admin.history(session, number)
        link_created = member_links.link_created_at(session, number) if can_change else None
        names = space_names(session)
        plans = [(p.code, p.name) for p in list_plans(session)]
        shown = {
            "display_name": member.display_name,
            "email": member.email or "",
            "phone": member.phone or "",
            "plan": member.plan_code,
        }
        data = {
            "number": member.number,
            "display_name": member.display_name,
            "state": member.state,
            "home": names.get(member.home_space_id, ""),
            "pass_serial": member.pass_serial,
            "email": member.email if can_change else None,
            "phone": member.phone if can_change else None,
        }
    return page(
        request,
        "member.html",
        status,
        m=data,
        can_change=can_change,
        usage=usage,
        used=used,
        allowed=allowed,
        month=today.month,
        history=history,
        link_created=link_created,
        names=names,
        plans=plans,
        values=values or shown,
        errors=errors or {},
        notice=notice,
    )


@router.get("/admin/members/{number}")
def detail(request: Request, who: Who, number: int, notice: str = Query("", max_length=40)) -> Response:
    return _detail(request, who, number, notice=text(f"members.{notice}", lang_of(request)) if notice else "")


@router.post("/admin/members/{number}")
def edit(request: Request, who: Checked, number: int, form: Posted) -> Response:
    values = {k: str(form.get(k, "")) for k in ("display_name", "email", "phone", "plan")}
    model, errors = validate(MemberEdit, values, lang_of(request))
    if model is None:
        with database(request).read() as session:
            scope.member_to_change(session, who, number)  # 403 first, then the form's errors
        return _detail(request, who, number, errors=errors, values=values, status=422)
    try:
        with database(request).write() as session:
            member = scope.member_to_change(session, who, number)
            member_admin.edit(
                session,
                member,
                who_actor(who),
                display_name=model.display_name,
                email=model.email,
                phone=model.phone,
                plan=model.plan,
            )
    except Invalid as exc:
        return _detail(request, who, number, errors={"plan": exc.message}, values=values, status=422)
    return back(f"/admin/members/{number}", "saved")


@router.post("/admin/members/{number}/state")
def set_state(request: Request, who: Checked, number: int, form: Posted) -> Response:
    state = str(form.get("state", ""))
    if state not in STATES:
        raise Invalid("unknown state")
    with database(request).write() as session:
        member = scope.member_to_change(session, who, number)
        member_admin.edit(session, member, who_actor(who), state=state)
    return back(f"/admin/members/{number}", "saved")


@router.post("/admin/members/{number}/reissue")
def reissue(request: Request, who: Checked, number: int) -> Response:
    """The new card as a PDF, straight to the browser: the secret is in it and nowhere else."""
    from ...printing import member_card, sheet_bytes  # reportlab: loaded when a card is printed

    with database(request).write() as session:
        member = scope.member_to_change(session, who, number)
        credential = member_admin.reissue(session, member, who_actor(who))
        card = member_card(
            network=get_network(session).name,
            display_name=member.display_name,
            home_space=get_space(session, member.home_space_id).name,
            code=credential.text,
        )
        pdf = sheet_bytes([card], title=f"pass {number}-{credential.serial}")
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="pass-{number}-{credential.serial}.pdf"'},
    )


@router.get("/admin/members/{number}/data")
def data_download(request: Request, who: Who, number: int) -> Response:
    with database(request).write() as session:
        member = scope.member_to_change(session, who, number)
        data = gdpr.member_data(session, member)
        audit.record(
            session,
            actor=who_actor(who),
            action="member.data_export",
            space_id=member.home_space_id,
            detail=f"member {number}",
        )
    body = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    return Response(
        body,
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="member-{number}.json"'},
    )


@router.post("/admin/members/{number}/erase")
def erase(request: Request, who: Checked, number: int, form: Posted) -> Response:
    lang = lang_of(request)
    confirm = str(form.get("confirm", "")).strip()
    with database(request).write() as session:
        member = scope.member_to_change(session, who, number)
        if confirm.casefold() not in {text("members.erase_word", code).casefold() for code in ("de", "en")}:
            wrong = True
        else:
            wrong = False
            gdpr.erase_member(session, member, who_actor(who))
    if wrong:
        return _detail(
            request, who, number, errors={"confirm": text("members.erase_wrong", lang)}, status=422
        )
    return back(f"/admin/members/{number}", "erased")
