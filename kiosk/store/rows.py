"""Conversions between SQLite rows, the core's records and the upload payload of a check-in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from kiosk.core.models import MemberRecord, MemberState
from kiosk.core.wire import CheckinRecord, parse_iso

from .records import CheckinRow, NewCheckin

MEMBER_COLS = "number, display_name, home_space_id, state, plan, pass_serial, secret_hash"


def member_from_row(row: Any) -> MemberRecord:
    return MemberRecord(
        number=row["number"],
        display_name=row["display_name"],
        home_space_id=row["home_space_id"],
        state=MemberState(row["state"]),
        plan=row["plan"],
        pass_serial=row["pass_serial"],
        secret_hash=row["secret_hash"],
    )


def checkin_record(c: NewCheckin) -> CheckinRecord:
    """The check-in as the kiosk uploads it (one definition: kiosk.core.wire)."""
    v = c.verdict
    return CheckinRecord(
        nonce=c.nonce,
        occurred_at=c.occurred_at,
        space_id=c.space_id,
        reason=v.reason.value,
        admitted=v.admitted,
        counted=v.counted,
        offline=v.offline,
        method=c.method,
        member_number=c.member_number,
        pass_serial=c.pass_serial,
        day_pass_valid_on=c.day_pass_valid_on,
        day_pass_number=c.day_pass_number,
        staff_id=c.staff_id,
        override_reason=c.override_reason,
    )


def checkin_fact(c: NewCheckin) -> dict[str, object]:
    """The upload form of a check-in (docs/api.md, "Upload of facts")."""
    return checkin_record(c).to_wire()


def checkin_row(r: Any) -> CheckinRow:
    return CheckinRow(
        nonce=r["nonce"],
        occurred_at=parse_iso(r["occurred_at"]),
        day=date.fromisoformat(r["day"]),
        member_number=r["member_number"],
        display_name=r["display_name"],
        reason=r["reason"],
        admitted=bool(r["admitted"]),
        counted=bool(r["counted"]),
        offline=bool(r["offline"]),
        method=r["method"],
        staff_id=r["staff_id"],
        override_reason=r["override_reason"],
        annulled=bool(r["annulled"]),
        uploaded=bool(r["on_server"]),
        day_pass_number=r["day_pass_number"],
    )


@dataclass(frozen=True, slots=True)
class PopupRow:
    """A pop-up of the region as the kiosk keeps it (no host: the lobby shows no names)."""

    id: int
    space_id: int
    place: str
    address: str
    town: str
    starts_at: datetime  # UTC
    ends_at: datetime  # UTC


def popup_from_row(r: Any) -> PopupRow:
    return PopupRow(
        int(r["id"]),
        int(r["space_id"]),
        str(r["place"]),
        str(r["address"] or ""),
        str(r["town"]),
        parse_iso(r["starts_at"]),
        parse_iso(r["ends_at"]),
    )
