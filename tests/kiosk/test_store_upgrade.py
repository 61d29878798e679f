"""The kiosk's database keeps its data across a schema migration (issue 18, item 5).

The kiosk store has had one schema so far (V1, `PRAGMA user_version` 1, kiosk/store/schema.py),
which is what every released kiosk wrote. This test fills a V1 database the real way (a sync
from a real server process, offline check-ins queued), then opens it with software that knows
one more schema version (a further migration at the MIGRATIONS seam, as the next release will
add one): every row is kept, the file was copied first, the queue still uploads exactly once.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk.services.composition import KioskServices
from kiosk.services.config import KeyringTokenStore
from kiosk.store import connection as connection_module
from kiosk.store import schema

from .conftest import KioskFactory
from .netserver_proc import NetServer

NEXT = ("ALTER TABLE members ADD COLUMN note TEXT", "CREATE INDEX outbox_kind ON outbox (kind, state)")


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        dump = {}
        for table in tables:
            names = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            old = [n for n in names if not (table == "members" and n == "note")]
            columns = ", ".join(f'"{n}"' for n in old)
            dump[table] = sorted(conn.execute(f'SELECT {columns} FROM "{table}"').fetchall(), key=repr)
        return dump
    finally:
        conn.close()


def test_a_populated_kiosk_database_survives_the_next_migration(
    own_server: NetServer, make_kiosk: KioskFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, here = own_server.add_space("Home"), own_server.add_space("Here")
    passes = [own_server.add_member(f"Member {i}", home.space_id)[1] for i in range(30)]
    own_server.add_staff("Desk", here.space_id, "135790")
    kiosk = make_kiosk(own_server, here.space_id)
    assert kiosk.engine.run_once().ok
    own_server.stop()
    nonces = [kiosk.checkin.check_in(text).nonce for text in passes[:10]]  # queued offline
    config, path = kiosk.config, kiosk.store.db.path
    kiosk.close()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    before = _rows(path)
    assert len(before["members"]) == 30 and len(before["outbox"]) >= 10 and before["staff"]

    monkeypatch.setattr(connection_module, "MIGRATIONS", (*schema.MIGRATIONS, NEXT))
    monkeypatch.setattr(connection_module, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    upgraded = KioskServices.open(config, token_store=KeyringTokenStore())
    try:
        assert upgraded.store.db.scalar("PRAGMA user_version") == schema.SCHEMA_VERSION + 1
        assert _rows(path) == before
        assert Path(f"{path}.v{schema.SCHEMA_VERSION}.bak").exists()
        assert upgraded.store.pending_count() == len(before["outbox"])
        own_server.start()
        assert upgraded.engine.run_once().ok
        stored = {row["nonce"] for row in own_server.checkins(space_id=here.space_id)}
        assert stored == set(nonces) and upgraded.store.pending_count() == 0
        assert upgraded.checkin.check_in(passes[11]).verdict.admitted
    finally:
        upgraded.close()
