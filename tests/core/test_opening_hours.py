"""Opening hours: the accepted syntax, clear errors, the lines people read, closing times."""

from __future__ import annotations

from datetime import time

import pytest

from kiosk.core.opening_hours import OpeningHoursError, describe, parse


def test_days_and_times_are_read_and_described_in_both_languages() -> None:
    hours = parse("Mo-Fr 08:00-12:00,13:00-18:00; sa 10:00-14:00")
    assert hours.on(0) == ((time(8), time(12)), (time(13), time(18)))
    assert hours.on(6) == ()
    assert hours.closing_time(4) == time(18) and hours.closing_time(6) is None
    assert hours.is_open(5, time(11)) and not hours.is_open(0, time(12, 30))
    assert describe(hours, "de") == [("Mo–Fr", "08:00–12:00, 13:00–18:00"), ("Sa", "10:00–14:00")]
    assert describe(parse("Mo,We,Fr 09:00-15:00"), "en") == [("Mon, Wed, Fri", "09:00–15:00")]
    assert describe(parse(""), "de") == []


@pytest.mark.parametrize(
    "text",
    [
        "Mo 8-18",
        "Xy 08:00-18:00",
        "Fr-Mo 08:00-18:00",
        "Mo 18:00-08:00",
        "Mo 25:00-26:00",
        "Mo-Fr",
        "x" * 201,
    ],
)
def test_bad_text_is_a_clear_error(text: str) -> None:
    with pytest.raises(OpeningHoursError):
        parse(text)
