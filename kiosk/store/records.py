"""Plain, frozen rows the store hands to the UI and the services (no sqlite3.Row escapes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from kiosk.core.verdicts import Verdict


class OutboxKind(StrEnum):
    """What waits for upload, and the endpoint it goes to. Lower priority number goes first."""

    DAY_PASS = "day_pass"
    CHECKIN = "checkin"
    ANNULMENT = "annulment"
    EQUIPMENT = "equipment"
    AUDIT = "audit"
    PRESENCE = "presence"  # hourly counts of who is here (kiosk/store/presence.py)

    @property
    def path(self) -> str:
        return _PATHS[self]


_PATHS = {
    OutboxKind.DAY_PASS: "/api/v1/day-passes",
    OutboxKind.CHECKIN: "/api/v1/checkins",
    OutboxKind.ANNULMENT: "/api/v1/annulments",
    OutboxKind.EQUIPMENT: "/api/v1/equipment-status",
    OutboxKind.AUDIT: "/api/v1/audit",
    OutboxKind.PRESENCE: "/api/v1/presence",
}

# Upload order: a day pass before the check-ins that use it, check-ins before their undo,
# denied scans last (statistics and support only).
PRIORITY_DAY_PASS = 0
PRIORITY_ADMITTED = 10
PRIORITY_ANNULMENT = 20
PRIORITY_EQUIPMENT = 30
PRIORITY_AUDIT = 40
PRIORITY_DENIED = 50


@dataclass(frozen=True, slots=True)
class Space:
    id: int
    slug: str
    name: str
    town: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class CheckinRow:
    """One of this kiosk's check-ins (today's list at the desk)."""

    nonce: str
    occurred_at: datetime
    day: date
    member_number: int | None
    display_name: str | None
    reason: str
    admitted: bool
    counted: bool
    offline: bool
    method: str
    staff_id: int | None
    override_reason: str | None
    annulled: bool
    uploaded: bool
    day_pass_number: int | None = None


@dataclass(frozen=True, slots=True)
class Event:
    id: int
    space_id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    description: str | None
    url: str | None
    series_key: str | None
    cancelled: bool


@dataclass(frozen=True, slots=True)
class Equipment:
    id: int
    space_id: int
    name: str
    category: str | None
    status: str
    note: str | None


@dataclass(frozen=True, slots=True)
class Overshoot:
    id: int
    member_number: int
    month: str
    space_ids: tuple[int, ...]
    nonces: tuple[str, ...]
    detected_at: datetime | None
    display_name: str | None


@dataclass(frozen=True, slots=True)
class StaffRecord:
    id: int
    display_name: str
    pin_hash: str
    active: bool


@dataclass(frozen=True, slots=True)
class OutboxItem:
    id: str
    kind: OutboxKind
    payload: dict[str, object]
    attempts: int


@dataclass(frozen=True)
class NewCheckin:
    """A check-in about to be stored: the verdict plus how and by whom."""

    nonce: str
    occurred_at: datetime
    space_id: int
    verdict: Verdict
    method: str
    member_number: int | None = None
    pass_serial: int | None = None
    day_pass_valid_on: date | None = None
    day_pass_number: int | None = None
    staff_id: int | None = None
    override_reason: str | None = None
    on_server: bool = False  # redeemed online: the server already has it, nothing to upload
