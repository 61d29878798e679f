"""Rate limit for wrong member page links, per client address, with its state in the database
(every server process sees the same counts). The address is stored as SHA-256, not as is."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..db import LinkFailure
from .clock import utc_now

WINDOW = timedelta(minutes=10)
MAX_FAILURES = 10  # wrong links per client address and window; then every link answers 429


def client_key(address: str) -> str:
    return hashlib.sha256(("member-link:" + address).encode("utf-8")).hexdigest()


def blocked(session: Session, address: str) -> bool:
    since = utc_now() - WINDOW
    count = session.scalar(
        select(func.count())
        .select_from(LinkFailure)
        .where(LinkFailure.client == client_key(address), LinkFailure.at >= since)
    )
    return int(count or 0) >= MAX_FAILURES


def record_failure(session: Session, address: str) -> None:
    now = utc_now()
    key = client_key(address)
    session.execute(delete(LinkFailure).where(LinkFailure.client == key, LinkFailure.at < now - WINDOW))
    session.add(LinkFailure(client=key, at=now))
    session.flush()
