"""What kiosk and server exchange, defined once: the timestamp format of the HTTP API.

Both sides write times as `2026-11-22T09:15:02.123Z` (UTC, milliseconds) and read any ISO 8601
form with an offset (or none: then UTC).
"""

from __future__ import annotations

from datetime import UTC, datetime


def iso_utc(instant: datetime) -> str:
    """`2026-11-22T09:15:02.123Z`, as the API writes times."""
    return instant.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_iso(value: str) -> datetime:
    """An ISO 8601 time as an aware datetime (UTC when it carries no offset); ValueError if not one."""
    parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def parse_server_time(value: str | None) -> datetime | None:
    """The `X-Server-Time` header as an aware UTC datetime; None if missing or unreadable."""
    if not value:
        return None
    try:
        return parse_iso(value).astimezone(UTC)
    except ValueError:
        return None
