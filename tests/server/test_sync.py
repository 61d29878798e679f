"""Delta sync: full pull, tiny answer, paging and resumption, scope, privacy."""

from __future__ import annotations

from fastapi.testclient import TestClient

from netserver.services import events, members, staff

from .conftest import World, enroll
from .test_redeem import redeem


def pull(client: TestClient, headers: dict[str, str], cursor: str | None = None, limit: int = 2000) -> dict:  # type: ignore[type-arg]
    params: dict[str, str | int] = {"limit": limit}
    if cursor:
        params["cursor"] = cursor
    response = client.get("/api/v1/sync", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def test_full_pull_then_tiny_answer(world: World, client: TestClient) -> None:
    werben = enroll(client, world.werben_code)
    first = pull(client, werben)
    assert first["full"] is True and first["has_more"] is False
    assert first["network"] == {
        "name": "Altmark",
        "timezone": "Europe/Berlin",
        "default_guest_days": 1,
        "popup_guest_day": False,
    }
    assert {s["slug"] for s in first["spaces"]} == {"stendal", "werben", "tangermuende"}
    anna = next(m for m in first["members"] if m["number"] == 10001)
    assert set(anna) == {
        "number",
        "display_name",
        "home_space_id",
        "state",
        "plan",
        "pass_serial",
        "secret_hash",
    }
    assert anna["secret_hash"] == world.anna.secret_hash()
    assert "anna@example.org" not in str(first)  # e-mail never leaves the server
    assert [s["display_name"] for s in first["staff"]] == ["Maria"]
    tiny = pull(client, werben, first["cursor"])
    assert tiny == {"cursor": first["cursor"], "has_more": False, "full": False}


def test_changes_arrive_once_and_in_scope(world: World, client: TestClient) -> None:
    werben = enroll(client, world.werben_code)
    stendal = enroll(client, world.stendal_code, "Desk")
    cursor_w = pull(client, werben)["cursor"]
    cursor_s = pull(client, stendal)["cursor"]
    redeem(client, werben, world.anna.text)
    with world.db.write() as session:
        members.update_member(session, 10002, state="paused")
        staff.add_staff(session, display_name="Olaf", space="stendal", pin="654329")
    delta = pull(client, werben, cursor_w)
    assert [u["member_number"] for u in delta["usage"]] == [10001]
    assert [m["state"] for m in delta["members"]] == ["paused"]
    assert "staff" not in delta  # Olaf works in Stendal
    other = pull(client, stendal, cursor_s)
    assert [s["display_name"] for s in other["staff"]] == ["Olaf"]
    assert other["usage"][0]["space_id"] == 2


def test_paging_and_resumption(world: World, client: TestClient) -> None:
    with world.db.write() as session:
        for i in range(45):
            members.add_member(session, display_name=f"Member {i}", home_space="werben")
    werben = enroll(client, world.werben_code)
    seen: dict[int, dict] = {}  # type: ignore[type-arg]
    cursor, pages, crashed_once = None, 0, False
    while True:
        page = pull(client, werben, cursor, limit=7)
        pages += 1
        assert sum(len(v) for v in page.values() if isinstance(v, list)) <= 7
        if pages == 3 and not crashed_once:
            crashed_once = True  # the kiosk "crashed" before committing page 3: ask again
            continue
        seen.update({m["number"]: m for m in page.get("members", [])})
        cursor = page["cursor"]
        if not page["has_more"]:
            break
    assert len(seen) == 47 and pages > 7
    # a change after the last page arrives with the next pull, alone
    with world.db.write() as session:
        events.add_event(session, space="werben", title="Talk", starts_at=_at(18), ends_at=_at(20))
    delta = pull(client, werben, cursor)
    assert [e["title"] for e in delta["events"]] == ["Talk"] and "members" not in delta


def test_unknown_or_foreign_cursor(world: World, client: TestClient) -> None:
    werben = enroll(client, world.werben_code)
    bad = client.get("/api/v1/sync", params={"cursor": "garbage"}, headers=werben)
    assert (bad.status_code, bad.json()["error"]["code"]) == (422, "validation_error")
    other_db = pull(client, werben, "0123456789abcdef.3")
    assert other_db["full"] is True and "members" in other_db  # restarts from the beginning
    too_big = client.get("/api/v1/sync", params={"limit": 10_000}, headers=werben)
    assert too_big.status_code == 422


def test_deleted_event_is_announced(world: World, client: TestClient) -> None:
    with world.db.write() as session:
        event = events.add_event(session, space="werben", title="Talk", starts_at=_at(18), ends_at=_at(20))
    werben = enroll(client, world.werben_code)
    cursor = pull(client, werben)["cursor"]
    assert (
        client.delete(
            f"/api/v1/admin/events/{event.id}", headers={"Authorization": f"Bearer {world.admin_token}"}
        ).status_code
        == 204
    )
    assert pull(client, werben, cursor)["deleted"] == [{"kind": "event", "id": event.id}]


def _at(hour: int):  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime, timedelta

    return datetime.now(UTC).replace(hour=hour, minute=0, second=0, microsecond=0) + timedelta(days=3)
