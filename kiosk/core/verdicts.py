"""The verdict vocabulary: a closed set of reasons and the verdict itself."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class Reason(StrEnum):
    # admitted
    HOME_MEMBER = "home_member"
    GUEST_DAY = "guest_day"
    ALREADY_TODAY = "already_today"
    STAFF_OVERRIDE = "staff_override"
    DAY_PASS = "day_pass"
    POPUP_VISIT = "popup_visit"  # at a pop-up, no guest day used (issue 19)
    # denied
    GUEST_DAYS_USED = "guest_days_used"
    MEMBERSHIP_INACTIVE = "membership_inactive"
    PASS_REPLACED = "pass_replaced"
    UNKNOWN_PASS = "unknown_pass"
    DAY_PASS_NOT_VALID = "day_pass_not_valid"
    INVALID_CODE = "invalid_code"
    FOREIGN_CODE = "foreign_code"

    @property
    def admits(self) -> bool:
        return self in ADMITTING


ADMITTING = frozenset(
    {
        Reason.HOME_MEMBER,
        Reason.GUEST_DAY,
        Reason.ALREADY_TODAY,
        Reason.STAFF_OVERRIDE,
        Reason.DAY_PASS,
        Reason.POPUP_VISIT,
    }
)

Param = str | int


@dataclass(frozen=True)
class Verdict:
    """What `decide` says about one scan, and what the kiosk shows.

    `message_key` and `params` are the translatable explanation (see messages.py).
    """

    reason: Reason
    day: date  # the network-local date the decision is about
    message_key: str
    params: Mapping[str, Param] = field(default_factory=dict)
    counted: bool = False
    guest_days_allowed: int | None = None
    guest_days_left: int | None = None
    offline: bool = False
    member_number: int | None = None
    display_name: str | None = None
    home_space_id: int | None = None

    @property
    def admitted(self) -> bool:
        return self.reason.admits

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["reason"] = self.reason.value
        data["day"] = self.day.isoformat()
        data["params"] = dict(self.params)
        data["admitted"] = self.admitted
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Verdict:
        """Inverse of to_dict; KeyError/ValueError on a malformed mapping."""
        params = data.get("params") or {}
        if not isinstance(params, Mapping):
            raise ValueError("params must be a mapping")
        return cls(
            reason=Reason(data["reason"]),
            day=date.fromisoformat(data["day"]),
            message_key=str(data["message_key"]),
            params={str(k): v if isinstance(v, int) else str(v) for k, v in params.items()},
            counted=bool(data.get("counted", False)),
            guest_days_allowed=_opt_int(data.get("guest_days_allowed")),
            guest_days_left=_opt_int(data.get("guest_days_left")),
            offline=bool(data.get("offline", False)),
            member_number=_opt_int(data.get("member_number")),
            display_name=None if data.get("display_name") is None else str(data["display_name"]),
            home_space_id=_opt_int(data.get("home_space_id")),
        )


def _opt_int(value: Any) -> int | None:
    return None if value is None else int(value)
