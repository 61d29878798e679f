"""Staff decide on held facts (issue 16): `coworking-netserver conflicts count|dismiss ID`, the
same service as the web admin's page. Counting stores the check-in it describes (once; a retry
from the kiosk stays a duplicate); a fact still dated in the future is refused; dismissing
keeps it uncounted; both are final and in the audit log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from netserver.cli import main
from netserver.db import AuditEntry, Checkin
from netserver.services import conflicts
from netserver.services.kiosks import list_kiosks

from .conftest import World, backdate_kiosk, enroll
from .test_facts import fact, upload


def counted(world: World) -> int:
    with world.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(Checkin)) or 0)


def test_count_and_dismiss_held_facts(
    world: World, client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    werben = enroll(client, world.werben_code)
    with world.db.read() as session:
        kiosk_id = list_kiosks(session)[-1].id
    backdate_kiosk(world.db, kiosk_id, datetime.now(UTC) - timedelta(hours=1))
    early = fact(2, 10001, at=datetime.now(UTC) - timedelta(days=1))  # its clock was right after all
    later = fact(2, 10002, at=datetime.now(UTC) + timedelta(days=2))
    upload(client, werben, early, later)
    with world.db.read() as session:
        ids = {c.nonce: c.id for c in conflicts.held(session)}
    assert counted(world) == 0
    assert main(["--database-url", world.url, "conflicts"]) == 0
    listed = capsys.readouterr().out
    assert f"id {ids[early['nonce']]}\twaiting" in listed

    assert main(["--database-url", world.url, "conflicts", "count", str(ids[later["nonce"]])]) != 0
    assert "later than the server" in capsys.readouterr().err
    assert main(["--database-url", world.url, "conflicts", "count", str(ids[early["nonce"]])]) == 0
    assert counted(world) == 1
    assert [r["status"] for r in upload(client, werben, early)] == ["duplicate"]  # no second count
    assert counted(world) == 1
    assert main(["--database-url", world.url, "conflicts", "dismiss", str(ids[later["nonce"]])]) == 0
    assert main(["--database-url", world.url, "conflicts", "count", str(ids[later["nonce"]])]) != 0
    assert counted(world) == 1
    with world.db.read() as session:
        assert conflicts.held(session) == []
        decided = {c.nonce: (c.resolution, c.resolved_by) for c in conflicts.held(session, decided=True)}
        stored = session.scalar(select(Checkin).where(Checkin.nonce == early["nonce"]))
        actions = list(session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("conflict.%"))))
    assert decided == {early["nonce"]: ("counted", "cli"), later["nonce"]: ("dismissed", "cli")}
    assert stored is not None and stored.counted and stored.kiosk_id == kiosk_id
    assert sorted(actions) == ["conflict.counted", "conflict.dismissed"]
