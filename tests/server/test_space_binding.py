"""Issue 13 item 3: annulments and audit entries are bound to the space of the kiosk that sent
them. The old server stored an annulment for a nonce it had not seen yet without its space and
applied it to whatever check-in later arrived with that nonce, from any space; and it took any
`staff_id` in annulments and audit entries.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from kiosk.core.models import new_nonce
from netserver.db import Checkin

from .conftest import World, enroll
from .test_facts import fact, upload

AT = datetime(2026, 11, 20, 9, tzinfo=UTC).isoformat()


def annul(client: TestClient, headers: dict[str, str], nonce: str, staff_id: int | None) -> dict[str, Any]:
    item = {"id": new_nonce(), "nonce": nonce, "staff_id": staff_id, "reason": "mistake", "at": AT}
    answer = client.post("/api/v1/annulments", json={"items": [item]}, headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()["results"][0]  # type: ignore[no-any-return]


def tanger(world: World, client: TestClient) -> dict[str, str]:
    admin = {"Authorization": f"Bearer {world.admin_token}"}
    code = client.post("/api/v1/admin/enrollment-codes", json={"space": 3}, headers=admin).json()["code"]
    return enroll(client, code)


def annulled(world: World, nonce: str) -> bool:
    with world.db.read() as session:
        row = session.scalar(select(Checkin).where(Checkin.nonce == nonce))
        assert row is not None
        return row.annulled_at is not None


def test_an_early_annulment_applies_only_to_a_checkin_of_its_own_space(
    world: World, client: TestClient
) -> None:
    werben, tangermuende = enroll(client, world.werben_code), tanger(world, client)
    foreign = fact(3, 10001)  # a check-in at Tangermünde that Werben has never seen
    assert annul(client, werben, foreign["nonce"], world.staff_id)["status"] == "stored"
    upload(client, tangermuende, foreign)
    assert not annulled(world, foreign["nonce"]), "Werben's annulment undid a Tangermünde check-in"

    own = fact(2, 10002)  # the same order within one space still works
    assert annul(client, werben, own["nonce"], world.staff_id)["status"] == "stored"
    upload(client, werben, own)
    assert annulled(world, own["nonce"])


def test_staff_of_another_space_is_refused(world: World, client: TestClient) -> None:
    stendal = enroll(client, world.stendal_code)  # Maria (world.staff_id) is staff of Werben
    checkin = fact(1, 10001, reason="home_member", counted=False)
    upload(client, stendal, checkin)
    result = annul(client, stendal, checkin["nonce"], world.staff_id)
    assert result["status"] == "rejected" and result["error"]["code"] == "forbidden", result
    assert not annulled(world, checkin["nonce"])

    entry = {"id": new_nonce(), "at": AT, "staff_id": world.staff_id, "action": "desk.unlock", "detail": ""}
    answer = client.post("/api/v1/audit", json={"items": [entry]}, headers=stendal).json()["results"][0]
    assert answer["status"] == "rejected" and answer["error"]["code"] == "forbidden", answer
    werben = enroll(client, world.werben_code)
    assert (
        client.post("/api/v1/audit", json={"items": [entry]}, headers=werben).json()["results"][0]["status"]
        == "stored"
    )
    # the same id again from another space is not "its" duplicate
    again = client.post("/api/v1/audit", json={"items": [{**entry, "staff_id": None}]}, headers=stendal)
    assert again.json()["results"][0]["status"] == "rejected"
