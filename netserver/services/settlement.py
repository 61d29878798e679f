"""Closed (settled) months and the facts held for staff instead of being counted.

A month is closed by an admin (`coworking-netserver month close YYYY-MM`, or
`POST /api/v1/admin/months/YYYY-MM/close`) once it has ended, when the spaces settle it with
the monthly report. From then on its counts do not change: an uploaded fact dated in it is
kept as a `FactConflict` for staff, not as a check-in. So is a fact dated before its kiosk was
enrolled or after the server's now (both with `CLOCK_SKEW` of slack): a kiosk cannot have seen
it, so its clock was wrong or the fact is forged. Such an upload is acknowledged (`stored`),
nothing is lost, and nothing is counted.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.calendar import NetworkCalendar
from kiosk.core.wire import CheckinRecord

from ..db import ClosedMonth, FactConflict
from .clock import utc_now
from .errors import Invalid
from .network import get_calendar

CLOCK_SKEW = timedelta(minutes=5)


def month_start(day: date) -> date:
    return day.replace(day=1)


def close_month(session: Session, year: int, month: int, *, by: str = "cli") -> ClosedMonth:
    """Close `year-month` (idempotent). Invalid while the month has not ended in the network's
    time zone: its check-ins are still coming in."""
    first = date(year, month, 1)
    today = get_calendar(session).local_date(utc_now())
    if month_start(today) <= first:
        raise Invalid(f"{first:%Y-%m} has not ended yet: a month can be closed from its next month on")
    row = session.get(ClosedMonth, first)
    if row is None:
        row = ClosedMonth(month=first, closed_at=utc_now(), closed_by=by)
        session.add(row)
        session.flush()
    return row


def closed_months(session: Session, months: Collection[date] | None = None) -> set[date]:
    query = select(ClosedMonth.month)
    if months is not None:
        query = query.where(ClosedMonth.month.in_(sorted(set(months))))
    return set(session.scalars(query))


@dataclass(frozen=True, slots=True)
class FactWindow:
    """What an upload from one kiosk may be dated: from its enrollment to now (with skew),
    outside the closed months."""

    calendar: NetworkCalendar
    earliest: datetime
    latest: datetime
    closed: frozenset[date]

    def problem(self, occurred_at: datetime) -> tuple[str, str] | None:
        """(problem, detail) for a fact that must not be counted, None for one that may."""
        if occurred_at < self.earliest:
            return (
                "before_enrollment",
                f"dated {occurred_at:%Y-%m-%d %H:%M} UTC, before this kiosk was enrolled",
            )
        if occurred_at > self.latest:
            return "in_future", f"dated {occurred_at:%Y-%m-%d %H:%M} UTC, later than the server's time"
        month = month_start(self.calendar.local_date(occurred_at))
        if month in self.closed:
            return "month_closed", f"{month:%Y-%m} is closed (settled)"
        return None


def fact_window(
    session: Session, facts: Collection[CheckinRecord], *, enrolled_at: datetime | None, now: datetime
) -> FactWindow:
    calendar = get_calendar(session)
    months = {month_start(calendar.local_date(fact.occurred_at)) for fact in facts}
    earliest = (
        (enrolled_at - CLOCK_SKEW) if enrolled_at is not None else datetime.min.replace(tzinfo=now.tzinfo)
    )
    return FactWindow(calendar, earliest, now + CLOCK_SKEW, frozenset(closed_months(session, months)))


def held_nonces(session: Session, nonces: Collection[str]) -> dict[str, int]:
    """nonce -> space id of the facts among `nonces` that are held as conflicts already."""
    query = select(FactConflict.nonce, FactConflict.space_id).where(
        FactConflict.nonce.in_(sorted(set(nonces))),
        FactConflict.resolution.is_distinct_from("counted"),  # a counted one is a check-in now
    )
    return {nonce: space for nonce, space in session.execute(query)}


def hold(
    fact: CheckinRecord, problem: tuple[str, str], *, kiosk_id: int | None, now: datetime
) -> FactConflict:
    return FactConflict(
        nonce=fact.nonce,
        space_id=fact.space_id,
        kiosk_id=kiosk_id,
        member_number=fact.member_number,
        occurred_at=fact.occurred_at,
        problem=problem[0],
        detail=problem[1],
        fact=fact.to_wire(),
        received_at=now,
    )


def list_conflicts(session: Session, space_id: int | None = None) -> list[FactConflict]:
    query = select(FactConflict).order_by(FactConflict.received_at, FactConflict.id)
    if space_id is not None:
        query = query.where(FactConflict.space_id == space_id)
    return list(session.scalars(query))
