"""Schemas of the admin endpoints: Create / Update / Public per entity."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..services.member_fields import DisplayName, Email, MemberIn, Phone, PlanRef, SpaceRef
from ..services.member_fields import State as MemberStateIn
from .instants import Instant
from .text import (
    Code64,
    Line,
    Line100,
    Line200,
    Line300,
    Line1000,
    LongText,
    Name,
    ShortText,
    SpaceRefIn,
    Strict,
)

Id = Annotated[int, Field(ge=1, le=2_147_483_647)]
Pin = Annotated[Line, Field(min_length=6, max_length=32, pattern=r"^[0-9]+$")]


class Public(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class SpaceCreate(Strict):
    slug: Code64
    name: Name
    town: Line200 = ""
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
    code: Code64
    name: Line200 = ""
    guest_days_per_month: Annotated[int, Field(ge=0, le=31)]


class PlanPublic(Public):
    code: str
    name: str
    guest_days_per_month: int


class MemberCreate(MemberIn):
    """The same model as a row of an imported member list (services/member_fields.py)."""


class MemberUpdate(Strict):
    display_name: DisplayName | None = None
    home_space: SpaceRef | None = None
    plan: PlanRef = None
    email: Email = None
    phone: Phone = None
    state: MemberStateIn | None = None


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
    pin: Pin
    allow_same_name: bool = False  # a second person of the same name in this space


class StaffUpdate(Strict):
    active: bool | None = None
    pin: Pin | None = None


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
    title: Annotated[Line300, Field(min_length=1)]
    starts_at: Instant
    ends_at: Instant
    description: LongText = ""
    url: Line1000 = ""
    series_key: Line200 = ""


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
    category: Line100 = ""
    status: Literal["ok", "out_of_order", "maintenance"] = "ok"
    note: ShortText = ""


class EquipmentUpdate(Strict):
    status: Literal["ok", "out_of_order", "maintenance"]
    note: ShortText = ""


class EquipmentPublic(Public):
    id: int
    space_id: int
    name: str
    category: str
    status: str
    note: str


class TokenCreate(Strict):
    label: Line200 = ""


class TokenPublic(BaseModel):
    token: str


class MemberImportResult(BaseModel):
    created: int
    updated: int
    unchanged: int
    warnings: list[str] = []


class ImportRefusal(BaseModel):
    line: int
    column: str | None
    field: str | None
    message: str


class ImportChange(BaseModel):
    field: str
    old: str | None
    new: str | None


class ImportRow(BaseModel):
    line: int
    number: int
    display_name: str
    action: Literal["add", "change", "unchanged"]
    changes: list[ImportChange]


class MemberImportPreview(BaseModel):
    """What `POST /admin/members/import` would do (`?dry_run=true`); nothing is written."""

    source: str
    warnings: list[str]
    added: int
    changed: int
    unchanged: int
    refused: int
    rows: list[ImportRow]
    refusals: list[ImportRefusal]


class EventImportResult(BaseModel):
    created: int
    updated: int
    unchanged: int
    cancelled: int
    warnings: list[str]
    skipped: list[str] = []
