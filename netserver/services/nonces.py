"""Idempotency by nonce, one path for every way a check-in arrives (redeem, desk redeem, facts).

A nonce is a check-in's identity everywhere (DESIGN.md §5): a nonce stored before at the same
space is a repeat and gets the duplicate answer; one stored at another space is a conflict.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import Checkin
from .errors import Conflict
from .usage import chunks


@dataclass(frozen=True, slots=True)
class Prior:
    """What is stored under a nonce already."""

    space_id: int
    online: bool  # an online redeem (not an uploaded fact)


def priors(session: Session, nonces: Collection[str]) -> dict[str, Prior]:
    """The nonces among `nonces` stored before, one query per chunk."""
    found: dict[str, Prior] = {}
    for batch in chunks(nonces):
        query = select(Checkin.nonce, Checkin.space_id, Checkin.offline).where(Checkin.nonce.in_(batch))
        found.update(
            (nonce, Prior(space_id, not offline)) for nonce, space_id, offline in session.execute(query)
        )
    return found


def is_repeat(prior: Prior | None, space_id: int) -> bool:
    """True if the nonce was stored before at `space_id` (answer: duplicate, change nothing);
    False if it is new. Conflict if it belongs to a check-in at another space."""
    if prior is None:
        return False
    if prior.space_id != space_id:
        raise Conflict("this nonce belongs to a check-in at another space")
    return True
