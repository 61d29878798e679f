"""Entitlement rules: `decide` turns one scan into a verdict.

A pure function of the decoded credential (or the decoding error), the roster record, this
space, the time, the visits it can see and the network policy. The kiosk (offline) and the
server (online) call the same function, so both give the same answer on the same facts.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from .calendar import NetworkCalendar, same_month
from .credentials import (
    BadCheckSymbol,
    Credential,
    CredentialError,
    DayPass,
    EnrollmentCode,
    ForeignCode,
    MemberPageLink,
    MemberPass,
    UnsupportedVersion,
)
from .models import DayPassRecord, MemberRecord, MemberState, Policy, Visit
from .verdicts import Reason, Verdict


def decide(
    scanned: Credential | CredentialError,
    *,
    space_id: int,
    now: datetime,
    policy: Policy,
    member: MemberRecord | None = None,
    day_pass: DayPassRecord | None = None,
    visits: Iterable[Visit] = (),
    offline: bool = False,
    at_popup: bool = False,
) -> Verdict:
    """The verdict for one scan at `space_id` at `now`.

    `member` is the roster record for a member pass's number (None if the roster has none),
    `day_pass` the record for a day pass, `visits` the admissions this decision can see
    (synced usage plus this kiosk's own queued check-ins; other members' visits are ignored).
    `at_popup`: the kiosk stands at a pop-up of `space_id` (a guest day only if the policy says so).
    """
    today = NetworkCalendar(policy.timezone).local_date(now)
    if isinstance(scanned, CredentialError):
        return _code_error(scanned, today, offline)
    if isinstance(scanned, EnrollmentCode):
        return Verdict(Reason.INVALID_CODE, today, "verdict.invalid_code.enrollment", offline=offline)
    if isinstance(scanned, DayPass):
        return _day_pass(scanned, day_pass, space_id, today, offline)
    return _member_pass(scanned, member, space_id, today, policy, visits, offline, at_popup)


def decide_member(
    member: MemberRecord,
    *,
    space_id: int,
    now: datetime,
    policy: Policy,
    visits: Iterable[Visit] = (),
    offline: bool = False,
    at_popup: bool = False,
) -> Verdict:
    """The rules for a member whose identity is settled (a verified pass, or staff who found
    the member by name at the desk): state, home space, same-day repeat, monthly quota."""
    today = NetworkCalendar(policy.timezone).local_date(now)
    return _member_rules(member, space_id, today, policy, visits, offline, at_popup)


def staff_override(
    member: MemberRecord | None,
    *,
    space_id: int,
    now: datetime,
    policy: Policy,
    offline: bool = False,
) -> Verdict:
    """Staff admit someone despite a denial. Never counts a guest day; the staff member and
    the reason travel with the check-in record, not the verdict."""
    today = NetworkCalendar(policy.timezone).local_date(now)
    params = _member_params(member) if member else {}
    return _for_member(Reason.STAFF_OVERRIDE, today, "verdict.staff_override", params, member, offline)


def _code_error(error: CredentialError, today: date, offline: bool) -> Verdict:
    if isinstance(error, UnsupportedVersion):
        return Verdict(Reason.FOREIGN_CODE, today, "verdict.foreign_code.version", offline=offline)
    if isinstance(error, MemberPageLink):
        return Verdict(Reason.FOREIGN_CODE, today, "verdict.foreign_code.member_page", offline=offline)
    if isinstance(error, ForeignCode):
        return Verdict(Reason.FOREIGN_CODE, today, "verdict.foreign_code", offline=offline)
    if isinstance(error, BadCheckSymbol):
        return Verdict(Reason.INVALID_CODE, today, "verdict.invalid_code.check", offline=offline)
    return Verdict(Reason.INVALID_CODE, today, "verdict.invalid_code", offline=offline)


def _day_pass(
    scanned: DayPass, record: DayPassRecord | None, space_id: int, today: date, offline: bool
) -> Verdict:
    def denied(key: str) -> Verdict:
        params: dict[str, str | int] = {
            "valid_on": scanned.valid_on.isoformat(),
            "space_id": scanned.space_id,
        }
        return Verdict(Reason.DAY_PASS_NOT_VALID, today, key, params=params, offline=offline)

    if scanned.space_id != space_id:
        return denied("verdict.day_pass_not_valid.space")
    if scanned.valid_on != today:
        return denied("verdict.day_pass_not_valid.date")
    known = (
        record is not None
        and (record.space_id, record.valid_on, record.number)
        == (scanned.space_id, scanned.valid_on, scanned.number)
        and scanned.matches(record.secret_hash)
    )
    if not known:
        return _unknown(today, offline)
    assert record is not None
    if record.revoked:
        return denied("verdict.day_pass_not_valid.revoked")
    return Verdict(Reason.DAY_PASS, today, "verdict.day_pass", offline=offline)


def _unknown(today: date, offline: bool) -> Verdict:
    # Offline, a pass missing from the roster may simply be newer than the last sync:
    # the wording must not accuse anyone of forgery.
    key = "verdict.unknown_pass.offline" if offline else "verdict.unknown_pass"
    return Verdict(Reason.UNKNOWN_PASS, today, key, offline=offline)


def _member_pass(
    scanned: MemberPass,
    member: MemberRecord | None,
    space_id: int,
    today: date,
    policy: Policy,
    visits: Iterable[Visit],
    offline: bool,
    at_popup: bool = False,
) -> Verdict:
    if member is None or member.number != scanned.member_number:
        return _unknown(today, offline)
    if scanned.serial < member.pass_serial:
        params = _member_params(member)
        return _for_member(Reason.PASS_REPLACED, today, "verdict.pass_replaced", params, member, offline)
    if scanned.serial > member.pass_serial or not scanned.matches(member.secret_hash):
        return _unknown(today, offline)
    return _member_rules(member, space_id, today, policy, visits, offline, at_popup)


def _member_rules(
    member: MemberRecord,
    space_id: int,
    today: date,
    policy: Policy,
    visits: Iterable[Visit],
    offline: bool,
    at_popup: bool = False,
) -> Verdict:
    params = _member_params(member)
    if member.state is not MemberState.ACTIVE:
        params["state"] = member.state.value
        key = "verdict.membership_inactive"
        return _for_member(Reason.MEMBERSHIP_INACTIVE, today, key, params, member, offline)
    if member.home_space_id == space_id:
        return _for_member(Reason.HOME_MEMBER, today, "verdict.home_member", params, member, offline)
    if at_popup and not policy.popup_guest_day:
        return _for_member(Reason.POPUP_VISIT, today, "verdict.popup_visit", params, member, offline)

    allowed = policy.guest_days_for(member.plan)
    here_today = False
    counted_days: set[tuple[int, date]] = set()
    for visit in visits:
        if visit.member_number != member.number:
            continue
        if visit.space_id == space_id and visit.day == today:
            here_today = True
        if visit.counted and visit.space_id != member.home_space_id and same_month(visit.day, today):
            counted_days.add((visit.space_id, visit.day))  # once per host space and date
    used = len(counted_days)
    params.update(allowed=allowed, month=today.month, year=today.year, count=allowed)

    if here_today:
        left = max(allowed - used, 0)
        key = "verdict.already_today"
        return _for_member(
            Reason.ALREADY_TODAY, today, key, params, member, offline, allowed=allowed, left=left
        )
    if used >= allowed:
        key = "verdict.guest_days_used"
        return _for_member(
            Reason.GUEST_DAYS_USED, today, key, params, member, offline, allowed=allowed, left=0
        )
    params["number"] = used + 1
    return _for_member(
        Reason.GUEST_DAY,
        today,
        "verdict.guest_day",
        params,
        member,
        offline,
        counted=True,
        allowed=allowed,
        left=allowed - used - 1,
    )


def _member_params(member: MemberRecord) -> dict[str, str | int]:
    return {"name": member.display_name, "home_space_id": member.home_space_id}


def _for_member(
    reason: Reason,
    today: date,
    key: str,
    params: dict[str, str | int],
    member: MemberRecord | None,
    offline: bool,
    *,
    counted: bool = False,
    allowed: int | None = None,
    left: int | None = None,
) -> Verdict:
    return Verdict(
        reason,
        today,
        key,
        params,
        counted=counted,
        guest_days_allowed=allowed,
        guest_days_left=left,
        offline=offline,
        member_number=member.number if member else None,
        display_name=member.display_name if member else None,
        home_space_id=member.home_space_id if member else None,
    )
