"""Server CPU per request: an online redeem beside a bare FastAPI POST (issue 14).

    python -m bench.redeem_cpu [--members 20000] [--seconds 6] [--clients 4]
    COWORKING_TEST_PG_URL=postgresql+psycopg://... python -m bench.redeem_cpu   # and PostgreSQL

One uvicorn worker each; `clients` closed-loop clients for `seconds`; the figure is the
server process's user + system CPU time (/proc) over the requests answered. Unlike throughput and
latency, CPU time per request hardly depends on what else runs on the machine, so it tells
whether a change to the redeem's path made it cheaper even on a loaded machine. Throughput at 16
clients and the region: `python -m bench.region`.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import httpx2 as httpx

from kiosk.core.models import new_nonce
from tests.server.conftest import LiveServer, fresh_database, start_server, stop_server

from . import server as bench_server
from .core import machine
from .region import cpu_seconds
from .server import hammer, percentiles, start_bare


def cpu_per_request(
    live: LiveServer, request: Callable[[httpx.Client, int], httpx.Response], seconds: float, clients: int
) -> tuple[float, float, list[float]]:
    """(server CPU ms per request, requests per second, latencies) over `seconds`."""
    hammer(live.base_url, request, threads=clients, seconds=1.0)  # warm: imports, pools, caches
    before = cpu_seconds([live.process.pid])
    rate, latencies = hammer(live.base_url, request, threads=clients, seconds=seconds)
    used = cpu_seconds([live.process.pid]) - before
    return used / len(latencies) * 1000, rate, latencies


def run(label: str, url: str, workdir: Path, members: int, seconds: float, clients: int) -> None:
    bench_server.MEMBERS = members
    passes, code = bench_server.seed(url)
    live = start_server(url, workdir / f"{label}.log", workers=1)
    bare = start_bare(workdir / f"{label}-bare.log")
    try:
        with httpx.Client(base_url=live.base_url, timeout=60) as http:
            token = http.post("/api/v1/enroll", json={"code": code, "kiosk_name": "bench"}).json()["token"]
        auth = {"Authorization": f"Bearer {token}"}

        def redeem(h: httpx.Client, i: int) -> httpx.Response:
            now = datetime.now(UTC).isoformat()
            body = {"nonce": new_nonce(), "code": passes[i % len(passes)], "scanned_at": now}
            return h.post("/api/v1/checkins/redeem", json=body, headers=auth)

        def echo(h: httpx.Client, i: int) -> httpx.Response:
            return h.post("/echo", json={"nonce": new_nonce()})

        r_cpu, r_rate, r_lat = cpu_per_request(live, redeem, seconds, clients)
        b_cpu, b_rate, b_lat = cpu_per_request(bare, echo, seconds, clients)
        for what, cpu, rate, lat in (
            ("redeem:   ", r_cpu, r_rate, r_lat),
            ("bare POST:", b_cpu, b_rate, b_lat),
        ):
            figures = f"{cpu:6.2f} ms server CPU per request, {rate:6.0f} req/s, {percentiles(lat)}"
            print(f"{label:10} {what} {figures}")
        print(f"{label:10} redeem / bare CPU: {r_cpu / b_cpu:.1f}x ({len(r_lat)} redeems, {clients} clients)")
    finally:
        stop_server(live)
        stop_server(bare)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f}; one uvicorn worker each")
    kinds = ["sqlite"] + (["postgres"] if os.environ.get("COWORKING_TEST_PG_URL") else [])
    with tempfile.TemporaryDirectory() as tmp:
        for kind in kinds:
            with fresh_database(kind, Path(tmp)) as url:
                label = "SQLite" if kind == "sqlite" else "PostgreSQL"
                run(label, url, Path(tmp), args.members, args.seconds, args.clients)
    if len(kinds) == 1:
        print("(PostgreSQL skipped: set COWORKING_TEST_PG_URL)")


if __name__ == "__main__":
    main()
