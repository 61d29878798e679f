"""Upload of facts: idempotent, never refused for quota, overshoots, annulments, batches."""

from __future__ import annotations

import dataclasses
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import event, select

from kiosk.core.models import new_nonce
from netserver.db import Checkin, Database, Overshoot
from netserver.services import members, spaces
from netserver.services.batches import AnnulmentItem, store_annulments
from netserver.services.facts import CheckinFact, store_facts
from netserver.services.network import get_calendar

from .conftest import World, enroll, fresh_database, seed
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


# --- set-wise batch storage == storing the items one by one -----------------------------------

SPACES = {1: "stendal", 2: "werben", 3: "tangermuende"}


def _more_members(db: Database) -> list[int]:
    """30 members more, homes spread over the three spaces, some on a plan with 2 guest days."""
    with db.write() as session:
        spaces.add_plan(session, code="flex", name="Flex", guest_days_per_month=2)
        return [
            members.add_member(
                session,
                display_name=f"M{i}",
                home_space=SPACES[1 + i % 3],
                plan="flex" if i % 4 == 0 else "standard",
            ).number
            for i in range(30)
        ]


Scenario = tuple[list[CheckinFact], list[CheckinFact], list[CheckinFact], list[AnnulmentItem]]


def _scenario(numbers: list[int]) -> Scenario:
    """(facts stored earlier at Tangermünde, online redeems at Werben stored before, the Werben
    batch, annulments stored before it)."""
    rng = random.Random(20261130)
    start = datetime(2026, 10, 28, 8, tzinfo=UTC)  # the batch spans October and November
    minute = iter(range(10_000))

    def make(space: int, member: int | None, **extra: Any) -> CheckinFact:
        fields: dict[str, Any] = {
            "nonce": new_nonce(), "occurred_at": start + timedelta(minutes=53 * next(minute)),
            "space_id": space, "reason": "guest_day", "admitted": True, "counted": True,
            "offline": True, "method": "scan", "member_number": member,
            "pass_serial": None if member is None else 1,
        }  # fmt: skip
        fields.update(extra)
        return CheckinFact(**fields)

    earlier = [make(3, rng.choice(numbers)) for _ in range(20)]
    batch: list[CheckinFact] = []
    for _ in range(150):
        batch.append(make(2, rng.choice(numbers)))
    anna = [datetime(2026, 11, day, 9, tzinfo=UTC) for day in (3, 4)]  # two guest days: overshoot
    batch += [make(2, 10001, occurred_at=at) for at in anna]
    batch += [
        make(2, numbers[0], reason="guest_days_used", admitted=False, counted=False),  # denied
        make(2, None, reason="day_pass", counted=False, day_pass_valid_on=start.date(), day_pass_number=4),
        make(2, 4242),  # unknown member: rejected
        make(3, numbers[1]),  # another space: rejected
        make(2, numbers[2], method="override", staff_id=7, override_reason="desk", reason="override"),
    ]
    batch += [batch[5], batch[40], earlier[3], batch[-3], batch[100]]  # duplicates (and a rejected one again)
    # online redeems the kiosk gave up on; the door decided otherwise (or the same)
    online = [
        make(2, numbers[5], reason="guest_days_used", admitted=False, counted=False),
        make(2, numbers[6]),
        make(2, numbers[7]),
        make(2, 10002),
    ]
    later = timedelta(seconds=1)
    admitted = dataclasses.replace(
        online[0], reason="guest_day", admitted=True, counted=True, occurred_at=online[0].occurred_at + later
    )
    denied = dataclasses.replace(online[1], reason="guest_days_used", admitted=False, counted=False)
    batch += [admitted, denied, online[2], admitted]  # replaced, replaced, duplicate, duplicate
    batch += [make(2, 10002, occurred_at=online[3].occurred_at + later)]  # Ben: a second one
    batch += [dataclasses.replace(online[3], reason="guest_days_used", admitted=False, counted=False)]
    rng.shuffle(batch)
    annulled = [batch[10].nonce, batch[11].nonce, batch[60].nonce]
    undo = [
        AnnulmentItem(f"u{i}", nonce, None, "test", start + timedelta(days=i, hours=1))
        for i, nonce in enumerate(annulled)
    ]
    return earlier, [dataclasses.replace(f, offline=False) for f in online], batch, undo


def _store_online(db: Database, facts: list[CheckinFact]) -> None:
    """Records as an online redeem leaves them (offline=False, a verdict)."""
    with db.write() as session:
        calendar = get_calendar(session)
        for f in facts:
            session.add(
                Checkin(
                    nonce=f.nonce, member_number=f.member_number, pass_serial=f.pass_serial,
                    space_id=f.space_id,
                    occurred_at=f.occurred_at, day=calendar.local_date(f.occurred_at), reason=f.reason,
                    admitted=f.admitted, counted=f.counted, offline=False, method=f.method,
                    verdict={"reason": f.reason}, received_at=f.occurred_at,
                )
            )  # fmt: skip


def _snapshot(db: Database) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    with db.read() as session:
        checkins = session.execute(
            select(Checkin.nonce, Checkin.member_number, Checkin.space_id, Checkin.day, Checkin.occurred_at,
                   Checkin.reason, Checkin.admitted, Checkin.counted, Checkin.method, Checkin.staff_id,
                   Checkin.day_pass_number, Checkin.annulled_at, Checkin.annul_reason)
            .order_by(Checkin.nonce)
        ).all()  # fmt: skip
        overshoots = session.execute(
            select(Overshoot.member_number, Overshoot.month, Overshoot.space_ids, Overshoot.nonces,
                   Overshoot.allowed, Overshoot.used)
            .order_by(Overshoot.member_number, Overshoot.month)
        ).all()  # fmt: skip
    return [tuple(r) for r in checkins], [tuple(r) for r in overshoots]


def test_batch_equals_item_by_item_storage(world: World, tmp_path: Path) -> None:
    kind = "sqlite" if world.db.is_sqlite else "postgres"
    with fresh_database(kind, tmp_path) as other_url:
        other = seed(other_url)
        try:
            numbers = _more_members(world.db)
            assert _more_members(other.db) == numbers
            earlier, online, batch, undo = _scenario(numbers)
            for db in (world.db, other.db):
                with db.write() as session:
                    store_facts(session, earlier, space_id=3, kiosk_id=None)
                _store_online(db, online)
                with db.write() as session:
                    store_annulments(session, undo, space_id=2, kiosk_id=None)

            bumps: list[str] = []

            def count_bumps(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
                if statement.lstrip().upper().startswith("UPDATE CHANGE_COUNTER") or "nextval" in statement:
                    bumps.append(statement)

            event.listen(world.db.write_engine, "before_cursor_execute", count_bumps)
            try:
                with world.db.write() as session:
                    together = store_facts(session, batch, space_id=2, kiosk_id=None)
            finally:
                event.remove(world.db.write_engine, "before_cursor_execute", count_bumps)
            assert len(bumps) == 1  # one change-sequence allocation for the whole batch

            one_by_one = []
            for fact in batch:
                with other.db.write() as session:
                    one_by_one += store_facts(session, [fact], space_id=2, kiosk_id=None)

            assert together == one_by_one
            statuses = [r["status"] for r in together]
            assert statuses.count("duplicate") == 6 and statuses.count("rejected") == 3
            assert _snapshot(world.db) == _snapshot(other.db)
            checkins, overshoots = _snapshot(world.db)
            assert sum(1 for c in checkins if c[11] is not None) == 3  # the annulments arrived first
            assert len(overshoots) >= 3 and {o[1] for o in overshoots} == {"2026-10", "2026-11"}
            assert any(o[0] == 10001 for o in overshoots)
            replaced = {c[0]: c for c in checkins if c[0] in {f.nonce for f in online}}
            assert [replaced[f.nonce][5:8] for f in online] == [
                ("guest_day", True, True),  # the door admitted
                ("guest_days_used", False, False),  # the door denied
                ("guest_day", True, True),  # agreed: unchanged
                ("guest_days_used", False, False),
            ]
            # sequence order: the batch's rows and the overshoots share one contiguous allocation
            with world.db.read() as session:
                seqs = sorted(session.scalars(select(Checkin.seq).where(Checkin.space_id == 2)))
                seqs += sorted(session.scalars(select(Overshoot.seq)))
            assert len(set(seqs)) == len(seqs)
        finally:
            other.db.dispose()


def annul(client: TestClient, headers: dict[str, str], nonce: str, undo_id: str) -> None:
    item = {
        "id": undo_id,
        "nonce": nonce,
        "staff_id": None,
        "reason": "mistake",
        "at": datetime.now(UTC).isoformat(),
    }
    response = client.post("/api/v1/annulments", json={"items": [item]}, headers=headers)
    assert response.json()["results"][0]["status"] == "stored", response.text


def test_annulment_shrinks_and_then_deletes_an_overshoot(world: World, client: TestClient) -> None:
    admin = {"Authorization": f"Bearer {world.admin_token}"}
    tanger_code = client.post("/api/v1/admin/enrollment-codes", json={"space": 3}, headers=admin).json()[
        "code"
    ]
    werben, tanger = enroll(client, world.werben_code), enroll(client, tanger_code)
    days = [datetime(2026, 11, d, 10, tzinfo=UTC) for d in (2, 3, 4)]
    a, b = fact(2, 10001, at=days[0]), fact(2, 10001, at=days[1])  # Werben: 2 days
    c = fact(3, 10001, at=days[2])  # Tangermünde: 1 day -> 3 guest days, 1 allowed
    upload(client, werben, a, b)
    upload(client, tanger, c)
    cursor = pull(client, werben)["cursor"]
    with world.db.read() as session:
        [overshoot] = session.scalars(select(Overshoot)).all()
    assert (overshoot.used, overshoot.allowed, overshoot.space_ids) == (3, 1, [2, 3])

    annul(client, tanger, c["nonce"], "undo-c")  # still over: shrunk to Werben's check-ins
    with world.db.read() as session:
        [shrunk] = session.scalars(select(Overshoot)).all()
    assert (shrunk.id, shrunk.used, shrunk.space_ids) == (overshoot.id, 2, [2])
    assert shrunk.nonces == [a["nonce"], b["nonce"]]
    delta = pull(client, werben, cursor)
    assert delta["overshoots"][0]["nonces"] == [a["nonce"], b["nonce"]]

    annul(client, werben, b["nonce"], "undo-b")  # back within the allowance: deleted
    with world.db.read() as session:
        assert session.scalars(select(Overshoot)).all() == []
    delta = pull(client, werben, delta["cursor"])
    assert {"kind": "overshoot", "id": overshoot.id} in delta["deleted"]
    annul(client, werben, a["nonce"], "undo-a")  # nothing left to settle
    with world.db.read() as session:
        assert session.scalars(select(Overshoot)).all() == []
