"""Against a real uvicorn process (two worker processes) on 127.0.0.1: the last-guest-day race,
sync over real HTTP, and the `serve` command."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import httpx2 as httpx
import pytest
from sqlalchemy import func, select

from kiosk.core.models import new_nonce
from netserver.db import Checkin

from .conftest import REPO, LiveServer, World, enroll, free_port

PARALLEL = 16


def test_last_guest_day_race_counts_exactly_once(world: World, live_server: LiveServer) -> None:
    admin = {"Authorization": f"Bearer {world.admin_token}"}
    with httpx.Client(base_url=live_server.base_url, timeout=30) as http:
        codes = [
            http.post("/api/v1/admin/enrollment-codes", json={"space": 2 + i % 2}, headers=admin).json()[
                "code"
            ]
            for i in range(PARALLEL)
        ]
        kiosks = [enroll(http, code, f"k{i}") for i, code in enumerate(codes)]
    barrier = threading.Barrier(PARALLEL)

    def scan(headers: dict[str, str]) -> str:
        with httpx.Client(base_url=live_server.base_url, timeout=30) as http:
            body = {
                "nonce": new_nonce(),
                "code": world.anna.text,
                "scanned_at": datetime.now(UTC).isoformat(),
            }
            barrier.wait()
            response = http.post("/api/v1/checkins/redeem", json=body, headers=headers)
            assert response.status_code == 200, response.text
            return str(response.json()["verdict"]["reason"])

    with ThreadPoolExecutor(PARALLEL) as pool:
        reasons = list(pool.map(scan, kiosks))
    assert reasons.count("guest_day") == 1, reasons
    assert set(reasons) <= {"guest_day", "already_today", "guest_days_used"}
    with world.db.read() as session:
        counted = session.scalar(select(func.count()).where(Checkin.counted.is_(True)))
        stored = session.scalar(select(func.count()).select_from(Checkin))
    assert (counted, stored) == (1, PARALLEL)


def test_sync_and_server_time_over_real_http(world: World, live_server: LiveServer) -> None:
    with httpx.Client(base_url=live_server.base_url, timeout=10) as http:
        kiosk = enroll(http, world.werben_code)
        first = http.get("/api/v1/sync", headers=kiosk)
        assert first.status_code == 200 and len(first.json()["members"]) == 2
        tiny = http.get("/api/v1/sync", params={"cursor": first.json()["cursor"]}, headers=kiosk)
        assert tiny.json()["full"] is False and len(tiny.content) < 100
        assert datetime.fromisoformat(tiny.headers["X-Server-Time"].replace("Z", "+00:00"))
        wrong = http.post("/api/v1/checkins/redeem", json={"nonce": "x"}, headers=kiosk)
        assert wrong.status_code == 422 and "X-Server-Time" in wrong.headers


@pytest.mark.slow
def test_serve_command(sqlite_world: World, tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [
        sys.executable,
        "-m",
        "netserver.cli",
        "--database-url",
        sqlite_world.url,
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    process = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline and process.poll() is None
                time.sleep(0.05)
        assert answer.json()["status"] == "ok"
    finally:
        process.terminate()
        process.wait(timeout=10)
