"""The local store on a real SQLite file: schema versions, outbox order, pages, retention."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.core.models import new_nonce
from kiosk.core.rules import decide_member
from kiosk.store import DatabaseTooNew, NewCheckin, OutboxKind, Store, StoreError, schema
from kiosk.store import connection as connection_module

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def page(**lists: object) -> dict[str, object]:
    return {"cursor": "x.1", "has_more": False, "full": True, **lists}


MEMBER = {
    "number": 10001, "display_name": "Anna Beispiel", "home_space_id": 1, "state": "active",
    "plan": "standard", "pass_serial": 1, "secret_hash": "00",
}  # fmt: skip


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "kiosk.sqlite3", space_id=2)
    s.apply_page(
        page(
            network={"name": "Testnetz", "timezone": "Europe/Berlin", "default_guest_days": 1},
            spaces=[{"id": 1, "slug": "a", "name": "A"}, {"id": 2, "slug": "b", "name": "B"}],
            members=[MEMBER],
        ),
        "x.1",
    )
    yield s
    s.close()


def checkin(store: Store, *, admitted: bool = True, at: datetime = NOW) -> NewCheckin:
    member = store.member(10001)
    assert member is not None
    verdict = decide_member(member, space_id=2, now=at, policy=store.policy(), offline=True)
    if not admitted:
        from dataclasses import replace

        from kiosk.core.verdicts import Reason

        verdict = replace(verdict, reason=Reason.GUEST_DAYS_USED, counted=False)
    c = NewCheckin(new_nonce(), at, 2, verdict, "scan", member_number=10001, pass_serial=1)
    store.record_checkin(c)
    return c


def test_fresh_database_is_wal_and_current(store: Store) -> None:
    conn = sqlite3.connect(store.db.path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_too_new_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={schema.SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(DatabaseTooNew):
        Store(path)


def test_migration_copies_the_file_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "k.sqlite3"
    Store(path, space_id=2).close()
    v2 = ("ALTER TABLE members ADD COLUMN note TEXT",)
    monkeypatch.setattr(connection_module, "MIGRATIONS", (*schema.MIGRATIONS, v2))
    monkeypatch.setattr(connection_module, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    s = Store(path)
    assert s.db.scalar("PRAGMA user_version") == schema.SCHEMA_VERSION + 1
    s.close()
    backup = tmp_path / f"k.sqlite3.v{schema.SCHEMA_VERSION}.bak"
    assert backup.exists()
    assert sqlite3.connect(backup).execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION


def test_checkin_is_durable_and_queued(tmp_path: Path, store: Store) -> None:
    c = checkin(store)
    reopened = Store(store.db.path)
    try:
        assert reopened.pending_count() == 1
        item = reopened.next_batch()[0]
        assert item.kind is OutboxKind.CHECKIN and item.id == c.nonce
        assert item.payload["member_number"] == 10001 and item.payload["offline"] is True
        assert reopened.checkin(c.nonce) is not None
    finally:
        reopened.close()


def test_outbox_order_and_batches(store: Store) -> None:
    denied = checkin(store, admitted=False)
    admitted = [checkin(store, at=NOW + timedelta(seconds=i)) for i in range(3)]
    store.record_annulment(item_id=new_nonce(), nonce=admitted[0].nonce, staff_id=1, reason="wrong", at=NOW)
    first = store.next_batch(2)
    assert [i.id for i in first] == [admitted[0].nonce, admitted[1].nonce]
    store.mark_results(OutboxKind.CHECKIN, [i.id for i in first], {}, [], NOW)
    second = store.next_batch()
    assert [i.id for i in second] == [admitted[2].nonce]  # one kind per batch
    store.mark_results(OutboxKind.CHECKIN, [admitted[2].nonce], {}, [], NOW)
    assert store.next_batch()[0].kind is OutboxKind.ANNULMENT
    store.mark_results(OutboxKind.ANNULMENT, [store.next_batch()[0].id], {}, [], NOW)
    assert [i.id for i in store.next_batch()] == [denied.nonce]  # denials last
    store.mark_results(OutboxKind.CHECKIN, [], {denied.nonce: "validation_error"}, [], NOW)
    assert store.pending_count() == 0 and store.rejected_count() == 1


def test_visits_see_usage_and_own_queue_once(store: Store) -> None:
    c = checkin(store)
    assert len(store.visits(10001, date(2026, 11, 22))) == 1
    usage = {"nonce": c.nonce, "member_number": 10001, "space_id": 2, "day": "2026-11-22", "counted": True}
    store.apply_page(page(usage=[usage]), "x.2")
    assert len(store.visits(10001, date(2026, 11, 22))) == 1  # the same nonce is one visit
    assert store.cursor == "x.2"
    store.record_annulment(item_id=new_nonce(), nonce=c.nonce, staff_id=1, reason="oops", at=NOW)
    assert store.visits(10001, date(2026, 11, 22)) == []


def test_page_upserts_and_deletes(store: Store) -> None:
    event = {"id": 5, "space_id": 1, "title": "Talk", "starts_at": "2026-11-22T17:00:00Z",
             "ends_at": "2026-11-22T19:00:00+00:00"}  # fmt: skip
    store.apply_page(page(events=[event], members=[{**MEMBER, "display_name": "Anna B."}]), "x.3")
    assert store.member(10001).display_name == "Anna B."  # type: ignore[union-attr]
    found = store.events_between(NOW, NOW + timedelta(days=1))
    assert [e.title for e in found] == ["Talk"]
    store.apply_page(page(deleted=[{"kind": "event", "id": 5}]), "x.4")
    assert store.events_between(NOW, NOW + timedelta(days=1)) == []
    assert [m.number for m in store.search_members("anna")] == [10001]
    assert [m.number for m in store.search_members("10001")] == [10001]


def test_retention_removes_uploaded_old_checkins_only(store: Store) -> None:
    old = checkin(store, at=NOW - timedelta(days=10))
    old_pending = checkin(store, at=NOW - timedelta(days=9))
    recent = checkin(store, at=NOW - timedelta(hours=1))
    store.mark_results(OutboxKind.CHECKIN, [old.nonce, recent.nonce], {}, [], NOW - timedelta(days=8))
    store.cleanup(NOW, retention_days=7)
    assert store.checkin(old.nonce) is None
    assert store.checkin(old_pending.nonce) is not None  # not uploaded yet: kept
    assert store.checkin(recent.nonce) is not None
    assert store.pending_count() == 1


def test_no_commit_checkpoints_the_sync_thread_does(store: Store) -> None:
    assert store.db.scalar("PRAGMA wal_autocheckpoint") == 0
    for i in range(300):  # ~1,500 WAL frames: an auto-checkpoint would have run in a commit
        checkin(store, at=NOW + timedelta(seconds=i))
    busy, frames, done = store.db.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    assert (busy, done) == (0, frames) and frames > 1000  # all of it was still in the WAL


def test_a_waiting_checkin_goes_before_the_next_background_write(store: Store) -> None:
    """The sync thread writes page after page; a check-in that waits is next, not starved."""
    order: list[str] = []
    first_page_open, release = threading.Event(), threading.Event()

    def sync_thread() -> None:
        with store.db.transaction(background=True):
            first_page_open.set()
            release.wait(10)
            order.append("page 1")
        with store.db.transaction(background=True):  # at once: the check-in waits already
            order.append("page 2")

    gate = store.db._gate
    sync = threading.Thread(target=sync_thread)
    sync.start()
    assert first_page_open.wait(10)
    kiosk = threading.Thread(target=lambda: (checkin(store), order.append("checkin")))
    kiosk.start()
    while gate._foreground_waiting == 0:
        time.sleep(0.001)
    release.set()
    kiosk.join(10)
    sync.join(10)
    assert order == ["page 1", "checkin", "page 2"]


def test_a_nested_write_transaction_is_a_bug_not_a_hang(store: Store) -> None:
    with store.db.transaction(), pytest.raises(StoreError):
        store.set_meta("x", "1")
    assert store.get_meta("x") is None
