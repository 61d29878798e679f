"""Schemas of the admin endpoints: Create / Update / Public per entity."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

Name = Annotated[str, Field(min_length=1, max_length=200)]
SpaceRefIn = Annotated[int | str, Field(description="space id or slug")]
Id = Annotated[int, Field(ge=1, le=2_147_483_647)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Public(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class SpaceCreate(Strict):
    slug: Annotated[str, Field(min_length=1, max_length=64)]
    name: Name
    town: Annotated[str, Field(max_length=200)] = ""
    id: Annotated[int, Field(ge=1, le=1023)] | None = None
    lat: Annotated[float, Field(ge=-90, le=90)] | None = None
    lon: Annotated[float, Field(ge=-180, le=180)] | None = None


class SpacePublic(Public):
    id: int
    slug: str
    name: str
    town: str
    lat: float | None
    lon: float | None


class PlanCreate(Strict):
    code: Annotated[str, Field(min_length=1, max_length=64)]
    name: Annotated[str, Field(max_length=200)] = ""
    guest_days_per_month: Annotated[int, Field(ge=0, le=31)]


class PlanPublic(Public):
    code: str
    name: str
    guest_days_per_month: int


State = Literal["active", "paused", "ended"]


class MemberCreate(Strict):
    display_name: Name
    home_space: SpaceRefIn
    plan: Annotated[str, Field(min_length=1, max_length=64)] = "standard"
    number: Annotated[int, Field(ge=1, le=33_554_431)] | None = None
    email: Annotated[str, Field(max_length=320)] | None = None
    phone: Annotated[str, Field(max_length=64)] | None = None
    state: State = "active"


class MemberUpdate(Strict):
    display_name: Name | None = None
    home_space: SpaceRefIn | None = None
    plan: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    email: Annotated[str, Field(max_length=320)] | None = None
    phone: Annotated[str, Field(max_length=64)] | None = None
    state: State | None = None


class MemberPublic(Public):
    number: int
    display_name: str
    email: str | None
    phone: str | None
    home_space_id: int
    state: str
    plan_code: str
    pass_serial: int


class IssuedPass(BaseModel):
    member_number: int
    serial: int
    code: str
    png_base64: str


class StaffCreate(Strict):
    display_name: Name
    space: SpaceRefIn
    pin: Annotated[str, Field(min_length=6, max_length=32, pattern=r"^[0-9]+$")]


class StaffUpdate(Strict):
    active: bool | None = None
    pin: Annotated[str, Field(min_length=6, max_length=32, pattern=r"^[0-9]+$")] | None = None


class StaffPublic(Public):
    id: int
    display_name: str
    space_id: int
    active: bool


class EnrollmentCodeCreate(Strict):
    space: SpaceRefIn
    valid_days: Annotated[int, Field(ge=1, le=365)] = 7


class EnrollmentCodePublic(BaseModel):
    code: str
    space_id: int
    number: int
    png_base64: str


class KioskPublic(Public):
    id: int
    space_id: int
    name: str
    created_at: datetime
    last_seen_at: datetime | None
    revoked_at: datetime | None


class EventCreate(Strict):
    space: SpaceRefIn
    title: Annotated[str, Field(min_length=1, max_length=300)]
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    description: Annotated[str, Field(max_length=10_000)] = ""
    url: Annotated[str, Field(max_length=1000)] = ""
    series_key: Annotated[str, Field(max_length=200)] = ""


class EventPublic(Public):
    id: int
    space_id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    description: str
    url: str
    series_key: str
    cancelled: bool


class EquipmentCreate(Strict):
    space: SpaceRefIn
    name: Name
    category: Annotated[str, Field(max_length=100)] = ""
    status: Literal["ok", "out_of_order", "maintenance"] = "ok"
    note: Annotated[str, Field(max_length=2000)] = ""


class EquipmentUpdate(Strict):
    status: Literal["ok", "out_of_order", "maintenance"]
    note: Annotated[str, Field(max_length=2000)] = ""


class EquipmentPublic(Public):
    id: int
    space_id: int
    name: str
    category: str
    status: str
    note: str


class TokenCreate(Strict):
    label: Annotated[str, Field(max_length=200)] = ""


class TokenPublic(BaseModel):
    token: str


class MemberImportResult(BaseModel):
    created: int
    updated: int
    unchanged: int


class EventImportResult(BaseModel):
    created: int
    updated: int
    unchanged: int
    cancelled: int
    warnings: list[str]
