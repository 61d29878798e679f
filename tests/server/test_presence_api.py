"""POST /api/v1/presence (hourly counts of who is here) on SQLite and PostgreSQL: the newest
count of a kiosk's hour wins, bad hours are refused item by item, the dashboard sums spaces and
takes the highest count of a space's kiosks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from kiosk.core.calendar import NetworkCalendar
from netserver.services import enrollment, presence

from .conftest import World, enroll

DAY = date(2026, 11, 24)
CAL = NetworkCalendar("Europe/Berlin")


def hour(h: int) -> datetime:
    return datetime(DAY.year, DAY.month, DAY.day, h - 1, tzinfo=UTC)  # CET: local h = UTC h - 1


def post(client, headers, *items):  # type: ignore[no-untyped-def]
    body = {
        "items": [{"id": f"x:{i}", "hour": t.isoformat(), "present": n} for i, (t, n) in enumerate(items)]
    }
    response = client.post("/api/v1/presence", json=body, headers=headers)
    assert response.status_code == 200, response.text
    return [r["status"] for r in response.json()["results"]]


def test_counts_are_kept_per_kiosk_and_hour_and_the_dashboard_reads_them(world: World) -> None:
    with world.client() as client:
        door = enroll(client, world.stendal_code, "Door")
        assert post(client, door, (hour(9), 3), (hour(10), 5)) == ["stored", "stored"]
        assert post(client, door, (hour(10), 5)) == ["duplicate"]
        assert post(client, door, (hour(10), 6)) == ["stored"]  # the hour again, a new count
        half_past = hour(11) + timedelta(minutes=30)
        far_ahead = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(hours=3)
        assert post(client, door, (half_past, 2), (far_ahead, 1), (hour(11), 2)) == [
            "rejected",
            "rejected",
            "stored",
        ]
        werben = enroll(client, world.werben_code, "Werben")
        assert post(client, werben, (hour(10), 4)) == ["stored"]
        with world.db.write() as session:
            code = enrollment.create_enrollment_code(session, "stendal").text
        garden = enroll(client, code, "Garden door")  # a second kiosk of Stendal, same hours
        assert post(client, garden, (hour(9), 1), (hour(10), 8)) == ["stored", "stored"]
    with world.db.read() as session:
        stendal = presence.presence_by_hour(session, 1, DAY, CAL)
        everywhere = presence.presence_by_hour(session, None, DAY, CAL)
    # per space the highest count of its kiosks (each counts who it knows of)
    assert stendal[9:12] == [3, 8, 2] and stendal[8] is None and stendal[12] is None
    assert everywhere[10] == 8 + 4  # summed over the spaces


def test_a_count_needs_a_kiosk_token(world: World) -> None:
    with world.client() as client:
        body = {"items": [{"id": "x:1", "hour": hour(9).isoformat(), "present": 1}]}
        assert client.post("/api/v1/presence", json=body).status_code == 401
        admin = {"Authorization": f"Bearer {world.admin_token}"}
        assert client.post("/api/v1/presence", json=body, headers=admin).status_code == 403
