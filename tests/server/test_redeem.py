"""Online redeem: verdicts, idempotency by nonce, denied scans stored too."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from kiosk.core.models import new_nonce
from netserver.db import Checkin

from .conftest import World, enroll


def redeem(
    client: TestClient, headers: dict[str, str], code: str, nonce: str | None = None
) -> dict[str, object]:
    body = {"nonce": nonce or new_nonce(), "code": code, "scanned_at": datetime.now(UTC).isoformat()}
    response = client.post("/api/v1/checkins/redeem", json=body, headers=headers)
    assert response.status_code == 200, response.text
    result: dict[str, object] = response.json()
    return result


def reason(answer: dict[str, object]) -> str:
    verdict = answer["verdict"]
    assert isinstance(verdict, dict)
    return str(verdict["reason"])


def test_guest_day_then_already_today_then_used_elsewhere(world: World, client: TestClient) -> None:
    werben = enroll(client, world.werben_code)
    first = redeem(client, werben, world.anna.text)
    assert reason(first) == "guest_day"
    assert first["verdict"]["counted"] is True and first["verdict"]["guest_days_left"] == 0  # type: ignore[index]
    assert reason(redeem(client, werben, world.anna.text)) == "already_today"
    tanger_code = client.post(
        "/api/v1/admin/enrollment-codes",
        json={"space": "tangermuende"},
        headers={"Authorization": f"Bearer {world.admin_token}"},
    ).json()["code"]
    tanger = enroll(client, tanger_code)
    assert reason(redeem(client, tanger, world.anna.text)) == "guest_days_used"
    stendal = enroll(client, world.stendal_code)
    assert reason(redeem(client, stendal, world.anna.text)) == "home_member"


def test_same_nonce_is_idempotent(world: World, client: TestClient) -> None:
    werben = enroll(client, world.werben_code)
    nonce = new_nonce()
    first = redeem(client, werben, world.anna.text, nonce)
    again = redeem(client, werben, world.anna.text, nonce)
    assert first["duplicate"] is False and again["duplicate"] is True
    assert again["verdict"] == first["verdict"]
    with world.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Checkin)) == 1


def test_bad_codes_are_denied_and_stored(world: World, client: TestClient) -> None:
    werben = enroll(client, world.werben_code)
    assert reason(redeem(client, werben, "https://example.org")) == "foreign_code"
    last = world.anna.text[-1]
    typo = world.anna.text[:-1] + ("1" if last == "0" else "0")
    assert reason(redeem(client, werben, typo)) == "invalid_code"
    assert reason(redeem(client, werben, "")) == "invalid_code"
    assert reason(redeem(client, werben, world.werben_code)) == "invalid_code"
    with world.db.read() as session:
        assert session.scalar(select(func.count()).where(Checkin.admitted.is_(False))) == 4


def test_replaced_pass_is_denied(world: World, client: TestClient) -> None:
    werben = enroll(client, world.werben_code)
    new = client.post(
        "/api/v1/admin/members/10001/passes", headers={"Authorization": f"Bearer {world.admin_token}"}
    )
    assert reason(redeem(client, werben, world.anna.text)) == "pass_replaced"
    assert reason(redeem(client, werben, new.json()["code"])) == "guest_day"


def test_how_the_code_was_read_is_stored(world: World, client: TestClient) -> None:
    werben = enroll(client, world.werben_code)
    scan, wedge = new_nonce(), new_nonce()
    redeem(client, werben, world.anna.text, scan)
    body = {
        "nonce": wedge,
        "code": world.anna.text,
        "scanned_at": datetime.now(UTC).isoformat(),
        "method": "wedge",
    }
    assert client.post("/api/v1/checkins/redeem", json=body, headers=werben).status_code == 200
    body["method"] = "manual"  # a desk check-in has its own endpoint with the staff member
    body["nonce"] = new_nonce()
    assert client.post("/api/v1/checkins/redeem", json=body, headers=werben).status_code == 422
    with world.db.read() as session:
        methods = {nonce: method for nonce, method in session.execute(select(Checkin.nonce, Checkin.method))}
    assert (methods[scan], methods[wedge]) == ("scan", "wedge")


def test_a_day_pass_sent_with_its_redeem_is_learnt_once_and_only_for_this_space(
    world: World, client: TestClient
) -> None:
    from kiosk.core.credentials import DayPass, new_secret
    from netserver.db import DayPassRow
    from netserver.services.network import get_calendar

    werben = enroll(client, world.werben_code)  # space 2
    with world.db.read() as session:  # the network's date (Europe/Berlin), not UTC's
        today = get_calendar(session).local_date(datetime.now(UTC))

    def sold(space_id: int, number: int) -> tuple[str, dict[str, object]]:
        code = DayPass(secret=new_secret(), space_id=space_id, valid_on=today, number=number)
        item = {"id": new_nonce(), "space_id": space_id, "valid_on": today.isoformat(), "number": number,
                "secret_hash": code.secret_hash(), "issued_at": datetime.now(UTC).isoformat(),
                "staff_id": None, "note": ""}  # fmt: skip
        return code.text, item

    def redeem_with(code: str, item: dict[str, object]) -> dict[str, object]:
        body = {
            "nonce": new_nonce(),
            "code": code,
            "scanned_at": datetime.now(UTC).isoformat(),
            "day_pass": item,
        }
        response = client.post("/api/v1/checkins/redeem", json=body, headers=werben)
        assert response.status_code == 200, response.text
        return dict(response.json())

    text, item = sold(2, 17)
    assert reason(redeem(client, werben, text)) == "unknown_pass"  # without it: not known yet
    assert reason(redeem_with(text, item)) == "day_pass"
    assert reason(redeem_with(text, item)) == "day_pass"  # sent again: the same pass
    upload = client.post("/api/v1/day-passes", json={"items": [item]}, headers=werben)
    assert upload.status_code == 200 and upload.json()["results"][0]["status"] == "duplicate"
    # Another space's pass, or a payload for a different number, teaches the server nothing.
    other_text, other_item = sold(1, 18)
    assert reason(redeem_with(other_text, other_item)) != "day_pass"
    mismatched_text, _ = sold(2, 19)
    assert reason(redeem_with(mismatched_text, item)) == "unknown_pass"
    with world.db.read() as session:
        assert session.scalar(select(func.count()).select_from(DayPassRow)) == 1
