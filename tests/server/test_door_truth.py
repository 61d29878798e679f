"""The door's truth wins: an online redeem that ran over the kiosk's budget is replaced by the
fact the kiosk uploads later with the same nonce, when the two verdicts differ."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from kiosk.core.models import new_nonce
from netserver.db import AuditEntry, Checkin, Overshoot

from .conftest import World, enroll
from .test_facts import fact, upload
from .test_redeem import reason, redeem
from .test_sync import pull


def tangermuende(world: World, client: TestClient) -> dict[str, str]:
    admin = {"Authorization": f"Bearer {world.admin_token}"}
    code = client.post("/api/v1/admin/enrollment-codes", json={"space": 3}, headers=admin).json()["code"]
    return enroll(client, code)


def test_server_denied_door_admitted_counts_the_guest_day(world: World, client: TestClient) -> None:
    werben, tanger = enroll(client, world.werben_code), tangermuende(world, client)
    used = fact(3, 10001)
    assert upload(client, tanger, used)[0]["status"] == "stored"  # Anna's one guest day
    cursor = pull(client, werben)["cursor"]
    nonce = new_nonce()
    assert reason(redeem(client, werben, world.anna.text, nonce)) == "guest_days_used"  # over budget
    door = fact(2, 10001, nonce=nonce)  # the kiosk decided locally (stale usage): admitted
    assert upload(client, werben, door) == [{"id": nonce, "status": "stored"}]
    with world.db.read() as session:
        row = session.scalars(select(Checkin).where(Checkin.nonce == nonce)).one()
        assert (row.reason, row.admitted, row.counted, row.offline) == ("guest_day", True, True, True)
        assert row.verdict is None and row.replaced_at is not None
        [overshoot] = session.scalars(select(Overshoot)).all()
        assert (overshoot.used, overshoot.allowed, overshoot.space_ids) == (2, 1, [2, 3])
        assert overshoot.nonces == [used["nonce"], nonce]
        [entry] = session.scalars(select(AuditEntry).where(AuditEntry.action == "checkin.replaced")).all()
        assert nonce in entry.detail and entry.space_id == 2
    delta = pull(client, werben, cursor)
    usage = {u["nonce"]: u for u in delta["usage"]}
    assert usage[nonce]["counted"] is True and usage[nonce]["annulled"] is False
    assert delta["overshoots"][0]["nonces"] == [used["nonce"], nonce]
    # a retry of the same upload, or an upload agreeing with the record: duplicate, nothing changes
    assert upload(client, werben, door) == [{"id": nonce, "status": "duplicate"}]
    assert "usage" not in pull(client, werben, delta["cursor"])
    # the redeem answer for that nonce is now the door's verdict
    assert reason(redeem(client, werben, world.anna.text, nonce)) == "guest_day"


def test_server_admitted_door_denied_gives_the_guest_day_back(world: World, client: TestClient) -> None:
    werben, tanger = enroll(client, world.werben_code), tangermuende(world, client)
    nonce = new_nonce()
    assert reason(redeem(client, werben, world.anna.text, nonce)) == "guest_day"  # kiosk timed out
    later = fact(3, 10001)  # Tangermünde offline: a second guest day -> overshoot
    upload(client, tanger, later)
    with world.db.read() as session:
        [overshoot] = session.scalars(select(Overshoot)).all()
    cursor = pull(client, werben)["cursor"]
    door = fact(2, 10001, nonce=nonce, reason="guest_days_used", admitted=False, counted=False)
    assert upload(client, werben, door)[0]["status"] == "stored"
    with world.db.read() as session:
        row = session.scalars(select(Checkin).where(Checkin.nonce == nonce)).one()
        assert (row.reason, row.admitted, row.counted, row.offline) == ("guest_days_used", False, False, True)
        assert session.scalars(select(Overshoot)).all() == []  # back within the allowance
    delta = pull(client, werben, cursor)
    usage = {u["nonce"]: u for u in delta["usage"]}
    assert usage[nonce]["annulled"] is True and usage[nonce]["counted"] is False  # kiosks drop it
    assert {"kind": "overshoot", "id": overshoot.id} in delta["deleted"]
    assert upload(client, werben, door)[0]["status"] == "duplicate"


def test_agreeing_fact_is_duplicate_and_other_space_is_refused(world: World, client: TestClient) -> None:
    """One idempotency path (services/nonces.py): a nonce stored at another space is a conflict
    for an upload as for a redeem, and the stored check-in stays as it was."""
    werben, tanger = enroll(client, world.werben_code), tangermuende(world, client)
    nonce = new_nonce()
    assert reason(redeem(client, werben, world.anna.text, nonce)) == "guest_day"
    assert upload(client, werben, fact(2, 10001, nonce=nonce))[0]["status"] == "duplicate"
    other = upload(client, tanger, fact(3, 10001, nonce=nonce, reason="guest_days_used", admitted=False))
    assert other[0]["status"] == "rejected" and other[0]["error"]["code"] == "conflict", other
    with world.db.read() as session:
        row = session.scalars(select(Checkin).where(Checkin.nonce == nonce)).one()
        assert (row.reason, row.offline, row.space_id) == ("guest_day", False, 2)
