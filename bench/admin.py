"""Web admin benchmark: the server time of every admin page with a large network.

    python -m bench.admin                      # 200,000 members, SQLite
    python -m bench.admin --members 5000       # a quick check that it runs
    COWORKING_BENCH_PG_URL=postgresql+psycopg://... python -m bench.admin   # PostgreSQL (an empty database)

The network: 12 spaces, N members (names from first- and last-name lists, so a name search
finds many or few), N/2 check-ins this month (a quarter of them guest days), 2,000 events,
staff, kiosks and audit entries. Each page is requested in-process (the ASGI app, no network:
what is measured is the server's work) by the coordinator and by a space manager, REPEAT times
after one warm-up; the median and the maximum are printed. Budget (DESIGN §10): 200 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import insert, text

from netserver.api.app import create_app
from netserver.db import AuditEntry, Checkin, Database, Event, Member
from netserver.db.migrate import upgrade
from netserver.db.name_key import name_key
from netserver.services import admin_users, enrollment, network, spaces, staff
from netserver.settings import Settings

REPEAT = 7
BUDGET_MS = 200.0
FIRST = (
    "Anna",
    "Ben",
    "Carla",
    "Dirk",
    "Elif",
    "Frank",
    "Greta",
    "Hannes",
    "Ilse",
    "Jonas",
    "Katrin",
    "Lukas",
    "Mia",
    "Noah",
    "Olga",
    "Paul",
    "Rita",
    "Sven",
    "Tanja",
    "Uwe",
    "Vera",
    "Willi",
)
LAST = (
    "Schulz",
    "Müller",
    "Schmidt",
    "Fischer",
    "Weber",
    "Wagner",
    "Becker",
    "Hoffmann",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Braun",
    "Zimmermann",
    "Krüger",
    "Hartmann",
)
PASSWORD = "benchmark password"


def seed(url: str, members: int) -> int:
    """Returns a member number of space 1 (for the detail pages)."""
    db = Database(url)
    rng = random.Random(16)
    now = datetime.now(UTC)
    with db.write() as session:
        network.init_network(session, name="Bench", timezone="Europe/Berlin", default_guest_days=2)
        for i in range(1, 13):
            spaces.add_space(session, slug=f"space-{i}", name=f"Space {i}", town=f"Town {i}")
        for i in range(1, 13):
            staff.add_staff(session, display_name=f"Staff {i}", space=i, pin="480516")
            enrollment.create_enrollment_code(session, i)
        coordinator = admin_users.add_user(session, name="coord", role="network")
        manager = admin_users.add_user(session, name="manager", role="space", space="space-1")
        admin_users.set_password(session, coordinator, PASSWORD)
        admin_users.set_password(session, manager, PASSWORD)
    rows = [
        {
            "number": n,
            "display_name": f"{rng.choice(FIRST)} {rng.choice(LAST)[0]}. {n % 97}",
            "name_key": "",  # filled below: a bulk insert bypasses the ORM hook (db/name_key.py)
            "email": f"m{n}@example.org",
            "home_space_id": 1 + n % 12,
            "state": "active",
            "plan_code": "standard",
            "pass_serial": 1,
            "secret_hash": uuid.uuid4().hex * 2,
            "created_at": now,
        }
        for n in range(10001, 10001 + members)
    ]
    for row in rows:
        row["name_key"] = name_key(str(row["display_name"]))
    today = now.date()
    first = today.replace(day=1)
    checkins = []
    for i in range(members // 2):
        number = 10001 + rng.randrange(members)
        day = first + timedelta(days=rng.randrange(max(1, (today - first).days + 1)))
        at = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(
            minutes=rng.randrange(7 * 60, 20 * 60)
        )
        space = 1 + rng.randrange(12)
        guest = space != 1 + number % 12
        checkins.append(
            {
                "nonce": uuid.uuid4().hex,
                "member_number": number,
                "space_id": space,
                "occurred_at": at,
                "day": day,
                "reason": "guest_day" if guest else "home_member",
                "admitted": True,
                "counted": guest and i % 4 == 0,
                "offline": False,
                "method": "scan",
                "received_at": at,
            }
        )
    events = [
        {
            "space_id": 1 + i % 12,
            "title": f"Event {i}",
            "starts_at": now + timedelta(hours=i),
            "ends_at": now + timedelta(hours=i + 2),
            "description": "",
            "url": "",
            "series_key": "",
            "cancelled": False,
        }
        for i in range(2000)
    ]
    audit = [
        {
            "id": uuid.uuid4().hex,
            "at": now - timedelta(minutes=i),
            "actor": "kiosk:1",
            "space_id": 1 + i % 12,
            "action": "override",
            "detail": f"nonce={i}",
        }
        for i in range(20_000)
    ]
    with db.write() as session:
        count = len(rows) + len(checkins) + len(events)
        top = session.execute(
            text("UPDATE change_counter SET value = value + :n WHERE id = 1 RETURNING value"), {"n": count}
        ).scalar_one()
        seq = int(top) - count + 1
        for offset, row in enumerate(rows + checkins + events):
            row["seq"] = seq + offset
        for start in range(0, len(rows), 20_000):
            session.execute(insert(Member), rows[start : start + 20_000])
        for start in range(0, len(checkins), 20_000):
            session.execute(insert(Checkin), checkins[start : start + 20_000])
        session.execute(insert(Event), events)
        session.execute(insert(AuditEntry), audit)
    db.dispose()
    return next(r["number"] for r in rows if r["home_space_id"] == 1)


def signed_in(client: TestClient, name: str) -> None:
    page = client.get("/admin/signin")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token
    response = client.post(
        "/admin/signin", data={"name": name, "password": PASSWORD, "csrf": token[1]}, follow_redirects=False
    )
    assert response.status_code == 303, response.text


def pages(member: int) -> list[str]:
    return [
        "/admin/dashboard",
        "/admin/members",
        f"/admin/members?q={member}",
        "/admin/members?q=anna",
        "/admin/members?q=zzzz",
        "/admin/members?q=k. 4",  # inside the name, not at its start
        "/admin/members?q=a&plan=standard&state=active",
        f"/admin/members/{member}",
        "/admin/import",
        "/admin/staff",
        "/admin/kiosks",
        "/admin/events",
        "/admin/equipment",
        "/admin/report",
        "/admin/report/download?format=csv",
        "/admin/audit",
        "/admin/audit?action=override",
        "/admin/users",
        "/admin/conflicts",
    ]


def measure(client: TestClient, path: str) -> tuple[float, float, int]:
    client.get(path)  # warm-up
    times, status = [], 0
    for _ in range(REPEAT):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        status = response.status_code
    return statistics.median(times), max(times), status


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=200_000)
    args = parser.parse_args()
    pg = os.environ.get("COWORKING_BENCH_PG_URL")
    with tempfile.TemporaryDirectory(prefix="bench-admin-") as tmp:
        url = pg or f"sqlite:///{Path(tmp) / 'network.db'}"
        upgrade(url)
        started = time.perf_counter()
        member = seed(url, args.members)
        seeded = time.perf_counter() - started
        print(
            f"database: {'PostgreSQL' if pg else 'SQLite'}; {args.members:,} members, {args.members // 2:,} "
            f"check-ins this month, 2,000 events, 20,000 audit entries (seeded in {seeded:.0f} s)"
        )
        db = Database(url)
        app = create_app(Settings(database_url=url, feed_poll_seconds=0), db=db)
        worst = 0.0
        for user in ("coord", "manager"):
            with TestClient(app) as client:
                signed_in(client, user)
                print(f"\n{user}: page                                              median      max  status")
                for path in pages(member):
                    median, top, status = measure(client, path)
                    worst = max(worst, median)
                    flag = "" if median <= BUDGET_MS else "  over budget"
                    print(f"  {path:<52} {median:7.1f} ms {top:7.1f} ms  {status}{flag}")
        print(f"\nslowest page (median): {worst:.1f} ms; budget {BUDGET_MS:.0f} ms")
        db.dispose()


if __name__ == "__main__":
    main()
