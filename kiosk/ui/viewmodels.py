"""Plain data the screens render (Qt-free). Presenters build these from the services' records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class EventItem:
    id: int
    title: str
    space_id: int
    space_name: str
    starts_at: datetime  # network-local, aware
    ends_at: datetime | None = None
    url: str | None = None
    series_key: str | None = None
    cancelled: bool = False


@dataclass(frozen=True)
class SeriesHint:
    """ "Missed it? Next date: Werben, Thu 28 Nov": the next date of a series that ran lately."""

    title: str
    space_name: str
    day: date
    url: str | None = None


@dataclass(frozen=True)
class EquipmentItem:
    id: int
    name: str
    category: str
    space_id: int
    space_name: str
    status: str  # "ok" | "out_of_order" | "maintenance"
    note: str = ""


@dataclass(frozen=True)
class ElsewhereItem:
    """Equipment we lack, and the spaces in the region that have it in working order."""

    category: str
    name: str
    space_names: tuple[str, ...]


@dataclass(frozen=True)
class PopupItem:
    """A pop-up coworking day of the region (docs/popups.md): a place, a time, its host space."""

    id: int
    place: str
    address: str
    town: str
    space_name: str
    starts_at: datetime  # network-local, aware
    ends_at: datetime


@dataclass(frozen=True)
class LobbyContent:
    space_name: str
    today_here: tuple[EventItem, ...]
    week_region: tuple[EventItem, ...]
    hints: tuple[SeriesHint, ...]
    ours: tuple[EquipmentItem, ...]
    elsewhere: tuple[ElsewhereItem, ...]
    popups: tuple[PopupItem, ...] = ()


@dataclass(frozen=True)
class MemberRow:
    number: int
    display_name: str
    home_space: str
    state: str


@dataclass(frozen=True)
class CheckinRow:
    nonce: str
    at: datetime  # network-local
    member_number: int | None
    display_name: str
    reason: str
    admitted: bool
    offline: bool
    method: str
    annulled: bool = False
    override_reason: str = ""
    person: object = None  # who was let in: the same for every scan of one member or day pass
    left_at: datetime | None = None  # network-local: checked out by a second scan (docs/presence.md)


@dataclass(frozen=True)
class ConflictRow:
    member_number: int
    display_name: str
    month: str
    spaces: str
    detected_at: datetime | None


@dataclass(frozen=True)
class SyncView:
    online: bool
    reason_key: str | None
    last_success: datetime | None
    last_error_key: str | None
    pending: int
    clock_skew_seconds: float
    next_attempt: datetime | None = None
