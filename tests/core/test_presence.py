"""Who is here (kiosk/core/presence.py): stays end at check-out or closing time, by the hour."""

from __future__ import annotations

from datetime import UTC, date, datetime

from kiosk.core.calendar import NetworkCalendar
from kiosk.core.presence import Movement, by_hour, closing_instant, hour_bounds, is_present, present, stays

CAL = NetworkCalendar("Europe/Berlin")
FRIDAY = date(2026, 12, 4)  # CET: local = UTC + 1
HOURS = "Mo-Fr 08:00-18:00; Sa 10:00-14:00"


def at(hour: int, minute: int = 0, day: date = FRIDAY) -> datetime:
    """A local time of `day` as a UTC instant (winter: one hour behind)."""
    return datetime(day.year, day.month, day.day, hour - 1, minute, tzinfo=UTC)


def test_a_stay_ends_at_closing_time_without_a_check_out():
    found = stays([Movement("m:1", at(9), True)], FRIDAY, HOURS, CAL)
    assert [(s.start, s.end) for s in found] == [(at(9), at(18))]
    assert present(found, at(17, 59)) == 1
    assert present(found, at(18)) == 0


def test_a_check_out_ends_the_stay_and_a_new_check_in_starts_another():
    moves = [
        Movement("m:1", at(9), True),
        Movement("m:1", at(12), False),
        Movement("m:1", at(14), True),
        Movement("m:2", at(10), True),
        Movement("m:2", at(10, 30), True),  # scanned twice: one stay
    ]
    found = stays(moves, FRIDAY, HOURS, CAL)
    assert sorted((s.who, s.start, s.end) for s in found) == [
        ("m:1", at(9), at(12)),
        ("m:1", at(14), at(18)),
        ("m:2", at(10), at(18)),
    ]
    assert present(found, at(13)) == 1 and not is_present(found, "m:1", at(13))
    assert present(found, at(15)) == 2 and is_present(found, "m:1", at(15))


def test_without_hours_on_a_closed_day_or_after_closing_a_stay_ends_with_the_day():
    midnight = CAL.day_start(date(2026, 12, 5))
    assert stays([Movement("m:1", at(9), True)], FRIDAY, "", CAL)[0].end == midnight
    sunday = date(2026, 12, 6)
    assert stays([Movement("m:1", at(11, day=sunday), True)], sunday, HOURS, CAL)[0].end == CAL.day_start(
        date(2026, 12, 7)
    )
    evening = stays([Movement("m:1", at(19), True)], FRIDAY, HOURS, CAL)[0]
    assert evening.end == midnight  # an evening event after closing: here until the day ends
    assert closing_instant(FRIDAY, "Mo-Fr 08:00-24:00", CAL) == midnight
    assert closing_instant(FRIDAY, "not hours", CAL) is None


def test_by_hour_counts_everybody_here_at_some_time_in_the_hour():
    moves = [
        Movement("m:1", at(9, 30), True),
        Movement("m:1", at(11, 10), False),
        Movement("d:7", at(10, 45), True),
    ]
    counts = by_hour(stays(moves, FRIDAY, HOURS, CAL), FRIDAY, CAL)
    assert counts[8] == 0 and counts[9] == 1 and counts[10] == 2 and counts[11] == 2
    assert counts[12] == 1 and counts[17] == 1 and counts[18] == 0


def test_hours_follow_the_network_clock_on_a_dst_day():
    spring = hour_bounds(date(2026, 3, 29), CAL)  # 02:00 does not exist
    assert len(spring) == 24 and spring[2][0] == spring[2][1]
    autumn = hour_bounds(date(2026, 10, 25), CAL)  # 02:00 twice
    assert (autumn[2][1] - autumn[2][0]).total_seconds() == 7200
