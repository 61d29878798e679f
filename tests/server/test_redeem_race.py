"""The same nonce redeemed twice at once, where no member lock orders the two (an unreadable
code): the second insert finds the first committed meanwhile and answers as its duplicate, or
as a conflict if it came from another space (services/redeem.py `_store`).

On PostgreSQL the second redeem has decided and waits in its insert for the first to commit; on
SQLite it waits for the write lock and then sees a plain repeat. Both must answer the same.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from kiosk.core.models import new_nonce
from netserver.db import Checkin
from netserver.services import redeem_queries
from netserver.services.errors import Conflict
from netserver.services.redeem import Redeemed, redeem

from .conftest import World

_WAITING = text(
    "SELECT count(*) > 0 FROM pg_stat_activity"
    " WHERE datname = current_database() AND wait_event_type = 'Lock'"
)


def _waiting_for_a_lock(world: World) -> bool:
    if world.db.is_sqlite:
        return True  # its writer waits in BEGIN IMMEDIATE; nothing to see
    with world.db.read() as session:
        return bool(session.scalar(_WAITING))


@pytest.mark.parametrize("second_space", [2, 3])
def test_same_nonce_committed_meanwhile(
    world: World, second_space: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    nonce, now = new_nonce(), datetime.now(UTC)
    inserted: list[bool] = []
    insert = redeem_queries.insert_checkin

    def watched(session: Session, values: dict[str, Any]) -> bool:
        inserted.append(insert(session, values))
        return inserted[-1]

    monkeypatch.setattr(redeem_queries, "insert_checkin", watched)

    def scan(session: Session, space_id: int) -> Redeemed:
        return redeem(session, space_id=space_id, kiosk_id=None, nonce=nonce, code="NOT-A-PASS",
                      scanned_at=now, now=now)  # fmt: skip

    def second() -> Redeemed:
        with world.db.write() as session:
            return scan(session, second_space)

    with ThreadPoolExecutor(1) as pool:
        with world.db.write() as session:
            first = scan(session, 2)
            later = pool.submit(second)
            deadline = time.monotonic() + 10
            while not _waiting_for_a_lock(world) and time.monotonic() < deadline:
                time.sleep(0.02)
            time.sleep(0.2)
        if second_space == 2:
            again = later.result(timeout=30)
            assert first.duplicate is False and again.duplicate is True
            assert again.verdict == first.verdict and first.verdict["reason"] == "foreign_code"
        else:
            with pytest.raises(Conflict):
                later.result(timeout=30)
    # PostgreSQL: the second had decided and its insert found the first (SQLite: a plain repeat)
    assert inserted == ([True] if world.db.is_sqlite else [True, False])
    with world.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Checkin).where(Checkin.nonce == nonce)) == 1
