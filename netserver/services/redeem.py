"""Online redeem: the server decides with the whole network's history and records it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.calendar import NetworkCalendar
from kiosk.core.credentials import CredentialError, DayPass, MemberPass, parse
from kiosk.core.models import DayPassRecord, Policy, Visit
from kiosk.core.rules import decide, decide_member
from kiosk.core.verdicts import Reason, Verdict

from ..db import Checkin, DayPassRow
from . import redeem_queries as queries
from . import skills
from .clock import utc_now
from .day_passes import DayPassItem, store_day_pass
from .errors import Conflict, Forbidden, NotFound
from .nonces import Prior, is_repeat

MAX_CLOCK_SKEW = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class Redeemed:
    verdict: dict[str, Any]
    duplicate: bool


def stored_verdict(row: Any) -> dict[str, Any]:
    """The verdict of a stored check-in (a Checkin, or a row with its columns of that name):
    the online one, or one rebuilt from an uploaded fact."""
    if row.verdict is not None:
        return dict(row.verdict)
    return Verdict(
        Reason(row.reason),
        row.day,
        f"verdict.{row.reason}",
        counted=row.counted,
        offline=row.offline,
        member_number=row.member_number,
    ).to_dict()


def find_checkin(session: Session, nonce: str) -> Checkin | None:
    return session.scalar(select(Checkin).where(Checkin.nonce == nonce))


def repeat_answer(session: Session, nonce: str, space_id: int) -> Redeemed | None:
    """The stored verdict, as a duplicate, if `nonce` was seen before at `space_id` (nonces.py)."""
    return _repeat(queries.prior(session, nonce), space_id)


def _repeat(stored: queries.Stored | None, space_id: int) -> Redeemed | None:
    if stored is None or not is_repeat(Prior(stored.space_id, not stored.offline), space_id):
        return None
    return Redeemed(stored_verdict(stored), duplicate=True)


def _known(policy: Policy | None) -> Policy:
    if policy is None:
        raise NotFound("the network is not initialised: run `coworking-netserver init` first")
    return policy


def _store(session: Session, values: dict[str, Any], space_id: int) -> Redeemed:
    """Insert the decided check-in; if the same nonce committed meanwhile (a retry that took no
    member lock: a day pass or an unreadable code), answer as its duplicate."""
    if not queries.insert_checkin(session, values):
        repeated = repeat_answer(session, values["nonce"], space_id)
        if repeated is not None:
            return repeated
        queries.insert_checkin_plain(session, values)  # gone again: store it, or fail as before
    return Redeemed(dict(values["verdict"]), duplicate=False)


def _checkin(**values: Any) -> dict[str, Any]:
    """Every column of an online check-in's insert (the same keys for each: one compiled insert)."""
    return {**_ONLINE, **values}


_ONLINE: dict[str, Any] = {
    "member_number": None,
    "pass_serial": None,
    "day_pass_valid_on": None,
    "day_pass_number": None,
    "kiosk_id": None,
    "offline": False,
    "method": "scan",
    "staff_id": None,
    "popup_id": None,
}


def redeem(
    session: Session,
    *,
    space_id: int,
    kiosk_id: int | None,
    nonce: str,
    code: str,
    scanned_at: datetime,
    now: datetime | None = None,
    method: str = "scan",
    sold_day_pass: DayPassItem | None = None,
    popup_id: int | None = None,
) -> Redeemed:
    """Decide and store one scan at `space_id`; a repeated nonce returns the stored verdict.

    `sold_day_pass`: the day pass this kiosk sold and has not uploaded yet, sent along when it is
    scanned here; stored first (idempotent by its id, like the upload), so the visitor is not
    refused as an unknown pass. Only a pass of this space with the scanned date and number counts.

    Waits only for other writes of the same member (its row lock), never for the network."""
    try:
        scanned: Any = parse(code)
    except CredentialError as exc:
        scanned = exc
    session.flush()  # the statements below are Core: they do not autoflush
    member = queries.lock_member(session, scanned.member_number) if isinstance(scanned, MemberPass) else None
    # after the lock: a retry in flight has committed
    earlier, known = queries.prior_and_policy(session, nonce)
    repeated = _repeat(earlier, space_id)
    if repeated is not None:
        return repeated
    now = now or utc_now()
    occurred_at = scanned_at if abs(scanned_at - now) <= MAX_CLOCK_SKEW else now
    policy = _known(known)
    calendar = NetworkCalendar(policy.timezone)
    day_pass = None
    visits: list[Visit] = []
    if isinstance(scanned, MemberPass):
        if member is not None:
            visits = queries.member_visits(session, member.number, calendar.local_date(occurred_at))
    elif isinstance(scanned, DayPass):
        if sold_day_pass is not None and _same_day_pass(sold_day_pass, scanned, space_id):
            _learn_day_pass(session, sold_day_pass, space_id)
        row = session.scalar(
            select(DayPassRow).where(
                DayPassRow.space_id == scanned.space_id,
                DayPassRow.valid_on == scanned.valid_on,
                DayPassRow.number == scanned.number,
            )
        )
        if row is not None:
            day_pass = DayPassRecord(row.space_id, row.valid_on, row.number, row.secret_hash, row.revoked)
    verdict = decide(
        scanned,
        space_id=space_id,
        now=occurred_at,
        policy=policy,
        member=queries.member_record(member) if member is not None else None,
        day_pass=day_pass,
        visits=visits,
        offline=False,
        at_popup=popup_id is not None,
    )
    stored = _store(
        session,
        _checkin(
            nonce=nonce,
            member_number=member.number if member is not None else None,
            pass_serial=scanned.serial if isinstance(scanned, MemberPass) else None,
            day_pass_valid_on=scanned.valid_on if isinstance(scanned, DayPass) else None,
            day_pass_number=scanned.number if isinstance(scanned, DayPass) else None,
            space_id=space_id,
            occurred_at=occurred_at,
            day=verdict.day,
            kiosk_id=kiosk_id,
            reason=verdict.reason.value,
            admitted=verdict.admitted,
            counted=verdict.counted,
            method=method,
            verdict=verdict.to_dict(),
            received_at=now,
            popup_id=popup_id,
        ),
        space_id,
    )
    if not stored.duplicate and verdict.admitted and member is not None:
        _on_admitted(session, calendar, member.number, space_id, verdict.day)
    return stored


def _on_admitted(session: Session, calendar: NetworkCalendar, number: int, space_id: int, day: date) -> None:
    """skills.on_admitted for one check-in, with the calendar at hand and a cheap look-up of
    the opt-in first (most members have none); on_admitted keeps its check of the day."""
    if queries.opted_in(session, number):
        skills.on_admitted(session, [(number, space_id, day)], calendar=calendar)


def _same_day_pass(item: DayPassItem, scanned: DayPass, space_id: int) -> bool:
    return (item.space_id, item.valid_on, item.number) == (space_id, scanned.valid_on, scanned.number) and (
        scanned.space_id == space_id
    )


def _learn_day_pass(session: Session, item: DayPassItem, space_id: int) -> None:
    """Store the day pass sent along; a clash with another pass leaves the decision to the rules."""
    try:
        with session.begin_nested():
            store_day_pass(session, item, space_id=space_id)
    except (Conflict, Forbidden):
        pass  # the scanned code is then checked against the pass the server already has


def redeem_member(
    session: Session,
    *,
    space_id: int,
    kiosk_id: int | None,
    nonce: str,
    member_number: int,
    staff_id: int,
    scanned_at: datetime,
    now: datetime | None = None,
    popup_id: int | None = None,
) -> Redeemed:
    """Decide and store one manual check-in at the desk of `space_id`: staff found the member by
    name. The member rules (`decide_member`) over the whole network's visits, with the same
    locking as a scan; stored with method "manual" and the staff id; idempotent by nonce.

    Forbidden if `staff_id` is not an active staff member of `space_id`; NotFound for an
    unknown member number."""
    session.flush()  # the statements below are Core: they do not autoflush
    staff = queries.staff(session, staff_id)
    if staff is None or staff.space_id != space_id or not staff.active:
        raise Forbidden(f"staff {staff_id} is not active staff of this kiosk's space")
    member = queries.lock_member(session, member_number)
    # after the lock: a retry in flight has committed
    earlier, known = queries.prior_and_policy(session, nonce)
    repeated = _repeat(earlier, space_id)
    if repeated is not None:
        return repeated
    if member is None:
        raise NotFound(f"no member {member_number}")
    now = now or utc_now()
    occurred_at = scanned_at if abs(scanned_at - now) <= MAX_CLOCK_SKEW else now
    policy = _known(known)
    calendar = NetworkCalendar(policy.timezone)
    visits = queries.member_visits(session, member.number, calendar.local_date(occurred_at))
    verdict = decide_member(
        queries.member_record(member),
        space_id=space_id,
        now=occurred_at,
        policy=policy,
        visits=visits,
        offline=False,
        at_popup=popup_id is not None,
    )
    stored = _store(
        session,
        _checkin(
            nonce=nonce,
            member_number=member.number,
            space_id=space_id,
            occurred_at=occurred_at,
            day=verdict.day,
            kiosk_id=kiosk_id,
            reason=verdict.reason.value,
            admitted=verdict.admitted,
            counted=verdict.counted,
            method="manual",
            staff_id=staff_id,
            verdict=verdict.to_dict(),
            received_at=now,
            popup_id=popup_id,
        ),
        space_id,
    )
    if not stored.duplicate and verdict.admitted:
        _on_admitted(session, calendar, member.number, space_id, verdict.day)
    return stored
