"""Issue 13 item 1: a burst of simultaneous redeems against a real server with several worker
processes, on SQLite and PostgreSQL.

The old server wedged here: the write transaction was committed only after the response had
been serialised, which needed a thread of the pool that the requests waiting for the write lock
already held; answers were 500 (`database is locked`, `QueuePool limit reached`) or none at all,
and `/health` starved. Now: every answer is 200 or 503 with Retry-After, the last guest day is
counted exactly once, and `/health` answers all through the burst.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import httpx2 as httpx
from sqlalchemy import func, select

from kiosk.core.models import new_nonce
from netserver.db import Checkin, Database
from netserver.services import enrollment, members, network, passes, spaces

from .conftest import start_server, stop_server

REDEEMS = 200
WORKERS = 4
SPACES = 7
CLIENT_TIMEOUT = 60.0  # far above every server-side bound: a missing answer is a failure


def _seed(url: str) -> tuple[str, list[str]]:
    """A member of space 1 (one guest day a month) and one kiosk token per partner space."""
    db = Database(url)
    try:
        with db.write() as session:
            network.init_network(session, name="Altmark", timezone="Europe/Berlin", default_guest_days=1)
            for n in range(1, SPACES + 1):
                spaces.add_space(session, slug=f"s{n}", name=f"Space {n}", town="Stendal")
            member = members.add_member(session, display_name="Anna", home_space="s1")
            code = passes.issue_pass(session, member.number).text
            tokens = []
            for n in range(2, SPACES + 1):
                enroll_code = enrollment.create_enrollment_code(session, f"s{n}").text
                tokens.append(enrollment.enroll(session, enroll_code, f"k{n}").token)
        return code, tokens
    finally:
        db.dispose()


def test_burst_of_redeems_answers_200_or_503_and_health_stays_up(db_url: str, tmp_path: Path) -> None:
    code, tokens = _seed(db_url)
    server = start_server(db_url, tmp_path / "uvicorn.log", workers=WORKERS)
    try:
        barrier = threading.Barrier(REDEEMS)
        done = threading.Event()
        health: list[tuple[int, float]] = []

        def watch_health() -> None:
            with httpx.Client(base_url=server.base_url, timeout=2.0) as http:
                while not done.is_set():
                    started = time.monotonic()
                    try:
                        status = http.get("/api/v1/health").status_code
                    except httpx.HTTPError:
                        status = 0
                    health.append((status, time.monotonic() - started))
                    time.sleep(0.1)

        def scan(i: int) -> tuple[int, str, str | None]:
            headers = {"Authorization": f"Bearer {tokens[i % len(tokens)]}"}
            body = {"nonce": new_nonce(), "code": code, "scanned_at": datetime.now(UTC).isoformat()}
            with httpx.Client(base_url=server.base_url, timeout=CLIENT_TIMEOUT) as http:
                barrier.wait()
                try:
                    response = http.post("/api/v1/checkins/redeem", json=body, headers=headers)
                except httpx.HTTPError as exc:
                    return 0, f"no answer: {exc!r}", None
            reason = response.json()["verdict"]["reason"] if response.status_code == 200 else response.text
            return response.status_code, str(reason), response.headers.get("retry-after")

        watcher = threading.Thread(target=watch_health)
        watcher.start()
        try:
            with ThreadPoolExecutor(REDEEMS) as pool:
                answers = list(pool.map(scan, range(REDEEMS)))
        finally:
            done.set()
            watcher.join()
    finally:
        stop_server(server)

    statuses = [status for status, _, _ in answers]
    bad = [a for a in answers if a[0] not in (200, 503)]
    assert not bad, f"{len(bad)} of {REDEEMS} neither 200 nor 503, e.g. {bad[:3]}"
    assert all(retry for status, _, retry in answers if status == 503), "a 503 without Retry-After"
    reasons = [reason for status, reason, _ in answers if status == 200]
    assert reasons, "not one redeem was answered"
    assert reasons.count("guest_day") == 1, reasons
    assert set(reasons) <= {"guest_day", "already_today", "guest_days_used"}, set(reasons)

    db = Database(db_url)
    try:
        with db.read() as session:
            counted = session.scalar(select(func.count()).where(Checkin.counted.is_(True)))
            stored = session.scalar(select(func.count()).select_from(Checkin))
    finally:
        db.dispose()
    assert counted == 1
    assert stored == statuses.count(200), "an answered redeem is not stored, or a 503 was stored"

    assert health, "the health watcher never ran"
    failed = [h for h in health if h[0] != 200]
    assert not failed, f"/health failed {len(failed)} of {len(health)} times during the burst"
