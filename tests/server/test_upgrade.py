"""Upgrades keep data: a database at the previous released schema, filled with realistic data
(the seeded Altmark demo network plus a kiosk's uploads, made by the current services and
copied column by column into the old schema), upgraded to head; every old row is unchanged
and the upgraded database serves sync, redeem and the report. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import MetaData, create_engine, insert, select, text

from kiosk.core.calendar import NetworkCalendar
from kiosk.core.credentials import MemberPass, parse
from kiosk.core.models import new_nonce
from netserver import demo
from netserver.api.app import create_app
from netserver.db import Database, Member
from netserver.db.migrate import upgrade
from netserver.db.name_key import name_key
from netserver.services import member_admin
from netserver.services.clock import utc_now
from netserver.services.kiosks import kiosk_overview
from netserver.services.report import build_report
from netserver.services.tokens import create_admin_token
from netserver.settings import Settings

from .conftest import enroll
from .databases import empty_database

# The schema of the last release before the current development line: revision 0002 (commit
# 2c3f4ca, "the door's truth wins"); 0003_i15 and later came after it.
PREVIOUS = "0002"
KINDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def _populate(url: str) -> dict[str, str]:
    """The demo network and a kiosk that uploaded check-ins; the kiosk's auth header."""
    db = Database(url)
    try:
        network = demo.seed(db, NetworkCalendar(demo.TIMEZONE).local_date(utc_now()), space="stendal")
        with db.write() as session:
            create_admin_token(session, "upgrade test")
        with TestClient(create_app(Settings(database_url=url, feed_fetch=False), db=db)) as client:
            kiosk = enroll(client, network.enrollment_code)
            guests = [parse(text) for text in list(network.passes.values())[-5:]]
            items = [
                {
                    "nonce": new_nonce(),
                    "occurred_at": datetime.now(UTC).isoformat(),
                    "space_id": network.space_id,
                    "member_number": guest.member_number,
                    "pass_serial": guest.serial,
                    "reason": "guest_day",
                    "admitted": True,
                    "counted": True,
                }
                for guest in guests
                if isinstance(guest, MemberPass)
            ]
            answer = client.post("/api/v1/checkins", headers=kiosk, json={"items": items})
            assert answer.status_code == 200, answer.text
        return kiosk
    finally:
        db.dispose()


def _copy(source_url: str, target_url: str) -> None:
    """Every row of the target's (old) tables, in the target's columns, from the source."""
    source, target = create_engine(source_url), create_engine(target_url)
    old, new = MetaData(), MetaData()
    old.reflect(target)
    new.reflect(source)
    try:
        with source.connect() as src, target.begin() as dst:
            for table in reversed(old.sorted_tables):  # rows the migrations made (the counter)
                if table.name != "alembic_version":
                    dst.execute(table.delete())
            for table in old.sorted_tables:
                if table.name == "alembic_version":
                    continue
                current = new.tables[table.name]
                query = select(*[current.columns[c.name] for c in table.columns])
                rows = [dict(r._mapping) for r in src.execute(query)]
                if rows:
                    dst.execute(insert(table), rows)
            if target.dialect.name == "postgresql":  # serial counters as a real old database has them
                for table in old.sorted_tables:
                    if "id" in table.columns and table.columns["id"].autoincrement is True:
                        dst.execute(
                            text(
                                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                f'COALESCE((SELECT max(id) FROM "{table.name}"), 0) + 1, false)'
                            )
                        )
    finally:
        source.dispose()
        target.dispose()


def _table_columns(url: str) -> dict[str, list[str]]:
    engine = create_engine(url)
    meta = MetaData()
    try:
        meta.reflect(engine)
    finally:
        engine.dispose()
    return {t.name: [c.name for c in t.columns] for t in meta.sorted_tables if t.name != "alembic_version"}


def _dump(url: str, columns: dict[str, list[str]]) -> dict[str, list[tuple[Any, ...]]]:
    engine = create_engine(url)
    meta = MetaData()
    meta.reflect(engine)
    dump: dict[str, list[tuple[Any, ...]]] = {}
    try:
        with engine.connect() as conn:
            for table in meta.sorted_tables:
                if table.name not in columns:
                    continue
                names = columns[table.name]
                query = select(*[table.columns[n] for n in names])  # JSON has no order in PostgreSQL
                dump[table.name] = sorted((tuple(row) for row in conn.execute(query)), key=repr)
    finally:
        engine.dispose()
    return dump


@pytest.mark.parametrize("kind", KINDS)
def test_upgrade_from_the_previous_schema_keeps_every_row(kind: str, tmp_path: Path) -> None:
    with empty_database(kind, tmp_path) as current, empty_database(kind, tmp_path) as old:
        upgrade(current)
        kiosk = _populate(current)
        upgrade(old, PREVIOUS)
        _copy(current, old)
        columns = _table_columns(old)
        before = _dump(old, columns)
        assert sum(len(rows) for rows in before.values()) > 100  # a realistic amount of data
        assert before["checkins"] and before["members"] and before["kiosks"]

        upgrade(old)  # what the systemd unit's ExecStartPre runs
        after = _dump(old, columns)
        assert after == before

        db = Database(old)
        try:
            with TestClient(create_app(Settings(database_url=old, feed_fetch=False), db=db)) as client:
                page = client.get("/api/v1/sync", headers=kiosk)  # the same kiosk token still works
                assert page.status_code == 200 and page.json()["members"]
                health = client.post("/api/v1/kiosk/health", headers=kiosk, json={"version": "0.1.0"})
                assert health.status_code == 200 and health.json() == {"revoked": False}
            with db.read() as session:
                now = utc_now()
                assert build_report(session, now.year, now.month)
                assert [row.version for row in kiosk_overview(session)] == ["0.1.0"]
                # the name search key was filled from the old rows (migration 0011_i19_links)
                keys = session.execute(select(Member.display_name, Member.name_key)).all()
                assert keys and all(key == name_key(name) for name, key in keys)
                found = member_admin.search(session, keys[0][0].upper()).members
                assert keys[0][0] in [m.display_name for m in found]
            with db.write() as session:  # new rows still get fresh ids
                create_admin_token(session, "after the upgrade")
        finally:
            db.dispose()
