"""Request and response schemas of the kiosk endpoints (docs/api.md)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from kiosk.core.verdicts import Reason

from .instants import Day, Instant
from .text import Line, ShortText, Strict

Nonce = Annotated[Line, Field(pattern=r"^[0-9a-f]{32}$", description="32 hex chars (new_nonce)")]
ClientId = Annotated[Line, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
SmallInt = Annotated[int, Field(ge=0, le=2_147_483_647)]
MAX_BATCH = 500


class Health(BaseModel):
    status: str
    server_time: str


class EnrollRequest(Strict):
    code: Annotated[Line, Field(min_length=1, max_length=200)]
    kiosk_name: Annotated[Line, Field(min_length=1, max_length=200)]


class SpaceRef(BaseModel):
    id: int
    name: str
    slug: str


class NetworkRef(BaseModel):
    name: str
    timezone: str


class PopupRef(BaseModel):
    """The pop-up a kiosk was enrolled for (docs/popups.md): its token ends at `ends_at`."""

    id: int
    place: str
    town: str
    starts_at: str
    ends_at: str


class EnrollResponse(BaseModel):
    token: str
    kiosk_id: int
    space: SpaceRef
    network: NetworkRef
    popup: PopupRef | None = None


class DayPassIn(Strict):
    id: ClientId
    space_id: SmallInt
    valid_on: Day
    number: SmallInt
    secret_hash: Annotated[Line, Field(pattern=r"^[0-9a-f]{64}$")]
    issued_at: Instant
    staff_id: SmallInt | None = None
    note: ShortText = ""


class RedeemRequest(Strict):
    nonce: Nonce
    code: Annotated[Line, Field(max_length=500)]
    scanned_at: Instant
    method: Literal["scan", "wedge"] = "scan"  # camera, or a USB keyboard-wedge scanner
    # A day pass this kiosk sold and has not uploaded yet, sent with its scan (same fields as in
    # POST /day-passes; stored once by its id, whichever arrives first).
    day_pass: DayPassIn | None = None


class RedeemMemberRequest(Strict):
    nonce: Nonce
    member_number: SmallInt
    staff_id: SmallInt
    scanned_at: Instant


class RedeemResponse(BaseModel):
    nonce: str
    verdict: dict[str, Any]
    duplicate: bool


class DayPassRef(Strict):
    valid_on: Day
    number: SmallInt


class CheckinFactIn(Strict):
    nonce: Nonce
    occurred_at: Instant
    space_id: SmallInt
    member_number: SmallInt | None = None
    pass_serial: SmallInt | None = None
    day_pass: DayPassRef | None = None
    reason: Reason
    admitted: bool
    counted: bool = False
    offline: bool = True
    method: Literal["scan", "wedge", "manual", "override"] = "scan"
    staff_id: SmallInt | None = None
    override_reason: ShortText | None = None


class CheckinBatch(Strict):
    items: Annotated[list[CheckinFactIn], Field(max_length=MAX_BATCH)]


class AnnulmentIn(Strict):
    id: ClientId
    nonce: Nonce
    staff_id: SmallInt | None = None
    reason: ShortText = ""
    at: Instant


class AnnulmentBatch(Strict):
    items: Annotated[list[AnnulmentIn], Field(max_length=MAX_BATCH)]


class DayPassBatch(Strict):
    items: Annotated[list[DayPassIn], Field(max_length=MAX_BATCH)]


class EquipmentStatusIn(Strict):
    id: ClientId
    equipment_id: SmallInt
    status: Literal["ok", "out_of_order", "maintenance"]
    note: ShortText = ""
    staff_id: SmallInt | None = None
    at: Instant


class EquipmentStatusBatch(Strict):
    items: Annotated[list[EquipmentStatusIn], Field(max_length=MAX_BATCH)]


class AuditIn(Strict):
    id: ClientId
    at: Instant
    staff_id: SmallInt | None = None
    action: Annotated[Line, Field(min_length=1, max_length=100)]
    detail: ShortText = ""


class AuditBatch(Strict):
    items: Annotated[list[AuditIn], Field(max_length=MAX_BATCH)]


class PresenceIn(Strict):
    """People at the space at some time in one hour (docs/presence.md)."""

    id: ClientId
    hour: Instant  # the start of a wall-clock hour of the network
    present: Annotated[int, Field(ge=0, le=100_000)]


class PresenceBatch(Strict):
    items: Annotated[list[PresenceIn], Field(max_length=MAX_BATCH)]


class ItemError(BaseModel):
    code: str
    message: str


class ItemResult(BaseModel):
    id: str
    status: Literal["stored", "duplicate", "rejected"]
    error: ItemError | None = None


class BatchResponse(BaseModel):
    results: list[ItemResult]


class SyncResponse(BaseModel):
    """See docs/api.md, "Delta sync". Lists are omitted when empty."""

    model_config = ConfigDict(extra="allow")

    cursor: str
    has_more: bool
    full: bool


class KioskHealthIn(Strict):
    """What a kiosk reports with every sync pass (docs/api.md, "Kiosk health")."""

    version: Annotated[Line, Field(max_length=64)]
    last_sync: Instant | None = None
    queue: SmallInt = 0
    offline_since: Instant | None = None
    camera: Literal["ok", "out_of_order", "none", "unknown"] = "unknown"
    decoder_fps: Annotated[float, Field(ge=0, le=1000)] | None = None


class KioskHealthOut(BaseModel):
    revoked: bool
    revoked_at: str | None = None
