"""The web admin's member import works in a worker thread, never on the server's event loop
(issue 14): while an import waits for the database, the process still answers kiosks. And the
preview is made in a read transaction, so a member edited between it and the commit is caught by
the commit's own check and shown as a new preview.

A real server process and a real SQLite file; the test holds SQLite's write lock itself."""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import httpx2 as httpx
import pytest
from sqlalchemy.orm import Session

from netserver.db import Database, Member
from netserver.services import import_admin, members
from tests.server.conftest import LiveServer, start_server, stop_server

from .conftest import AdminWorld, signed_in_over_http

CSV = b"number;name;home space\n30001;Carla Lindenberg-Oyelaran;werben\n10001;Anna Neu;stendal\n"


@pytest.fixture
def live(admin_world: AdminWorld, tmp_path: Path) -> Iterator[LiveServer]:
    server = start_server(admin_world.world.url, tmp_path / "uvicorn.log")
    yield server
    stop_server(server)


def _field(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]+)"', page)
    assert found, page[-800:]
    return found.group(1)


def test_an_import_waiting_for_the_write_lock_does_not_stop_the_server(
    live: LiveServer, admin_world: AdminWorld
) -> None:
    with httpx.Client(base_url=live.base_url, timeout=30) as client:
        csrf = signed_in_over_http(client, "coord")
        page = client.post(
            "/admin/import/preview", data={"csrf": csrf}, files={"file": ("members.csv", CSV, "text/csv")}
        ).text
        form = {"csrf": csrf, "data": _field(page, "data"), "shown": _field(page, "shown")}
        answer: dict[str, httpx.Response] = {}
        lock = sqlite3.connect(admin_world.world.url.removeprefix("sqlite:///"), isolation_level=None)
        started = time.monotonic()
        try:
            lock.execute("BEGIN IMMEDIATE")  # someone else writing, for as long as we like
            committing = threading.Thread(
                target=lambda: answer.update(done=client.post("/admin/import/commit", data=form))
            )
            committing.start()
            time.sleep(0.5)  # the commit is in, waiting for the lock
            started = time.monotonic()
            health = httpx.get(f"{live.base_url}/api/v1/health", timeout=10)
            waited = time.monotonic() - started
            assert health.status_code == 200 and waited < 1.0, f"health answered after {waited:.1f} s"
            assert committing.is_alive(), "the commit should still wait for the lock"
        finally:
            # held 3 s in all (the server's writers wait up to 5 s): on the event loop, the
            # commit kept health waiting this long
            time.sleep(max(0.0, 2.5 - (time.monotonic() - started)))
            lock.execute("ROLLBACK")
            lock.close()
        committing.join(timeout=30)
    assert answer["done"].status_code == 200 and "Importiert: 1 neu, 1 geändert" in answer["done"].text
    with admin_world.world.db.read() as session:
        assert members.get_member(session, 10001).display_name == "Anna Neu"
        assert session.get(Member, 30001) is not None


class EditedMeanwhile(Database):
    """Someone renames Anna just before the import's writing transaction begins: after the
    preview (made in its own read transaction) and before the commit."""

    edited = False

    def write(self) -> AbstractContextManager[Session]:
        if not self.edited:
            self.edited = True
            with super().write() as session:
                members.update_member(session, 10001, display_name="Anna Other")
        return super().write()


def test_a_member_edited_between_preview_and_commit_shows_a_new_preview(admin_world: AdminWorld) -> None:
    db = EditedMeanwhile(admin_world.world.url)
    try:
        shown = import_admin.fingerprint(import_admin.preview_file(db, CSV, None, "other space"))
        with pytest.raises(import_admin.ChangedSincePreview) as changed:
            import_admin.commit_previewed(db, CSV, shown, None, "other space", "admin:test")
        (anna,) = [m for m in changed.value.plan.members if m.number == 10001]
        assert anna.before is not None and anna.before[0] == "Anna Other"  # the new preview
        with db.read() as session:
            assert members.get_member(session, 10001).display_name == "Anna Other"
            assert session.get(Member, 30001) is None  # all or nothing
    finally:
        db.dispose()
