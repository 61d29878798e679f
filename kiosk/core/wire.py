"""What kiosk and server exchange, defined once: the timestamp format of the HTTP API and the
check-in record a kiosk uploads.

Both sides write times as `2026-11-22T09:15:02.123Z` (UTC, milliseconds) and read any ISO 8601
form with an offset (or none: then UTC).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any


def iso_utc(instant: datetime) -> str:
    """`2026-11-22T09:15:02.123Z`, as the API writes times."""
    return instant.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_iso(value: str) -> datetime:
    """An ISO 8601 time as an aware datetime (UTC when it carries no offset); ValueError if not one."""
    parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def parse_server_time(value: str | None) -> datetime | None:
    """The `X-Server-Time` header as an aware UTC datetime; None if missing or unreadable."""
    if not value:
        return None
    try:
        return parse_iso(value).astimezone(UTC)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class CheckinRecord:
    """A check-in fact as a kiosk uploads it (`POST /api/v1/checkins`, docs/api.md): the one
    definition of its fields, written by the kiosk's store and read by the server's batch code."""

    nonce: str
    occurred_at: datetime
    space_id: int
    reason: str
    admitted: bool
    counted: bool
    offline: bool
    method: str
    member_number: int | None = None
    pass_serial: int | None = None
    day_pass_valid_on: date | None = None
    day_pass_number: int | None = None
    staff_id: int | None = None
    override_reason: str | None = None

    def to_wire(self) -> dict[str, Any]:
        """The JSON object of one upload item."""
        day_pass = None
        if self.day_pass_valid_on is not None and self.day_pass_number is not None:
            day_pass = {"valid_on": self.day_pass_valid_on.isoformat(), "number": self.day_pass_number}
        return {
            "nonce": self.nonce,
            "occurred_at": iso_utc(self.occurred_at),
            "space_id": self.space_id,
            "member_number": self.member_number,
            "pass_serial": self.pass_serial,
            "day_pass": day_pass,
            "reason": self.reason,
            "admitted": self.admitted,
            "counted": self.counted,
            "offline": self.offline,
            "method": self.method,
            "staff_id": self.staff_id,
            "override_reason": self.override_reason,
        }

    @classmethod
    def from_wire(cls, item: Mapping[str, Any]) -> CheckinRecord:
        """The record of one upload item already checked against the API's schema (times as
        ISO text or datetimes, dates as ISO text or dates); KeyError/ValueError otherwise."""
        day_pass = item.get("day_pass")
        occurred_at = item["occurred_at"]
        valid_on = day_pass["valid_on"] if day_pass else None
        return cls(
            nonce=item["nonce"],
            occurred_at=occurred_at if isinstance(occurred_at, datetime) else parse_iso(occurred_at),
            space_id=item["space_id"],
            reason=str(item["reason"]),
            admitted=item["admitted"],
            counted=item.get("counted", False),
            offline=item.get("offline", True),
            method=item.get("method", "scan"),
            member_number=item.get("member_number"),
            pass_serial=item.get("pass_serial"),
            day_pass_valid_on=(
                valid_on if isinstance(valid_on, date) or valid_on is None else date.fromisoformat(valid_on)
            ),
            day_pass_number=day_pass["number"] if day_pass else None,
            staff_id=item.get("staff_id"),
            override_reason=item.get("override_reason"),
        )
