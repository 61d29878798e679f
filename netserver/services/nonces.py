"""Idempotency by nonce, one path for every way a check-in arrives (redeem, desk redeem, facts).

A nonce is a check-in's identity everywhere (DESIGN.md §5): a nonce stored before is a repeat
and gets the duplicate answer (a redeem of a nonce stored at another space is a conflict).
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


def is_repeat(prior: Prior | None, space_id: int, *, other_space_is_repeat: bool = False) -> bool:
    """True if the nonce was stored before (answer: duplicate, change nothing); False if it is
    new. A nonce stored at another space than `space_id` is a Conflict for a redeem; an upload
    (`other_space_is_repeat`) is a duplicate too (docs/api.md: facts are never refused for that)."""
    if prior is None:
        return False
    if prior.space_id != space_id and not other_space_is_repeat:
        raise Conflict("this nonce belongs to a check-in at another space")
    return True
