"""The network's calendar: days and months in the network's time zone, DST-correct."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TIMEZONE = "Europe/Berlin"


def utc_now() -> datetime:
    return datetime.now(UTC)


def require_aware(instant: datetime) -> datetime:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("a naive datetime has no place on the network's calendar")
    return instant


def valid_timezone(name: str) -> str:
    """`name` if it is a known IANA time zone; ValueError otherwise."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {name!r}") from exc
    return name


@dataclass(frozen=True)
class NetworkCalendar:
    """Calendar days and months as the network's members live them."""

    timezone: str = DEFAULT_TIMEZONE

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def local(self, instant: datetime) -> datetime:
        return require_aware(instant).astimezone(self.tz)

    def local_date(self, instant: datetime) -> date:
        return self.local(instant).date()

    def month_of(self, instant: datetime) -> tuple[int, int]:
        day = self.local_date(instant)
        return day.year, day.month

    def day_start(self, day: date) -> datetime:
        """The first instant of `day` in the network's zone, in UTC."""
        return datetime.combine(day, time(0), tzinfo=self.tz).astimezone(UTC)

    def day_bounds(self, day: date) -> tuple[datetime, datetime]:
        """[start, end) of a local day in UTC; 23 or 25 hours long on DST change days."""
        return self.day_start(day), self.day_start(day + timedelta(days=1))

    def month_bounds(self, year: int, month: int) -> tuple[datetime, datetime]:
        """[start, end) of a local calendar month in UTC."""
        first = date(year, month, 1)
        following = date(year + (month == 12), month % 12 + 1, 1)
        return self.day_start(first), self.day_start(following)


def same_month(a: date, b: date) -> bool:
    return (a.year, a.month) == (b.year, b.month)
