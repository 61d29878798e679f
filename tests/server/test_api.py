"""HTTP basics, enrollment and authorisation through the ASGI client."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from kiosk.core.models import new_nonce
from netserver.db import EnrollmentCodeRow
from netserver.services import enrollment

from .conftest import World, enroll


def admin(world: World) -> dict[str, str]:
    return {"Authorization": f"Bearer {world.admin_token}"}


def test_health_and_server_time_on_every_response(client: TestClient) -> None:
    ok = client.get("/api/v1/health")
    assert ok.status_code == 200 and ok.json()["status"] == "ok"
    assert ok.headers["X-Server-Time"].endswith("Z")
    missing = client.get("/api/v1/nothing-here")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    assert "X-Server-Time" in missing.headers
    bad = client.post("/api/v1/enroll", content=b"{not json", headers={"Content-Type": "application/json"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "validation_error"
    assert "X-Server-Time" in bad.headers


def test_enrollment_is_one_time(world: World, client: TestClient) -> None:
    answer = client.post("/api/v1/enroll", json={"code": world.werben_code, "kiosk_name": "Entrance"})
    assert answer.status_code == 200
    body = answer.json()
    assert body["space"] == {"id": 2, "name": "Werben", "slug": "werben"}
    assert body["network"] == {"name": "Altmark", "timezone": "Europe/Berlin"}
    again = client.post("/api/v1/enroll", json={"code": world.werben_code, "kiosk_name": "Entrance"})
    assert (again.status_code, again.json()["error"]["code"]) == (409, "enrollment_code_used")
    forged = world.werben_code[:-6] + "ABCDEF"
    wrong = client.post("/api/v1/enroll", json={"code": forged, "kiosk_name": "x"})
    assert (wrong.status_code, wrong.json()["error"]["code"]) == (400, "enrollment_code_invalid")
    member_pass = client.post("/api/v1/enroll", json={"code": world.anna.text, "kiosk_name": "x"})
    assert member_pass.json()["error"]["code"] == "enrollment_code_invalid"


def test_expired_enrollment_code(world: World, client: TestClient) -> None:
    with world.db.write() as session:
        code = enrollment.create_enrollment_code(session, "werben")
        row = session.query(EnrollmentCodeRow).filter_by(space_id=2, number=code.number).one()
        row.expires_at = datetime.now(UTC) - timedelta(seconds=1)
    answer = client.post("/api/v1/enroll", json={"code": code.text, "kiosk_name": "late"})
    assert (answer.status_code, answer.json()["error"]["code"]) == (410, "enrollment_code_expired")


def test_tokens_and_scopes(world: World, client: TestClient) -> None:
    assert client.get("/api/v1/sync").json()["error"]["code"] == "unauthorized"
    unknown = client.get("/api/v1/sync", headers={"Authorization": "Bearer cwk_nope"})
    assert (unknown.status_code, unknown.json()["error"]["code"]) == (401, "unauthorized")
    kiosk = enroll(client, world.werben_code)
    assert client.get("/api/v1/sync", headers=kiosk).status_code == 200
    # a kiosk token is not an admin token, and an admin token is not a kiosk
    denied = client.get("/api/v1/admin/kiosks", headers=kiosk)
    assert (denied.status_code, denied.json()["error"]["code"]) == (403, "forbidden")
    assert client.get("/api/v1/sync", headers=admin(world)).json()["error"]["code"] == "forbidden"
    # revocation
    kiosks = client.get("/api/v1/admin/kiosks", headers=admin(world)).json()
    assert len(kiosks) == 1 and kiosks[0]["last_seen_at"] is not None
    revoked = client.post(f"/api/v1/admin/kiosks/{kiosks[0]['id']}/revoke", headers=admin(world))
    assert revoked.status_code == 200
    gone = client.get("/api/v1/sync", headers=kiosk)
    assert (gone.status_code, gone.json()["error"]["code"]) == (401, "token_revoked")


def test_kiosk_acts_only_for_its_own_space(world: World, client: TestClient) -> None:
    werben = enroll(client, world.werben_code)
    now = datetime.now(UTC).isoformat()
    fact = {
        "nonce": new_nonce(),
        "occurred_at": now,
        "space_id": 1,
        "member_number": 10001,
        "reason": "home_member",
        "admitted": True,
        "counted": False,
        "offline": True,
        "method": "scan",
    }
    result = client.post("/api/v1/checkins", json={"items": [fact]}, headers=werben).json()["results"][0]
    assert result["status"] == "rejected" and result["error"]["code"] == "forbidden"
    item = client.post(
        "/api/v1/admin/equipment", headers=admin(world), json={"space": "stendal", "name": "Beamer"}
    ).json()
    change = {"id": "c1", "equipment_id": item["id"], "status": "out_of_order", "at": now}
    result = client.post("/api/v1/equipment-status", json={"items": [change]}, headers=werben).json()
    assert result["results"][0]["error"]["code"] == "forbidden"
    day_pass = {
        "id": "d1",
        "space_id": 1,
        "valid_on": "2026-11-22",
        "number": 1,
        "secret_hash": "a" * 64,
        "issued_at": now,
    }
    result = client.post("/api/v1/day-passes", json={"items": [day_pass]}, headers=werben).json()
    assert result["results"][0]["error"]["code"] == "forbidden"


def test_admin_endpoints(world: World, client: TestClient) -> None:
    h = admin(world)
    assert (
        client.post(
            "/api/v1/admin/spaces", headers=h, json={"slug": "osterburg", "name": "Osterburg"}
        ).status_code
        == 201
    )
    dup = client.post("/api/v1/admin/spaces", headers=h, json={"slug": "osterburg", "name": "O"})
    assert (dup.status_code, dup.json()["error"]["code"]) == (409, "conflict")
    assert (
        client.post(
            "/api/v1/admin/plans", headers=h, json={"code": "pro", "guest_days_per_month": 3}
        ).status_code
        == 201
    )
    member = client.post(
        "/api/v1/admin/members",
        headers=h,
        json={"display_name": "Carla", "home_space": "osterburg", "plan": "pro"},
    ).json()
    issued = client.post(f"/api/v1/admin/members/{member['number']}/passes", headers=h).json()
    assert issued["code"].startswith("CWM1") and issued["serial"] == 1 and issued["png_base64"]
    paused = client.patch(f"/api/v1/admin/members/{member['number']}", headers=h, json={"state": "paused"})
    assert paused.json()["state"] == "paused"
    assert client.get("/api/v1/admin/members/99999", headers=h).json()["error"]["code"] == "not_found"
    weak = client.post(
        "/api/v1/admin/staff", headers=h, json={"display_name": "X", "space": 1, "pin": "12345"}
    )
    assert weak.status_code == 422
    code = client.post("/api/v1/admin/enrollment-codes", headers=h, json={"space": "osterburg"}).json()
    assert code["code"].startswith("CWE1") and code["space_id"] == 4
    event = client.post(
        "/api/v1/admin/events",
        headers=h,
        json={
            "space": "werben",
            "title": "Talk",
            "starts_at": "2026-11-28T18:00:00+01:00",
            "ends_at": "2026-11-28T17:00:00+01:00",
        },
    )
    assert event.status_code == 422 and "end before" in event.json()["error"]["message"]
    token = client.post("/api/v1/admin/tokens", headers=h, json={"label": "second"}).json()["token"]
    assert client.get("/api/v1/admin/spaces", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_spaces_with_and_without_explicit_ids(world: World) -> None:
    from netserver.services import spaces

    with world.db.write() as session:
        assert spaces.add_space(session, slug="seehausen", name="Seehausen", space_id=9).id == 9
        assert spaces.add_space(session, slug="osterburg", name="Osterburg").id == 10
