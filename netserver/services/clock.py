"""The server's notion of now (UTC), in one place so tests can pass their own.

`frozen(instant)` makes every `utc_now()` of this process answer `instant` (tests of what
happens after a pop-up's end, docs/popups.md); the server itself never calls it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

_fixed: list[datetime] = []


def utc_now() -> datetime:
    return _fixed[-1] if _fixed else datetime.now(UTC)


@contextmanager
def frozen(instant: datetime) -> Iterator[None]:
    if instant.tzinfo is None:
        raise ValueError("frozen() needs an aware datetime")
    _fixed.append(instant.astimezone(UTC))
    try:
        yield
    finally:
        _fixed.pop()
