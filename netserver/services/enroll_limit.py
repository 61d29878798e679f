"""Rate limit of unauthenticated enrollment: at most `LIMIT` failed attempts per client address
in `WINDOW`; then every attempt from it (a valid code too) is refused with 429 until the
oldest failure leaves the window. The failures live in the database (`enroll_attempts`), so
every server process shares them.

An enrollment code carries 50 random bits, so guessing is hopeless anyway; the limit keeps a
script from burning CPU and log space. Behind a reverse proxy every client has the proxy's
address: the limit is then network-wide (the proxy should limit per client itself).
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..db import EnrollAttempt
from .clock import utc_now
from .errors import TooManyAttempts

LIMIT = 10
WINDOW = timedelta(minutes=10)


def check_allowed(session: Session, client: str, now: datetime | None = None) -> None:
    now = now or utc_now()
    since = now - WINDOW
    count, oldest = session.execute(
        select(func.count(), func.min(EnrollAttempt.at)).where(
            EnrollAttempt.client == client, EnrollAttempt.at > since
        )
    ).one()
    if count >= LIMIT:
        wait = math.ceil(((oldest + WINDOW) - now).total_seconds()) if oldest is not None else 60
        raise TooManyAttempts(
            f"too many failed enrollments from this address; try again in {max(wait, 1)} s",
            retry_after=max(wait, 1),
        )


def record_failure(session: Session, client: str, now: datetime | None = None) -> None:
    now = now or utc_now()
    session.execute(delete(EnrollAttempt).where(EnrollAttempt.at <= now - WINDOW))
    session.add(EnrollAttempt(client=client[:64], at=now))
    session.flush()
