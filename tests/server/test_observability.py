"""/metrics in Prometheus text format (one process, and two `serve` workers adding up) and
structured JSON logs with request ids that carry no names and no tokens (issue 18, item 3)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx2 as httpx
from prometheus_client.parser import text_string_to_metric_families

from kiosk.core.models import new_nonce
from netserver.services import members, passes

from .conftest import REPO, World, enroll, free_port


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def value(found: dict[tuple[str, tuple[tuple[str, str], ...]], float], name: str, **labels: str) -> float:
    return found.get((name, tuple(sorted(labels.items()))), 0.0)


def test_metrics_count_redeems_syncs_checkins_errors_and_offline_kiosks(world: World) -> None:
    with world.client() as client:
        kiosk = enroll(client, world.werben_code)
        enroll(client, world.stendal_code, "Back door")
        before = samples(client.get("/metrics").text)
        assert client.get("/api/v1/sync", headers=kiosk).status_code == 200
        body = {
            "nonce": new_nonce(),
            "code": world.anna.text,
            "scanned_at": datetime.now(UTC).isoformat(),
        }
        assert client.post("/api/v1/checkins/redeem", json=body, headers=kiosk).status_code == 200
        assert client.get("/api/v1/sync", headers={"Authorization": "Bearer nope"}).status_code == 401
        answer = client.get("/metrics")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/plain")
    after = samples(answer.text)
    assert value(after, "coworking_sync_seconds_count") - value(before, "coworking_sync_seconds_count") == 2
    assert (
        value(after, "coworking_redeem_seconds_count") - value(before, "coworking_redeem_seconds_count") == 1
    )
    assert value(after, "coworking_redeem_seconds_bucket", le="+Inf") >= 1
    grown = value(after, "coworking_checkins_total", space_id="2", admitted="true", source="redeem") - value(
        before, "coworking_checkins_total", space_id="2", admitted="true", source="redeem"
    )
    assert grown == 1
    assert (
        value(after, "coworking_errors_total", status="401")
        - value(before, "coworking_errors_total", status="401")
        == 1
    )
    assert value(after, "coworking_kiosks_offline") == 0  # both were just seen


def _start(url: str, tmp_path: Path, workers: int) -> tuple[subprocess.Popen[bytes], str, Path]:
    port = free_port()
    log = tmp_path / "server.log"
    env = {**os.environ, "PYTHONPATH": str(REPO), "RUNTIME_DIRECTORY": str(tmp_path / "run")}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    cmd = [sys.executable, "-m", "netserver.cli", "--database-url", url, "serve", "--host", "127.0.0.1",
           "--port", str(port), "--workers", str(workers)]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                return process, base, log
        except httpx.HTTPError:
            pass
        assert time.monotonic() < deadline and process.poll() is None, log.read_text()
        time.sleep(0.1)


def test_two_workers_add_up_and_log_json_without_names_or_tokens(sqlite_world: World, tmp_path: Path) -> None:
    secret_name = "Zacharias Geheimname"
    with sqlite_world.db.write() as session:
        member = members.add_member(session, display_name=secret_name, home_space="stendal")
        zach = passes.issue_pass(session, member.number)
    process, base, log = _start(sqlite_world.url, tmp_path, workers=2)
    try:
        with httpx.Client(base_url=base, timeout=10) as http:
            kiosk = enroll(http, sqlite_world.werben_code)
            token = kiosk["Authorization"].split()[1]
            for _ in range(20):  # a new connection each time: both workers answer some
                with httpx.Client(base_url=base, timeout=10) as fresh:
                    assert fresh.get("/api/v1/sync", headers=kiosk).status_code == 200
            body = {"nonce": new_nonce(), "code": zach.text, "scanned_at": datetime.now(UTC).isoformat()}
            redeemed = http.post(
                "/api/v1/checkins/redeem", json=body, headers={**kiosk, "X-Request-ID": "abc-123"}
            )
            assert redeemed.status_code == 200 and redeemed.headers["x-request-id"] == "abc-123"
            timing = redeemed.headers["server-timing"]  # app;dur=<ms>: the server's own time
            assert timing.startswith("app;dur=") and 0 < float(timing.removeprefix("app;dur=")) < 10_000
            assert redeemed.json()["verdict"]["display_name"] == secret_name  # the kiosk needs it
            http.get("/api/v1/sync", headers={"Authorization": f"Bearer {token}x"})  # a 401, logged
            found = samples(http.get("/metrics").text)
        assert value(found, "coworking_sync_seconds_count") == 21  # the 401 too
        assert value(found, "coworking_http_requests_total", route="/api/v1/sync", status="200") == 20
        assert value(found, "coworking_redeem_seconds_count") == 1
        assert value(found, "coworking_checkins_total", space_id="2", admitted="true", source="redeem") == 1
    finally:
        process.terminate()
        process.wait(timeout=15)
    text = log.read_text(encoding="utf-8")
    lines = [json.loads(line) for line in text.splitlines() if line.strip()]
    access = [line for line in lines if line.get("logger") == "netserver.access"]
    assert len(access) >= 23
    assert all(line["request_id"] and line["level"] and line["timestamp"] and line["pid"] for line in access)
    assert {"method": "POST", "route": "/api/v1/checkins/redeem", "status": 200}.items() <= next(
        line for line in access if line["request_id"] == "abc-123"
    ).items()
    assert {line["route"] for line in access} >= {"/api/v1/sync", "/api/v1/enroll", "/metrics"}
    for forbidden in (
        secret_name,
        "Geheimname",
        token,
        "cwk_",
        "Bearer",
        sqlite_world.werben_code,
        zach.text,
    ):
        assert forbidden not in text
