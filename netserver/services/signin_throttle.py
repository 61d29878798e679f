"""Sign-in attempts slowed, then locked, after repeated failures (state in the database, so
every server process sees it).

Each key (the sign-in name, the client address) counts failures. From the `FREE`-th failure on,
the key is locked for a time that doubles with every further failure, up to `MAX_LOCK`; while
locked, no password is checked at all. A success clears the name's count. Failures are
forgotten `FORGET` after the last one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy.orm import Session

from ..db import SignInThrottle

FREE: Final = 3  # failures before the first lock
FIRST_LOCK: Final = timedelta(seconds=5)
MAX_LOCK: Final = timedelta(minutes=15)
FORGET: Final = timedelta(hours=1)


def lock_for(failures: int) -> timedelta:
    if failures < FREE:
        return timedelta(0)
    wait: timedelta = FIRST_LOCK * 2 ** min(failures - FREE, 20)
    return min(wait, MAX_LOCK)


def locked_until(session: Session, keys: Iterable[str], now: datetime) -> datetime | None:
    """The latest lock on any of `keys` that is still in force, or None."""
    latest: datetime | None = None
    for key in keys:
        row = session.get(SignInThrottle, key)
        if row is not None and row.locked_until is not None and row.locked_until > now:
            latest = row.locked_until if latest is None else max(latest, row.locked_until)
    return latest


def record_failure(session: Session, keys: Iterable[str], now: datetime) -> None:
    for key in keys:
        row = session.get(SignInThrottle, key, with_for_update=True)
        if row is None:
            row = SignInThrottle(key=key, failures=0, last_failure_at=now)
            session.add(row)
        elif now - row.last_failure_at > FORGET:
            row.failures = 0
        row.failures += 1
        row.last_failure_at = now
        wait = lock_for(row.failures)
        row.locked_until = now + wait if wait else None
    session.flush()


def clear(session: Session, key: str) -> None:
    row = session.get(SignInThrottle, key)
    if row is not None:
        session.delete(row)
        session.flush()
