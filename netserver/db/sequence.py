"""The network-wide change sequence.

Before every flush, each new or changed `Synced` row gets the next number from the single
`change_counter` row. The counter row is updated inside the writing transaction, so it stays
locked until commit (PostgreSQL row lock; SQLite's write lock): sequence order is commit order
and a reader that sees sequence N has seen every change numbered below N.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, text
from sqlalchemy.orm import Session

from .base import Synced

_BUMP = text("UPDATE change_counter SET value = value + :n WHERE id = 1 RETURNING value")


def _changed(session: Session) -> list[Synced]:
    rows: list[Synced] = [obj for obj in session.new if isinstance(obj, Synced)]
    rows += [obj for obj in session.dirty if isinstance(obj, Synced) and session.is_modified(obj)]
    return rows


def _before_flush(session: Session, flush_context: Any, instances: Any) -> None:
    rows = _changed(session)
    if not rows:
        return
    top = session.connection().execute(_BUMP, {"n": len(rows)}).scalar_one()
    first = int(top) - len(rows) + 1
    for offset, row in enumerate(rows):
        row.seq = first + offset


def install(session_class: type[Session] = Session) -> None:
    """Idempotent: listen on all sessions of `session_class`."""
    if not event.contains(session_class, "before_flush", _before_flush):
        event.listen(session_class, "before_flush", _before_flush)


def current(session: Session) -> int:
    return int(session.execute(text("SELECT value FROM change_counter WHERE id = 1")).scalar_one())


def serialize_writes(session: Session) -> None:
    """Take the change counter's row lock now (PostgreSQL), before any other row lock.

    Lock order for every writing transaction: change counter, then member rows. SQLite needs
    nothing here: `Database.write()` starts with BEGIN IMMEDIATE, which serialises writers.
    """
    if session.get_bind().dialect.name != "sqlite":
        session.execute(text("SELECT value FROM change_counter WHERE id = 1 FOR UPDATE"))
