"""Online manual check-in at the desk (`POST /api/v1/checkins/redeem-member`): the member rules
over the whole network's visits, stored as method "manual" with the staff id, idempotent by nonce."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from kiosk.core.models import new_nonce
from kiosk.core.rules import decide_member
from netserver.db import Checkin
from netserver.services import staff
from netserver.services.members import member_record
from netserver.services.network import get_policy
from netserver.services.usage import lock_member

from .conftest import World, enroll
from .test_redeem import reason, redeem

PATH = "/api/v1/checkins/redeem-member"


def body(member_number: int, staff_id: int, nonce: str | None = None) -> dict[str, object]:
    return {
        "nonce": nonce or new_nonce(),
        "member_number": member_number,
        "staff_id": staff_id,
        "scanned_at": datetime.now(UTC).isoformat(),
    }


def redeem_member(
    client: TestClient, headers: dict[str, str], member_number: int, staff_id: int, nonce: str | None = None
) -> dict[str, object]:
    response = client.post(PATH, json=body(member_number, staff_id, nonce), headers=headers)
    assert response.status_code == 200, response.text
    result: dict[str, object] = response.json()
    return result


def tangermuende(world: World, client: TestClient) -> dict[str, str]:
    code = client.post(
        "/api/v1/admin/enrollment-codes",
        json={"space": "tangermuende"},
        headers={"Authorization": f"Bearer {world.admin_token}"},
    ).json()["code"]
    return enroll(client, code, "Tangermünde entrance")


def test_guest_day_used_at_another_space_is_denied(world: World, client: TestClient) -> None:
    werben = enroll(client, world.werben_code)
    assert reason(redeem(client, tangermuende(world, client), world.anna.text)) == "guest_day"
    with world.db.read() as session:
        anna = lock_member(session, world.anna.member_number)
        assert anna is not None
        # What Werben's own data (no visits of Anna there) would decide: admitted.
        local = decide_member(
            member_record(anna), space_id=2, now=datetime.now(UTC), policy=get_policy(session), visits=[]
        )
    assert local.admitted and local.reason.value == "guest_day"
    answer = redeem_member(client, werben, world.anna.member_number, world.staff_id)
    assert reason(answer) == "guest_days_used" and answer["duplicate"] is False
    assert answer["verdict"]["admitted"] is False  # type: ignore[index]
    with world.db.read() as session:
        row = session.scalar(select(Checkin).where(Checkin.nonce == answer["nonce"]))
        assert row is not None
        assert (row.method, row.staff_id, row.space_id, row.offline) == ("manual", world.staff_id, 2, False)


def test_admitted_manual_checkin_counts_and_is_idempotent(world: World, client: TestClient) -> None:
    werben = enroll(client, world.werben_code)
    nonce = new_nonce()
    first = redeem_member(client, werben, world.ben.member_number, world.staff_id, nonce)
    again = redeem_member(client, werben, world.ben.member_number, world.staff_id, nonce)
    assert reason(first) == "guest_day" and first["verdict"]["counted"] is True  # type: ignore[index]
    assert first["duplicate"] is False and again["duplicate"] is True
    assert again["verdict"] == first["verdict"]
    with world.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Checkin)) == 1
    # The counted manual check-in is network usage: Ben's scan elsewhere is now denied.
    assert reason(redeem(client, tangermuende(world, client), world.ben.text)) == "guest_days_used"


def test_staff_of_another_space_is_forbidden(world: World, client: TestClient) -> None:
    werben = enroll(client, world.werben_code)
    with world.db.write() as session:
        other = staff.add_staff(session, display_name="Olaf", space="tangermuende", pin="246810").id
    for staff_id in (other, 999_999):
        response = client.post(PATH, json=body(world.anna.member_number, staff_id), headers=werben)
        assert response.status_code == 403, response.text
        assert response.json()["error"]["code"] == "forbidden"
    with world.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Checkin)) == 0


def test_unknown_member_is_not_found(world: World, client: TestClient) -> None:
    werben = enroll(client, world.werben_code)
    response = client.post(PATH, json=body(99_999, world.staff_id), headers=werben)
    assert response.status_code == 404, response.text
    assert response.json()["error"]["code"] == "not_found"
    with world.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Checkin)) == 0


def test_nul_and_missing_token_are_refused(world: World, client: TestClient) -> None:
    werben = enroll(client, world.werben_code)
    bad = {**body(world.anna.member_number, world.staff_id), "nonce": "\x00" * 32}
    response = client.post(PATH, json=bad, headers=werben)
    assert response.status_code == 422 and response.json()["error"]["code"] == "validation_error"
    unauthenticated = client.post(PATH, json=body(world.anna.member_number, world.staff_id))
    assert unauthenticated.status_code == 401
