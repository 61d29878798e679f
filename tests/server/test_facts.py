"""Upload of facts: idempotent, never refused for quota, overshoots, annulments, batches."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from kiosk.core.models import new_nonce

from .conftest import World, enroll
from .test_sync import pull


def fact(space_id: int, member: int, *, at: datetime | None = None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "nonce": new_nonce(),
        "occurred_at": (at or datetime.now(UTC)).isoformat(),
        "space_id": space_id,
        "member_number": member,
        "pass_serial": 1,
        "reason": "guest_day",
        "admitted": True,
        "counted": True,
        "offline": True,
        "method": "scan",
    }
    body.update(extra)
    return body


def upload(client: TestClient, headers: dict[str, str], *items: dict[str, Any]) -> list[dict[str, Any]]:
    response = client.post("/api/v1/checkins", json={"items": list(items)}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["results"]  # type: ignore[no-any-return]


def test_two_offline_guest_days_make_an_overshoot(world: World, client: TestClient) -> None:
    admin = {"Authorization": f"Bearer {world.admin_token}"}
    tanger_code = client.post("/api/v1/admin/enrollment-codes", json={"space": 3}, headers=admin).json()[
        "code"
    ]
    werben, tanger = enroll(client, world.werben_code), enroll(client, tanger_code)
    cursor = pull(client, werben)["cursor"]
    a, b = fact(2, 10001), fact(3, 10001)
    assert upload(client, werben, a) == [{"id": a["nonce"], "status": "stored"}]
    assert upload(client, tanger, b) == [{"id": b["nonce"], "status": "stored"}]  # never refused
    delta = pull(client, werben, cursor)
    assert {u["nonce"] for u in delta["usage"]} == {a["nonce"], b["nonce"]}
    assert all(u["counted"] for u in delta["usage"])
    [overshoot] = delta["overshoots"]
    assert overshoot["member_number"] == 10001 and overshoot["space_ids"] == [2, 3]
    assert set(overshoot["nonces"]) == {a["nonce"], b["nonce"]}
    # a third space's kiosk (Stendal) is not involved and does not see it
    stendal = enroll(client, world.stendal_code)
    assert "overshoots" not in pull(client, stendal)


def test_same_space_same_day_is_not_an_overshoot(world: World, client: TestClient) -> None:
    werben = enroll(client, world.werben_code)
    cursor = pull(client, werben)["cursor"]
    upload(client, werben, fact(2, 10001), fact(2, 10001))  # two kiosks of one space, one day
    assert "overshoots" not in pull(client, werben, cursor)


def test_batch_results_in_order_duplicates_and_rejections(world: World, client: TestClient) -> None:
    werben = enroll(client, world.werben_code)
    good = fact(2, 10002)
    unknown = fact(2, 4242)
    denied = fact(2, 10001, reason="guest_days_used", admitted=False, counted=False)
    results = upload(client, werben, good, unknown, denied, good)
    assert [r["status"] for r in results] == ["stored", "rejected", "stored", "duplicate"]
    assert results[1]["error"]["code"] == "not_found"
    assert upload(client, werben, good)[0]["status"] == "duplicate"
    too_many = client.post("/api/v1/checkins", json={"items": [fact(2, 10002)] * 501}, headers=werben)
    assert too_many.status_code == 422


def test_annulment_before_and_after_its_checkin(world: World, client: TestClient) -> None:
    werben = enroll(client, world.werben_code)
    cursor = pull(client, werben)["cursor"]
    now = datetime.now(UTC).isoformat()
    early, late = fact(2, 10001), fact(2, 10002)
    undo_early = {
        "id": "u1",
        "nonce": early["nonce"],
        "staff_id": world.staff_id,
        "reason": "wrong",
        "at": now,
    }
    assert (
        client.post("/api/v1/annulments", json={"items": [undo_early]}, headers=werben).json()["results"][0][
            "status"
        ]
        == "stored"
    )
    upload(client, werben, early, late)
    undo_late = {"id": "u2", "nonce": late["nonce"], "staff_id": world.staff_id, "reason": "test", "at": now}
    results = client.post("/api/v1/annulments", json={"items": [undo_late, undo_late]}, headers=werben).json()
    assert [r["status"] for r in results["results"]] == ["stored", "duplicate"]
    usage = {u["nonce"]: u for u in pull(client, werben, cursor)["usage"]}
    assert usage[early["nonce"]]["annulled"] and usage[late["nonce"]]["annulled"]


def test_day_passes_equipment_and_audit(world: World, client: TestClient) -> None:
    admin = {"Authorization": f"Bearer {world.admin_token}"}
    item = client.post(
        "/api/v1/admin/equipment", headers=admin, json={"space": "werben", "name": "3D printer"}
    )
    werben = enroll(client, world.werben_code)
    cursor = pull(client, werben)["cursor"]
    now = datetime.now(UTC)
    day_pass = {
        "id": "dp1",
        "space_id": 2,
        "valid_on": now.date().isoformat(),
        "number": 7,
        "secret_hash": "b" * 64,
        "issued_at": now.isoformat(),
        "staff_id": world.staff_id,
    }
    clash = {**day_pass, "id": "dp2"}
    res = client.post(
        "/api/v1/day-passes", json={"items": [day_pass, clash, day_pass]}, headers=werben
    ).json()
    assert [r["status"] for r in res["results"]] == ["stored", "rejected", "duplicate"]
    older = {
        "id": "e0",
        "equipment_id": item.json()["id"],
        "status": "maintenance",
        "at": (now - timedelta(hours=1)).isoformat(),
    }
    newer = {
        "id": "e1",
        "equipment_id": item.json()["id"],
        "status": "out_of_order",
        "note": "nozzle",
        "at": now.isoformat(),
    }
    res = client.post("/api/v1/equipment-status", json={"items": [newer, older]}, headers=werben).json()
    assert [r["status"] for r in res["results"]] == ["stored", "stored"]
    entry = {"id": "a1", "at": now.isoformat(), "staff_id": world.staff_id, "action": "unlock", "detail": ""}
    res = client.post("/api/v1/audit", json={"items": [entry, entry]}, headers=werben).json()
    assert [r["status"] for r in res["results"]] == ["stored", "duplicate"]
    delta = pull(client, werben, cursor)
    assert delta["day_passes"][0]["number"] == 7
    assert delta["equipment"][0]["status"] == "out_of_order"  # the older change did not win
