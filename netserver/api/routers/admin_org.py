"""Admin: spaces, plans, members, passes, admin tokens."""

from __future__ import annotations

import base64
from typing import Annotated

from fastapi import APIRouter, Path

from kiosk.core.qr import qr_png

from ...services import audit, members, passes, spaces, tokens
from ...services.network import DEFAULT_PLAN
from ..admin_schemas import (
    IssuedPass,
    MemberCreate,
    MemberPublic,
    MemberUpdate,
    PlanCreate,
    PlanPublic,
    SpaceCreate,
    SpacePublic,
    TokenCreate,
    TokenPublic,
)
from ..deps import CurrentAdmin, ReadSession, WriteSession

router = APIRouter(prefix="/admin", tags=["admin"])
MemberNumber = Annotated[int, Path(ge=1, le=33_554_431)]


@router.get("/spaces", response_model=list[SpacePublic])
def list_spaces(_: CurrentAdmin, session: ReadSession) -> list[SpacePublic]:
    return [SpacePublic.model_validate(s) for s in spaces.list_spaces(session)]


@router.post("/spaces", response_model=SpacePublic, status_code=201)
def add_space(body: SpaceCreate, who: CurrentAdmin, session: WriteSession) -> SpacePublic:
    space = spaces.add_space(
        session, slug=body.slug, name=body.name, town=body.town, space_id=body.id, lat=body.lat, lon=body.lon
    )
    audit.record(session, actor=who.actor, action="space.add", detail=space.slug, space_id=space.id)
    return SpacePublic.model_validate(space)


@router.get("/plans", response_model=list[PlanPublic])
def list_plans(_: CurrentAdmin, session: ReadSession) -> list[PlanPublic]:
    return [PlanPublic.model_validate(p) for p in spaces.list_plans(session)]


@router.post("/plans", response_model=PlanPublic, status_code=201)
def add_plan(body: PlanCreate, who: CurrentAdmin, session: WriteSession) -> PlanPublic:
    plan = spaces.add_plan(
        session, code=body.code, name=body.name, guest_days_per_month=body.guest_days_per_month
    )
    audit.record(session, actor=who.actor, action="plan.add", detail=plan.code)
    return PlanPublic.model_validate(plan)


@router.post("/members", response_model=MemberPublic, status_code=201)
def add_member(body: MemberCreate, who: CurrentAdmin, session: WriteSession) -> MemberPublic:
    data = body.model_dump()
    data.update(plan=body.plan or DEFAULT_PLAN, state=body.state.value)
    member = members.add_member(session, **data)
    audit.record(session, actor=who.actor, action="member.add", detail=str(member.number))
    return MemberPublic.model_validate(member)


@router.get("/members/{number}", response_model=MemberPublic)
def get_member(number: MemberNumber, _: CurrentAdmin, session: ReadSession) -> MemberPublic:
    return MemberPublic.model_validate(members.get_member(session, number))


@router.patch("/members/{number}", response_model=MemberPublic)
def update_member(
    number: MemberNumber, body: MemberUpdate, who: CurrentAdmin, session: WriteSession
) -> MemberPublic:
    member = members.update_member(session, number, **body.model_dump(exclude_unset=True))
    audit.record(session, actor=who.actor, action="member.update", detail=str(number))
    return MemberPublic.model_validate(member)


@router.post("/members/{number}/passes", response_model=IssuedPass, status_code=201)
def issue_pass(number: MemberNumber, who: CurrentAdmin, session: WriteSession) -> IssuedPass:
    credential = passes.issue_pass(session, number)
    audit.record(session, actor=who.actor, action="pass.issue", detail=f"{number}/{credential.serial}")
    png = base64.b64encode(qr_png(credential.text)).decode("ascii")
    return IssuedPass(member_number=number, serial=credential.serial, code=credential.text, png_base64=png)


@router.post("/tokens", response_model=TokenPublic, status_code=201)
def create_token(body: TokenCreate, who: CurrentAdmin, session: WriteSession) -> TokenPublic:
    token = tokens.create_admin_token(session, body.label)
    audit.record(session, actor=who.actor, action="admin_token.create", detail=body.label)
    return TokenPublic(token=token)
