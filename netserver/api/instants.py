"""`Instant`: an aware datetime a request may carry, refused with a 422 outside the years the
network can hold.

`0001-01-01T00:00:00+14:00` is a valid ISO 8601 text, but in UTC it lies before year 1, so
converting it (which every comparison with a stored time does) raises OverflowError, a 500.
The API takes instants between 2000-01-01 and 2999-12-31 (UTC) and answers anything else with
`validation_error` naming the field.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime
from pydantic_core import PydanticCustomError

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2999, 12, 31, 23, 59, 59, tzinfo=UTC)


def check_instant(value: datetime) -> datetime:
    """`value` (unchanged) if it lies in [EARLIEST, LATEST]; a validation error otherwise."""
    try:
        utc = value.astimezone(UTC)
    except (OverflowError, ValueError):
        utc = None
    if utc is None or not EARLIEST <= utc <= LATEST:
        raise PydanticCustomError(
            "instant_out_of_range",
            "must be a time between {earliest} and {latest} (UTC)",
            {"earliest": "2000-01-01T00:00:00Z", "latest": "2999-12-31T23:59:59Z"},
        )
    return value


Instant = Annotated[AwareDatetime, AfterValidator(check_instant)]


FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2999, 12, 31)


def check_day(value: date) -> date:
    """`value` if it lies in [FIRST_DAY, LAST_DAY]; a validation error otherwise."""
    if not FIRST_DAY <= value <= LAST_DAY:
        raise PydanticCustomError(
            "day_out_of_range",
            "must be a day between {first} and {last}",
            {"first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()},
        )
    return value


Day = Annotated[date, AfterValidator(check_day)]
