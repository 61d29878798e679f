"""Property tests for the rules over random months of scans (hypothesis)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.calendar import NetworkCalendar
from kiosk.core.models import Visit
from kiosk.core.verdicts import Reason

from .rules_helpers import HOME, POLICY, member, scan

SPACES = [HOME, 2, 3, 4]
# Scans over three months that include both DST changes of 2026 and two month ends.
instants = st.integers(0, 92 * 24 * 60 - 1).map(
    lambda minutes: datetime(2026, 10, 1, tzinfo=UTC) + timedelta(minutes=minutes)
)
scans = st.lists(st.tuples(instants, st.sampled_from(SPACES)), max_size=40)
plans = st.sampled_from(["basis", "flex"])


@given(scans, plans)
def test_counted_guest_days_never_exceed_the_allowance_per_month(events: list, plan: str) -> None:  # type: ignore[type-arg]
    visits: list[Visit] = []
    record = member(plan=plan)
    for at, space in sorted(events):
        verdict = scan(at, space, visits, record)
        if verdict.reason is Reason.GUEST_DAY:
            assert verdict.guest_days_left is not None and verdict.guest_days_left >= 0
        assert verdict.counted == (verdict.reason is Reason.GUEST_DAY)
        assert (space == HOME) <= (verdict.reason is Reason.HOME_MEMBER)
    per_month = Counter((v.day.year, v.day.month) for v in visits if v.counted)
    assert all(n <= POLICY.guest_days_for(plan) for n in per_month.values())
    per_space_day = Counter((v.space_id, v.day) for v in visits if v.counted)
    assert all(n == 1 for n in per_space_day.values())


@given(scans)
def test_verdict_day_is_the_network_local_date(events: list) -> None:  # type: ignore[type-arg]
    calendar = NetworkCalendar("Europe/Berlin")
    for at, space in events:
        assert scan(at, space, [], remember=False).day == calendar.local_date(at)


@given(scans)
def test_a_second_scan_the_same_day_at_the_same_space_is_never_counted(events: list) -> None:  # type: ignore[type-arg]
    visits: list[Visit] = []
    seen: set[tuple[int, object]] = set()
    for at, space in sorted(events):
        verdict = scan(at, space, visits, member(plan="flex"))
        key = (space, verdict.day)
        if key in seen and verdict.admitted and space != HOME:
            assert verdict.reason is Reason.ALREADY_TODAY and not verdict.counted
        if verdict.admitted:
            seen.add(key)
