"""Network server benchmark: redeem and sync against a real uvicorn process on 127.0.0.1.

    python -m bench.server                       # SQLite only
    COWORKING_TEST_PG_URL=postgresql+psycopg://kiosk:kiosk@127.0.0.1:5432/kiosk_test python -m bench.server

For each database: 100,000 members (with passes) and 2,000 events; first sync (time, bytes);
a sync with nothing new (server time in-process, and HTTP round trip); redeem and sync
throughput and latency (p50, p99) next to a bare FastAPI endpoint served the same way.
"""

from __future__ import annotations

import os
import secrets
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx2 as httpx
from fastapi import FastAPI
from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from kiosk.core.credentials import MemberPass, new_secret
from kiosk.core.models import new_nonce
from netserver.db import Database, Event, Member, sequence
from netserver.db.migrate import upgrade
from netserver.services import enrollment, network, spaces
from netserver.services.sync import sync_page
from tests.server.conftest import LiveServer, start_server, stop_server

MEMBERS = 100_000
EVENTS = 2_000
THREADS = int(os.environ.get("BENCH_CLIENTS", "16"))  # the targets are at 16 clients
SECONDS = 4.0

bare_app = FastAPI()


@bare_app.get("/ping")
def ping() -> dict[str, str]:
    return {"status": "ok"}


@bare_app.post("/echo")
def echo(body: dict[str, object]) -> dict[str, object]:
    return {"nonce": body.get("nonce"), "verdict": {"reason": "guest_day"}, "duplicate": False}


def seed(url: str) -> tuple[list[str], str]:
    """The network, bulk-loaded; returns member pass texts and an enrollment code."""
    db = Database(url)
    now = datetime.now(UTC)
    with db.write() as session:
        network.init_network(session, name="Bench", timezone="Europe/Berlin", default_guest_days=2)
        for i in range(1, 13):
            spaces.add_space(session, slug=f"space-{i}", name=f"Space {i}", town=f"Town {i}")
        code = enrollment.create_enrollment_code(session, 2).text
    passes, rows = [], []
    for number in range(10001, 10001 + MEMBERS):
        card = MemberPass(secret=new_secret(), member_number=number, serial=1)
        passes.append(card.text)
        rows.append(
            {
                "number": number,
                "display_name": f"Member {number}",
                "home_space_id": 1 + number % 12,
                "state": "active",
                "plan_code": "standard",
                "pass_serial": 1,
                "secret_hash": card.secret_hash(),
                "created_at": now,
            }
        )
    events = [
        {
            "space_id": 1 + i % 12,
            "title": f"Event {i}",
            "starts_at": now + timedelta(hours=i),
            "ends_at": now + timedelta(hours=i + 2),
            "description": "A talk about the region. " * 4,
            "url": f"https://example.org/e/{i}",
            "series_key": f"series-{i % 50}",
            "cancelled": False,
        }
        for i in range(EVENTS)
    ]
    with db.write() as session:  # bulk insert: allocate the sync keys by hand
        for row, (txid, seq) in zip(rows + events, sequence.allocate(session, MEMBERS + EVENTS), strict=True):
            row["txid"], row["seq"] = txid, seq
        session.execute(insert(Member), rows)
        session.execute(insert(Event), events)
    db.dispose()
    return passes, code


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p50 = statistics.median(ordered) * 1000
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
    return f"p50 {p50:6.2f} ms  p99 {p99:6.2f} ms"


def hammer(
    base: str,
    request: Callable[[httpx.Client, int], httpx.Response],
    *,
    threads: int | None = None,
    seconds: float | None = None,
) -> tuple[float, list[float]]:
    """`threads` closed-loop clients for `seconds`: (requests per second, latencies)."""
    count = threads or THREADS
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.monotonic() + (seconds or SECONDS)

    def worker(index: int) -> None:
        mine: list[float] = []
        with httpx.Client(base_url=base, timeout=30) as http:
            i = index
            while time.monotonic() < stop:
                started = time.perf_counter()
                response = request(http, i)
                mine.append(time.perf_counter() - started)
                assert response.status_code == 200, response.text
                i += count
        with lock:
            latencies.extend(mine)

    workers = [threading.Thread(target=worker, args=(n,)) for n in range(count)]
    started = time.perf_counter()
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    return len(latencies) / (time.perf_counter() - started), latencies


def run(label: str, url: str, workdir: Path) -> None:
    print(f"\n== {label} ==")
    t0 = time.perf_counter()
    upgrade(url)
    passes, code = seed(url)
    print(f"seeded {MEMBERS:,} members + {EVENTS:,} events in {time.perf_counter() - t0:.1f} s")
    server = start_server(url, workdir / f"{label}.log", workers=1)
    bare = start_bare(workdir / f"{label}-bare.log")
    try:
        with httpx.Client(base_url=server.base_url, timeout=60) as http:
            token = http.post("/api/v1/enroll", json={"code": code, "kiosk_name": "bench"}).json()["token"]
            auth = {"Authorization": f"Bearer {token}"}
            started, size, cursor, pages = time.perf_counter(), 0, None, 0
            while True:
                params = {"limit": 5000, **({"cursor": cursor} if cursor else {})}
                page = http.get("/api/v1/sync", params=params, headers=auth)
                size += len(page.content)
                pages += 1
                cursor = page.json()["cursor"]
                if not page.json()["has_more"]:
                    break
            print(
                f"first sync: {time.perf_counter() - started:.2f} s, {size / 1e6:.1f} MB in {pages} pages "
                "(budget 10 s)"
            )
        db = Database(url)
        samples = []
        for _ in range(200):
            with db.read() as session:
                started = time.perf_counter()
                answer = sync_page(session, space_id=2, cursor=cursor, limit=2000)
                samples.append(time.perf_counter() - started)
        assert answer["full"] is False
        db.dispose()
        print(f"sync with nothing new, server time (in-process): {percentiles(samples)} (budget 30 ms)")
        rate, lat = hammer(
            server.base_url, lambda h, i: h.get("/api/v1/sync", params={"cursor": cursor}, headers=auth)
        )
        brate, blat = hammer(bare.base_url, lambda h, i: h.get("/ping"))
        print(f"tiny sync over HTTP: {rate:7.0f} req/s  {percentiles(lat)}")
        print(f"bare GET:            {brate:7.0f} req/s  {percentiles(blat)}  ratio {brate / rate:.1f}x")

        def redeem(h: httpx.Client, i: int) -> httpx.Response:
            body = {
                "nonce": new_nonce(),
                "code": passes[i % len(passes)],
                "scanned_at": datetime.now(UTC).isoformat(),
            }
            return h.post("/api/v1/checkins/redeem", json=body, headers=auth)

        rate, lat = hammer(server.base_url, redeem)
        brate, blat = hammer(bare.base_url, lambda h, i: h.post("/echo", json={"nonce": new_nonce()}))
        print(f"redeem:              {rate:7.0f} req/s  {percentiles(lat)}")
        print(f"bare POST:           {brate:7.0f} req/s  {percentiles(blat)}  ratio {brate / rate:.1f}x")
    finally:
        stop_server(server)
        stop_server(bare)


def start_bare(log: Path) -> LiveServer:
    import subprocess

    from tests.server.conftest import REPO, free_port

    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "bench.server:bare_app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        "1",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(cmd, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT, cwd=REPO)
    base = f"http://127.0.0.1:{port}"
    for _ in range(400):
        try:
            httpx.get(f"{base}/ping", timeout=1)
            return LiveServer(base, process)
        except httpx.HTTPError:
            time.sleep(0.05)
    raise RuntimeError("bare app did not start")


def main() -> None:
    print(f"{THREADS} client threads, {SECONDS:.0f} s per measurement, 1 uvicorn worker each")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        run("SQLite", f"sqlite:///{workdir / 'bench.db'}", workdir)
        pg = os.environ.get("COWORKING_TEST_PG_URL")
        if not pg:
            print("\n(PostgreSQL skipped: set COWORKING_TEST_PG_URL, see tests/server/start_postgres.sh)")
            return
        base = make_url(pg)
        name = f"cw_bench_{secrets.token_hex(4)}"
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            run("PostgreSQL", base.set(database=name).render_as_string(hide_password=False), workdir)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
