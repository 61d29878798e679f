"""Records the rules read: members, day passes, visits and the network policy."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from .calendar import DEFAULT_TIMEZONE

DEFAULT_GUEST_DAYS = 1


class MemberState(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    ENDED = "ended"


@dataclass(frozen=True, slots=True)
class MemberRecord:
    """A member as the roster knows them: nothing a kiosk does not need (DESIGN §9)."""

    number: int
    display_name: str
    home_space_id: int
    state: MemberState
    plan: str
    pass_serial: int
    secret_hash: str


@dataclass(frozen=True, slots=True)
class DayPassRecord:
    """A day pass issued by staff: valid at one space on one date."""

    space_id: int
    valid_on: date
    number: int
    secret_hash: str
    revoked: bool = False


@dataclass(frozen=True, slots=True)
class Visit:
    """An admission the rules can see: synced usage or one of this kiosk's own check-ins."""

    member_number: int
    space_id: int
    day: date  # the network-local date
    counted: bool  # whether it used a guest day


def _frozen(mapping: Mapping[str, int]) -> Mapping[str, int]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Policy:
    """Network policy: its time zone and guest days per calendar month per plan.

    Allowances do not roll over: each month starts afresh. `popup_guest_day`: whether a
    check-in at a pop-up (docs/popups.md) uses a guest day like one at a partner space
    (default: no, it is welcomed without counting).
    """

    timezone: str = DEFAULT_TIMEZONE
    default_guest_days: int = DEFAULT_GUEST_DAYS
    plan_guest_days: Mapping[str, int] = field(default_factory=dict)
    popup_guest_day: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "plan_guest_days", _frozen(self.plan_guest_days))
        if self.default_guest_days < 0 or any(v < 0 for v in self.plan_guest_days.values()):
            raise ValueError("guest days per month cannot be negative")

    def guest_days_for(self, plan: str) -> int:
        return self.plan_guest_days.get(plan, self.default_guest_days)


def new_nonce() -> str:
    """The identity of one scan everywhere: retries, upload, undo."""
    return uuid.uuid4().hex
