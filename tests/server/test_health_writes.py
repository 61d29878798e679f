"""A kiosk's health report is written only when it says something new or the stored one is a
minute old: a region's kiosks report with every pass (about every 30 s), and writing each one
put a write transaction per kiosk per pass in front of the check-ins on SQLite's single writer."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.engine import make_url

from netserver.db import Kiosk
from tests.server.conftest import World, enroll


def _stored(world: World) -> tuple[object, object, object]:
    with world.db.read() as session:
        row = session.execute(select(Kiosk.health, Kiosk.health_at, Kiosk.last_seen_at)).one()
    return row[0], row[1], row[2]


def test_an_unchanged_report_is_not_written_again_within_a_minute(world: World) -> None:
    with world.client() as client:
        headers = enroll(client, world.werben_code)
        report = {"version": "1.4.2", "queue": 0, "camera": "ok", "last_sync": None, "decoder_fps": 29.5}
        assert client.post("/api/v1/kiosk/health", json=report, headers=headers).json() == {"revoked": False}
        health, first_at, seen = _stored(world)
        assert health is not None and first_at is not None and seen is not None
        again = {**report, "decoder_fps": 30.1}  # moves with every pass: not news
        assert client.post("/api/v1/kiosk/health", json=again, headers=headers).status_code == 200
        assert _stored(world)[1] == first_at
        queued = {**report, "queue": 12}  # check-ins waiting: the admin must see it now
        assert client.post("/api/v1/kiosk/health", json=queued, headers=headers).status_code == 200
        health, second_at, _ = _stored(world)
        assert second_at != first_at and isinstance(health, dict) and health["queue"] == 12
        with world.db.write() as session:  # a minute later the same report refreshes the contact
            kiosk = session.scalars(select(Kiosk)).one()
            assert kiosk.health_at is not None
            kiosk.health_at -= timedelta(seconds=61)
            kiosk.last_seen_at = kiosk.health_at
        _, old_at, _ = _stored(world)
        assert client.post("/api/v1/kiosk/health", json=queued, headers=headers).status_code == 200
        _, third_at, seen_now = _stored(world)
        assert third_at != old_at and seen_now == third_at


def test_a_revoked_kiosk_hears_it_from_an_unchanged_report(world: World) -> None:
    with world.client() as client:
        headers = enroll(client, world.werben_code)
        report = {"version": "1.4.2", "queue": 0, "camera": "ok"}
        assert client.post("/api/v1/kiosk/health", json=report, headers=headers).json() == {"revoked": False}
        kiosk_id = client.get(
            "/api/v1/admin/kiosks", headers={"Authorization": f"Bearer {world.admin_token}"}
        ).json()[0]["id"]
        assert (
            client.post(
                f"/api/v1/admin/kiosks/{kiosk_id}/revoke",
                headers={"Authorization": f"Bearer {world.admin_token}"},
            ).status_code
            == 200
        )
        answer = client.post("/api/v1/kiosk/health", json=report, headers=headers).json()
        assert answer["revoked"] is True and answer["revoked_at"]


def test_an_unchanged_report_does_not_wait_for_the_writer(sqlite_world: World) -> None:
    world = sqlite_world
    with world.client() as client:
        headers = enroll(client, world.werben_code)
        report = {"version": "1.4.2", "queue": 0, "camera": "ok"}
        assert client.post("/api/v1/kiosk/health", json=report, headers=headers).status_code == 200
        holder = sqlite3.connect(str(make_url(world.url).database), isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # a long write elsewhere (an import) holds the file
        release = threading.Timer(10, holder.rollback)
        release.start()
        try:
            started = time.monotonic()
            answer = client.post("/api/v1/kiosk/health", json=report, headers=headers)
            took = time.monotonic() - started
        finally:
            release.cancel()
            holder.rollback()
            holder.close()
        assert answer.status_code == 200 and took < 2.0, took
