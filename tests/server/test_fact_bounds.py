"""Issue 13 item 2: an offline fact is counted only if its kiosk could have seen it (after its
enrollment, not after the server's now, with 5 minutes of skew) and its month is not closed.
Otherwise it is held for staff (`GET /admin/conflicts`, `coworking-netserver conflicts`),
acknowledged, and changes no count and no report. The old server counted a fact dated 2020-01
or 2031-06 and changed months already settled.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from netserver.cli import main
from netserver.db import Checkin

from .conftest import World, backdate_kiosk, enroll
from .test_facts import fact, upload

ADMIN = "Authorization"


def admin(world: World) -> dict[str, str]:
    return {ADMIN: f"Bearer {world.admin_token}"}


def counted(world: World) -> int:
    with world.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(Checkin)) or 0)


def report(client: TestClient, world: World, month: str) -> bytes:
    answer = client.get("/api/v1/admin/report", params={"month": month}, headers=admin(world))
    assert answer.status_code == 200, answer.text
    return answer.content


def test_facts_outside_the_kiosks_lifetime_are_held_not_counted(world: World, client: TestClient) -> None:
    werben = enroll(client, world.werben_code)
    kiosk_id = client.get("/api/v1/admin/kiosks", headers=admin(world)).json()[-1]["id"]
    backdate_kiosk(world.db, kiosk_id, datetime.now(UTC) - timedelta(days=1))  # enrolled yesterday
    old = fact(2, 10001, at=datetime(2020, 1, 15, 10, tzinfo=UTC))
    future = fact(2, 10001, at=datetime(2031, 6, 1, 10, tzinfo=UTC))
    soon = fact(2, 10002, at=datetime.now(UTC) + timedelta(minutes=2))  # within the skew: counted
    results = upload(client, werben, old, future, soon)
    assert [r["status"] for r in results] == ["stored", "stored", "stored"]  # acknowledged, kept
    assert counted(world) == 1
    assert b"10001" not in report(client, world, "2020-01") and b"10001" not in report(
        client, world, "2031-06"
    )

    listed = client.get("/api/v1/admin/conflicts", headers=admin(world)).json()
    by_nonce = {c["nonce"]: c for c in listed}
    assert by_nonce[old["nonce"]]["problem"] == "before_enrollment"
    assert by_nonce[future["nonce"]]["problem"] == "in_future"
    assert by_nonce[old["nonce"]]["fact"]["member_number"] == 10001  # the whole fact is kept
    # a retry of a held fact is a duplicate, and still not counted
    assert [r["status"] for r in upload(client, werben, old)] == ["duplicate"]
    assert counted(world) == 1


def test_a_closed_month_does_not_change(world: World, client: TestClient, capsys) -> None:  # type: ignore[no-untyped-def]
    werben = enroll(client, world.werben_code)  # enrolled (backdated) 2026-01-01
    october = datetime(2026, 10, 14, 10, tzinfo=UTC)
    upload(client, werben, fact(2, 10001, at=october))
    before = report(client, world, "2026-10")

    closed = client.post("/api/v1/admin/months/2026-10/close", headers=admin(world))
    assert closed.status_code == 200, closed.text
    late = fact(2, 10002, at=october + timedelta(days=1))
    assert [r["status"] for r in upload(client, werben, late)] == ["stored"]
    assert report(client, world, "2026-10") == before
    assert counted(world) == 1
    assert [c["problem"] for c in client.get("/api/v1/admin/conflicts", headers=admin(world)).json()] == [
        "month_closed"
    ]
    # November is open: counted
    upload(client, werben, fact(2, 10002, at=datetime(2026, 11, 3, 10, tzinfo=UTC)))
    assert counted(world) == 2

    # the current month cannot be closed yet; the CLI closes and lists too
    this_month = f"{datetime.now(UTC):%Y-%m}"
    refused = client.post(f"/api/v1/admin/months/{this_month}/close", headers=admin(world))
    assert refused.status_code == 422 and "has not ended" in refused.json()["error"]["message"]
    assert main(["--database-url", world.url, "month", "close", "2026-09"]) == 0
    assert main(["--database-url", world.url, "conflicts"]) == 0
    printed = capsys.readouterr().out
    assert "2026-09 is closed" in printed and "month_closed" in printed and "2026-10 is closed" in printed
