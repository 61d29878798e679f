"""Entitlement rules: the reasons of DESIGN.md §4 and the calendar they live in."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from kiosk.core.calendar import NetworkCalendar
from kiosk.core.credentials import (
    BadCheckSymbol,
    DayPass,
    EnrollmentCode,
    ForeignCode,
    MalformedCode,
    MemberPass,
    UnsupportedVersion,
)
from kiosk.core.models import DayPassRecord, MemberState, Visit
from kiosk.core.rules import decide, decide_member, staff_override
from kiosk.core.verdicts import Reason

from .rules_helpers import CARD, HOME, HOST_A, HOST_B, POLICY, local, member, scan


def test_home_member_is_welcomed_and_not_counted() -> None:
    visits: list[Visit] = []
    verdict = scan(local(2026, 11, 3, 9, 0), HOME, visits)
    assert (verdict.reason, verdict.admitted, verdict.counted) == (Reason.HOME_MEMBER, True, False)
    assert verdict.guest_days_left is None
    assert scan(local(2026, 11, 3, 9, 5), HOST_A, visits).reason is Reason.GUEST_DAY


def test_guest_day_counts_once_then_already_today() -> None:
    visits: list[Visit] = []
    first = scan(local(2026, 11, 10, 8, 30), HOST_A, visits)
    assert first.reason is Reason.GUEST_DAY and first.counted
    assert (first.guest_days_allowed, first.guest_days_left, first.params["number"]) == (1, 0, 1)
    again = scan(local(2026, 11, 10, 17, 45), HOST_A, visits)
    assert again.reason is Reason.ALREADY_TODAY and again.admitted and not again.counted
    assert again.guest_days_left == 0
    assert sum(v.counted for v in visits) == 1


def test_quota_used_at_one_partner_denies_another_partner_the_same_day() -> None:
    visits: list[Visit] = []
    assert scan(local(2026, 11, 10, 9, 0), HOST_A, visits).reason is Reason.GUEST_DAY
    denied = scan(local(2026, 11, 10, 14, 0), HOST_B, visits)
    assert denied.reason is Reason.GUEST_DAYS_USED and not denied.admitted
    assert denied.guest_days_left == 0 and denied.params["month"] == 11


def test_two_partner_spaces_same_day_count_twice_when_allowed() -> None:
    visits: list[Visit] = []
    flex = member(plan="flex")
    assert scan(local(2026, 11, 10, 9, 0), HOST_A, visits, flex).guest_days_left == 2
    second = scan(local(2026, 11, 10, 14, 0), HOST_B, visits, flex)
    assert second.reason is Reason.GUEST_DAY and second.guest_days_left == 1
    assert second.params["number"] == 2


def test_a_guest_day_counts_once_per_host_space_and_date_even_if_recorded_twice() -> None:
    # Two kiosks of the same space, both offline, may each record a counted visit.
    day = date(2026, 11, 10)
    visits = [Visit(CARD.member_number, HOST_A, day, True), Visit(CARD.member_number, HOST_A, day, True)]
    verdict = scan(local(2026, 11, 11, 9, 0), HOST_B, visits, member(plan="flex"))
    assert verdict.reason is Reason.GUEST_DAY and verdict.params["number"] == 2


def test_month_boundary_is_local_midnight_not_utc() -> None:
    visits: list[Visit] = []
    # 30 Nov 23:30 in Berlin is 22:30 UTC; 1 Dec 00:30 in Berlin is still 30 Nov in UTC.
    assert scan(local(2026, 11, 30, 23, 30), HOST_A, visits).reason is Reason.GUEST_DAY
    december = scan(local(2026, 12, 1, 0, 30), HOST_B, visits)
    assert december.day == date(2026, 12, 1)
    assert december.reason is Reason.GUEST_DAY and december.guest_days_left == 0


def test_allowance_does_not_roll_over() -> None:
    visits: list[Visit] = []  # no guest day used in October
    assert scan(local(2026, 11, 2, 9, 0), HOST_A, visits).guest_days_left == 0
    assert scan(local(2026, 11, 3, 9, 0), HOST_B, visits).reason is Reason.GUEST_DAYS_USED


@pytest.mark.parametrize(
    ("utc", "expected_day"),
    [
        # Spring forward (29 Mar 2026): 00:30 UTC is 01:30 CET, 01:30 UTC is 03:30 CEST.
        (datetime(2026, 3, 28, 23, 30, tzinfo=UTC), date(2026, 3, 29)),
        (datetime(2026, 3, 29, 21, 59, tzinfo=UTC), date(2026, 3, 29)),
        (datetime(2026, 3, 29, 22, 0, tzinfo=UTC), date(2026, 3, 30)),
        # Fall back (25 Oct 2026): the day has 25 hours; 22:59 UTC is 23:59 CET.
        (datetime(2026, 10, 24, 22, 0, tzinfo=UTC), date(2026, 10, 25)),
        (datetime(2026, 10, 25, 22, 59, tzinfo=UTC), date(2026, 10, 25)),
        (datetime(2026, 10, 25, 23, 0, tzinfo=UTC), date(2026, 10, 26)),
    ],
)
def test_days_follow_daylight_saving_changes(utc: datetime, expected_day: date) -> None:
    assert scan(utc, HOST_A, []).day == expected_day


def test_dst_days_have_23_and_25_hours_and_months_are_local() -> None:
    calendar = NetworkCalendar("Europe/Berlin")
    start, end = calendar.day_bounds(date(2026, 3, 29))
    assert end - start == timedelta(hours=23)
    start, end = calendar.day_bounds(date(2026, 10, 25))
    assert end - start == timedelta(hours=25)
    first, following = calendar.month_bounds(2026, 12)
    assert first == datetime(2026, 11, 30, 23, 0, tzinfo=UTC)
    assert following == datetime(2026, 12, 31, 23, 0, tzinfo=UTC)
    with pytest.raises(ValueError):
        calendar.local_date(datetime(2026, 11, 1, 12, 0))


def test_plan_change_mid_month_uses_the_current_plan() -> None:
    visits: list[Visit] = []
    assert scan(local(2026, 11, 5, 9, 0), HOST_A, visits, member(plan="basis")).counted
    assert (
        scan(local(2026, 11, 12, 9, 0), HOST_B, visits, member(plan="basis")).reason is Reason.GUEST_DAYS_USED
    )
    upgraded = scan(local(2026, 11, 19, 9, 0), HOST_B, visits, member(plan="flex"))
    assert upgraded.reason is Reason.GUEST_DAY
    assert (upgraded.params["number"], upgraded.guest_days_left) == (2, 1)
    # Downgrading below what was used denies without going negative.
    down = scan(local(2026, 11, 26, 9, 0), HOST_A, visits, member(plan="basis"))
    assert down.reason is Reason.GUEST_DAYS_USED and down.guest_days_left == 0


def test_other_members_and_home_visits_do_not_use_the_quota() -> None:
    day = date(2026, 11, 4)
    visits = [Visit(9999, HOST_A, day, True), Visit(CARD.member_number, HOME, day, False)]
    assert scan(local(2026, 11, 5, 9, 0), HOST_A, visits).reason is Reason.GUEST_DAY


def test_inactive_membership_is_denied_with_its_state() -> None:
    for state in (MemberState.PAUSED, MemberState.ENDED):
        verdict = scan(local(2026, 11, 5, 9, 0), HOME, [], member(state=state))
        assert verdict.reason is Reason.MEMBERSHIP_INACTIVE and verdict.params["state"] == state.value


def test_older_card_is_pass_replaced_and_newer_or_forged_is_unknown() -> None:
    now = local(2026, 11, 5, 9, 0)
    assert scan(now, HOST_A, [], member(serial=3)).reason is Reason.PASS_REPLACED
    assert scan(now, HOST_A, [], member(serial=1)).reason is Reason.UNKNOWN_PASS
    forged = MemberPass(member_number=CARD.member_number, serial=CARD.serial, secret=CARD.secret ^ 1)
    verdict = decide(forged, space_id=HOST_A, now=now, policy=POLICY, member=member())
    assert verdict.reason is Reason.UNKNOWN_PASS and verdict.message_key == "verdict.unknown_pass"


def test_unknown_pass_offline_does_not_accuse() -> None:
    now = local(2026, 11, 5, 9, 0)
    online = decide(CARD, space_id=HOST_A, now=now, policy=POLICY, member=None)
    offline = decide(CARD, space_id=HOST_A, now=now, policy=POLICY, member=None, offline=True)
    assert online.reason is offline.reason is Reason.UNKNOWN_PASS
    assert offline.offline and offline.message_key == "verdict.unknown_pass.offline"
    assert not online.offline and online.message_key == "verdict.unknown_pass"


def test_day_pass_valid_only_at_its_space_on_its_date() -> None:
    card = DayPass(space_id=HOST_A, valid_on=date(2026, 11, 28), number=7, secret=123456789)
    record = DayPassRecord(HOST_A, date(2026, 11, 28), 7, card.secret_hash())
    on_day = local(2026, 11, 28, 10, 0)
    assert decide(card, space_id=HOST_A, now=on_day, policy=POLICY, day_pass=record).reason is Reason.DAY_PASS
    other_space = decide(card, space_id=HOST_B, now=on_day, policy=POLICY, day_pass=record)
    assert other_space.reason is Reason.DAY_PASS_NOT_VALID and other_space.message_key.endswith(".space")
    next_day = decide(card, space_id=HOST_A, now=local(2026, 11, 29, 0, 1), policy=POLICY, day_pass=record)
    assert next_day.reason is Reason.DAY_PASS_NOT_VALID and next_day.message_key.endswith(".date")
    assert decide(card, space_id=HOST_A, now=on_day, policy=POLICY).reason is Reason.UNKNOWN_PASS
    forged = DayPass(space_id=HOST_A, valid_on=date(2026, 11, 28), number=7, secret=1)
    assert (
        decide(forged, space_id=HOST_A, now=on_day, policy=POLICY, day_pass=record).reason
        is Reason.UNKNOWN_PASS
    )
    revoked = DayPassRecord(HOST_A, date(2026, 11, 28), 7, card.secret_hash(), revoked=True)
    assert decide(card, space_id=HOST_A, now=on_day, policy=POLICY, day_pass=revoked).admitted is False


@pytest.mark.parametrize(
    ("scanned", "reason", "key"),
    [
        (MalformedCode("x"), Reason.INVALID_CODE, "verdict.invalid_code"),
        (BadCheckSymbol("x"), Reason.INVALID_CODE, "verdict.invalid_code.check"),
        (ForeignCode("x"), Reason.FOREIGN_CODE, "verdict.foreign_code"),
        (UnsupportedVersion("x"), Reason.FOREIGN_CODE, "verdict.foreign_code.version"),
        (
            EnrollmentCode(space_id=1, number=1, secret=1),
            Reason.INVALID_CODE,
            "verdict.invalid_code.enrollment",
        ),
    ],
)
def test_codes_that_are_not_passes(scanned: object, reason: Reason, key: str) -> None:
    verdict = decide(scanned, space_id=HOST_A, now=local(2026, 11, 5, 9, 0), policy=POLICY)  # type: ignore[arg-type]
    assert (verdict.reason, verdict.message_key, verdict.admitted) == (reason, key, False)


def test_manual_check_in_and_override() -> None:
    now = local(2026, 11, 5, 9, 0)
    manual = decide_member(member(), space_id=HOST_A, now=now, policy=POLICY)
    assert manual.reason is Reason.GUEST_DAY
    override = staff_override(member(), space_id=HOST_A, now=now, policy=POLICY, offline=True)
    assert override.admitted and not override.counted and override.offline
    assert override.member_number == CARD.member_number


def test_verdict_survives_json_round_trip() -> None:
    verdict = scan(local(2026, 11, 5, 9, 0), HOST_A, [], offline=True)
    from kiosk.core.verdicts import Verdict

    assert Verdict.from_dict(verdict.to_dict()) == verdict
    assert verdict.to_dict()["admitted"] is True
