"""Load and the last-guest-day race against a real server with several worker processes.

    python -m bench.load [--clients 1,4,16,64,256] [--seconds 5] [--workers 4] [--race 200]
    COWORKING_TEST_PG_URL=postgresql+psycopg://... python -m bench.load   # SQLite and PostgreSQL

For each database and each number of clients: every client redeems member cards in a loop for
`--seconds` (one request in flight per client); a watcher asks `/health` every 100 ms with a
2 s timeout. Prints requests per second, p50/p99 latency, the answers by status (503 with
Retry-After is allowed above capacity, any other 5xx is a failure), and how `/health` fared.
Then the race: `--race` simultaneous redeems of one member's last guest day across six
partner spaces; prints how many were counted (must be exactly 1). The CI-sized race is
tests/server/test_burst.py.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx2 as httpx
from sqlalchemy import func, select

from bench.core import machine
from kiosk.core.models import new_nonce
from netserver.db import Checkin, Database
from netserver.services import enrollment, members, network, passes, spaces
from tests.server.conftest import fresh_database, start_server, stop_server

SPACES = 7


@dataclass
class Seeded:
    cards: list[str]
    tokens: list[str]
    last_day: str  # one member with one guest day left, for the race


def seed(url: str, members_count: int) -> Seeded:
    db = Database(url)
    try:
        with db.write() as session:
            network.init_network(session, name="Load", timezone="Europe/Berlin", default_guest_days=31)
            for n in range(1, SPACES + 1):
                spaces.add_space(session, slug=f"s{n}", name=f"Space {n}", town="Stendal")
            cards = []
            for i in range(members_count):
                member = members.add_member(session, display_name=f"M{i}", home_space=f"s{1 + i % SPACES}")
                cards.append(passes.issue_pass(session, member.number).text)
            spaces.add_plan(session, code="one", name="One guest day", guest_days_per_month=1)
            racer = members.add_member(session, display_name="Racer", home_space="s1", plan="one")
            last_day = passes.issue_pass(session, racer.number).text
            tokens = []
            for n in range(2, SPACES + 1):
                code = enrollment.create_enrollment_code(session, f"s{n}").text
                tokens.append(enrollment.enroll(session, code, f"k{n}").token)
        return Seeded(cards, tokens, last_day)
    finally:
        db.dispose()


@dataclass
class Outcome:
    statuses: Counter[int] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    retry_after_missing: int = 0
    health: list[tuple[int, float]] = field(default_factory=list)


def watch_health(base: str, done: threading.Event, out: Outcome) -> None:
    with httpx.Client(base_url=base, timeout=2.0) as http:
        while not done.is_set():
            started = time.perf_counter()
            try:
                status = http.get("/api/v1/health").status_code
            except httpx.HTTPError:
                status = 0
            out.health.append((status, time.perf_counter() - started))
            time.sleep(0.1)


def load(base: str, seeded: Seeded, clients: int, seconds: float) -> Outcome:
    out = Outcome()
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    done = threading.Event()

    def client(index: int) -> None:
        rng = random.Random(index)
        headers = {"Authorization": f"Bearer {seeded.tokens[index % len(seeded.tokens)]}"}
        mine = Outcome()
        with httpx.Client(base_url=base, timeout=30) as http:
            while time.monotonic() < stop:
                body = {
                    "nonce": new_nonce(),
                    "code": rng.choice(seeded.cards),
                    "scanned_at": datetime.now(UTC).isoformat(),
                }
                started = time.perf_counter()
                try:
                    response = http.post("/api/v1/checkins/redeem", json=body, headers=headers)
                    status = response.status_code
                    if status == 503 and "retry-after" not in response.headers:
                        mine.retry_after_missing += 1
                except httpx.HTTPError:
                    status = 0
                mine.latencies.append(time.perf_counter() - started)
                mine.statuses[status] += 1
        with lock:
            out.statuses.update(mine.statuses)
            out.latencies.extend(mine.latencies)
            out.retry_after_missing += mine.retry_after_missing

    watcher = threading.Thread(target=watch_health, args=(base, done, out))
    watcher.start()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    watcher.join()
    return out


def race(base: str, seeded: Seeded, n: int, url: str) -> tuple[Counter[int], int]:
    barrier = threading.Barrier(n)

    def scan(i: int) -> int:
        headers = {"Authorization": f"Bearer {seeded.tokens[i % len(seeded.tokens)]}"}
        body = {"nonce": new_nonce(), "code": seeded.last_day, "scanned_at": datetime.now(UTC).isoformat()}
        with httpx.Client(base_url=base, timeout=60) as http:
            barrier.wait()
            try:
                return http.post("/api/v1/checkins/redeem", json=body, headers=headers).status_code
            except httpx.HTTPError:
                return 0

    with ThreadPoolExecutor(n) as pool:
        statuses = Counter(pool.map(scan, range(n)))
    db = Database(url)
    try:
        with db.read() as session:
            racer = session.scalar(select(func.max(Checkin.member_number)))
            counted = session.scalar(
                select(func.count()).where(Checkin.member_number == racer, Checkin.counted.is_(True))
            )
    finally:
        db.dispose()
    return statuses, int(counted or 0)


def ms(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1000 if ordered else float("nan")


def report(label: str, clients: int, seconds: float, out: Outcome) -> None:
    total = sum(out.statuses.values())
    bad = sum(v for k, v in out.statuses.items() if k >= 500 and k != 503) + out.statuses.get(0, 0)
    health_bad = sum(1 for status, _ in out.health if status != 200)
    health_max = max((lat for _, lat in out.health), default=float("nan")) * 1000
    p50 = statistics.median(out.latencies) * 1000 if out.latencies else float("nan")
    print(
        f"{label:10} {clients:4} clients: {total / seconds:7.1f} req/s  p50 {p50:7.1f} ms"
        f"  p99 {ms(out.latencies, 0.99):7.1f} ms  answers {dict(sorted(out.statuses.items()))}"
        f"  5xx-not-503/none {bad}  503-without-Retry-After {out.retry_after_missing}"
        f"  /health {len(out.health) - health_bad}/{len(out.health)} ok, max {health_max:.0f} ms"
    )


def run(label: str, url: str, args: argparse.Namespace, workdir: Path) -> None:
    seeded = seed(url, args.members)
    server = start_server(url, workdir / f"{label}.log", workers=args.workers)
    try:
        for clients in args.clients:
            report(label, clients, args.seconds, load(server.base_url, seeded, clients, args.seconds))
        statuses, counted = race(server.base_url, seeded, args.race, url)
        print(f"{label:10} race: {args.race} simultaneous redeems of a last guest day:", end=" ")
        print(f"answers {dict(statuses)}, counted {counted}")
    finally:
        stop_server(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--clients", type=lambda s: [int(x) for x in s.split(",")], default=[1, 4, 16, 64, 256]
    )
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--members", type=int, default=500)
    parser.add_argument("--race", type=int, default=200)
    args = parser.parse_args()
    print(f"machine: {machine()}; {args.workers} worker processes; {args.members} members")
    with tempfile.TemporaryDirectory() as tmp:
        kinds = ["sqlite"] + (["postgres"] if os.environ.get("COWORKING_TEST_PG_URL") else [])
        for kind in kinds:
            with fresh_database(kind, Path(tmp)) as url:
                run(kind, url, args, Path(tmp))


if __name__ == "__main__":
    main()
