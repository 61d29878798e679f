"""GDPR erasure removes the free text about a member too, everywhere the server keeps it:
override and undo reasons (check-in rows, annulments, the kiosks' audit entries), the name in
stored online verdicts, held facts, the skills board and the member page link. The anonymous
counts stay: the settlement still counts the guest day. The old erasure blanked the member row
only, and "Berta" (who vouched for Anna at the desk) stayed in four tables."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import func, select, text

from kiosk.core.models import new_nonce
from netserver.db import Checkin
from netserver.services import gdpr, member_links, members, skills
from netserver.services.report import build_report

from .conftest import World, enroll
from .test_facts import fact, upload

WHY = "Anna K. (Schulstraße 4) forgot her card; her sister Berta vouched"
TABLES = ("checkins", "annulments", "audit_log", "fact_conflicts", "skill_optins", "skill_board",
          "member_links", "members")  # fmt: skip


def everything(world: World) -> str:
    """Every row of the tables that may hold text about a member, as one text."""
    with world.db.read() as session:
        rows = []
        for table in TABLES:
            rows += [
                json.dumps([str(v) for v in row]) for row in session.execute(text(f"SELECT * FROM {table}"))
            ]
    return "\n".join(rows)


def post(client: TestClient, headers: dict[str, str], path: str, *items: dict[str, object]) -> None:
    response = client.post(f"/api/v1/{path}", json={"items": list(items)}, headers=headers)
    assert response.status_code == 200, response.text
    assert {r["status"] for r in response.json()["results"]} == {"stored"}, response.text


def test_erasure_blanks_the_free_text_and_keeps_the_counts(world: World, client: TestClient) -> None:
    werben = enroll(client, world.werben_code)
    now = datetime.now(UTC)
    online = new_nonce()
    answer = client.post(
        "/api/v1/checkins/redeem",
        json={"nonce": online, "code": world.anna.text, "scanned_at": now.isoformat()},
        headers=werben,
    )
    assert answer.json()["verdict"]["reason"] == "guest_day"  # stored with "Anna" in its params
    override = fact(2, 10001, reason="staff_override", counted=False, method="manual",
                    staff_id=world.staff_id, override_reason=WHY, at=now - timedelta(minutes=5))  # fmt: skip
    undone = fact(2, 10001, reason="already_today", counted=False, at=now - timedelta(minutes=3))
    upload(client, werben, override, undone)
    post(client, werben, "annulments",
         {"id": new_nonce(), "nonce": undone["nonce"], "staff_id": world.staff_id, "reason": WHY,
          "at": now.isoformat()})  # fmt: skip
    post(client, werben, "audit",
         {"id": new_nonce(), "at": now.isoformat(), "staff_id": world.staff_id, "action": "override",
          "detail": f"nonce={override['nonce']} denied=- reason={WHY}"},
         {"id": new_nonce(), "at": now.isoformat(), "staff_id": world.staff_id, "action": "undo",
          "detail": f"nonce={undone['nonce']} reason={WHY}"},
         {"id": new_nonce(), "at": now.isoformat(), "staff_id": world.staff_id, "action": "undo",
          "detail": f"nonce={new_nonce()} reason=Ben's scan twice"})  # fmt: skip
    future = fact(2, 10001, reason="staff_override", override_reason=WHY, at=now + timedelta(days=30))
    upload(client, werben, future)  # held for staff, with its reason
    with world.db.write() as session:
        skills.opt_in(session, 10001, "Anna", ["Förderanträge Berta"])
        member_links.create_link(session, 10001)
    assert "Berta" in everything(world)
    with world.db.read() as session:
        checkins = session.scalar(select(func.count()).select_from(Checkin))
        report = build_report(session, now.year, now.month)

    with world.db.write() as session:
        gdpr.erase_member(session, members.get_member(session, 10001), "web:coord")

    stored = everything(world)
    assert "Berta" not in stored and "Schulstraße" not in stored and "Anna" not in stored
    assert "Ben's scan twice" in stored  # another member's entry keeps its reason
    with world.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Checkin)) == checkins
        row = session.scalar(select(Checkin).where(Checkin.nonce == override["nonce"]))
        assert row is not None and (row.reason, row.admitted, row.override_reason) == (
            "staff_override",
            True,
            "–",
        )
        assert build_report(session, now.year, now.month) == report  # the anonymous counts stay
