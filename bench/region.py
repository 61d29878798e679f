"""A simulated region against real server processes on 127.0.0.1 (SQLite and PostgreSQL).

    python -m bench.region                      # full size: 500 spaces, 200,000 members, 1,000 kiosks
    python -m bench.region --scale 0.05 --seconds 20      # a small run (the smoke test does this)
    COWORKING_TEST_PG_URL=... python -m bench.region      # PostgreSQL too

Load, open loop (arrivals do not wait for answers): every kiosk runs a sync pass every 30 s
(staggered, starting from an up-to-date cursor, as a running kiosk does: its health report, then
the pull); check-ins arrive network-wide at
3 per second (the morning rush) with peaks of 30 per second (10 s of every 60 s), each a
redeem at a random kiosk of a random member; an admin imports a member file (500 rows: changes
and new members) every 20 s. All figures scale with --scale, rates too.

Printed per database: server CPU (user + system of the server processes, in cores), p50/p99 of
redeem, health report and sync, errors (non-200 answers and failed requests), database size and its growth per
check-in and per month of check-ins (--checkins-per-day), then, in the same run and served the
same way, redeem and a bare FastAPI POST at 16 closed-loop clients (bench/server.py).
"""

from __future__ import annotations

import argparse
import os
import queue
import random
import resource
import secrets
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx2 as httpx
from sqlalchemy import create_engine, func, insert, select, text
from sqlalchemy.engine import make_url

from kiosk.core.credentials import MemberPass, new_secret
from kiosk.core.models import new_nonce
from netserver.db import Checkin, Database, Member, sequence
from netserver.db.migrate import upgrade
from netserver.services import enrollment, network, spaces, tokens
from tests.server.conftest import start_server, stop_server

from .server import hammer, percentiles, start_bare

SYNC_EVERY = 30.0
RUSH, PEAK, PEAK_SECONDS, PEAK_EVERY = 3.0, 30.0, 10.0, 60.0
IMPORT_EVERY, IMPORT_ROWS = 20.0, 500
POOL = 64  # load generator threads (each with its own client and connection)


@dataclass
class Region:
    spaces: int
    members: int
    kiosks: int

    @classmethod
    def scaled(cls, scale: float) -> Region:
        return cls(max(3, round(500 * scale)), max(100, round(200_000 * scale)), max(3, round(1_000 * scale)))


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    latency: dict[str, list[float]] = field(
        default_factory=lambda: {"redeem": [], "health": [], "sync": [], "import": []}
    )
    server: dict[str, list[float]] = field(  # the server's own time (Server-Timing), seconds
        default_factory=lambda: {"redeem": [], "health": [], "sync": [], "import": []}
    )
    errors: dict[str, int] = field(default_factory=dict)

    def record(self, kind: str, seconds: float, ok: bool, what: str = "", server_ms: float | None = None
               ) -> None:  # fmt: skip
        with self.lock:
            self.latency[kind].append(seconds)
            if server_ms is not None:
                self.server[kind].append(server_ms / 1000)
            if not ok:
                key = f"{kind} {what}"
                self.errors[key] = self.errors.get(key, 0) + 1


def seed(url: str, region: Region) -> tuple[list[str], list[str], str]:
    """Spaces, members with passes (bulk insert), one enrollment code per kiosk, an admin token."""
    db = Database(url)
    with db.write() as session:
        network.init_network(session, name="Region", timezone="Europe/Berlin", default_guest_days=2)
        for i in range(1, region.spaces + 1):
            spaces.add_space(session, slug=f"space-{i}", name=f"Space {i}", town=f"Town {i}")
        codes = [
            enrollment.create_enrollment_code(session, 1 + k % region.spaces).text
            for k in range(region.kiosks)
        ]
        admin = tokens.create_admin_token(session, "bench")
    now = datetime.now(UTC)
    passes, rows = [], []
    for number in range(10001, 10001 + region.members):
        card = MemberPass(secret=new_secret(), member_number=number, serial=1)
        passes.append(card.text)
        rows.append({"number": number, "display_name": f"Member {number}",
                     "home_space_id": 1 + number % region.spaces, "state": "active", "plan_code": "standard",
                     "pass_serial": 1, "secret_hash": card.secret_hash(), "created_at": now})  # fmt: skip
    for start in range(0, len(rows), 20_000):
        part = rows[start : start + 20_000]
        with db.write() as session:
            for row, (txid, seq) in zip(part, sequence.allocate(session, len(part)), strict=True):
                row["txid"], row["seq"] = txid, seq
            session.execute(insert(Member), part)
    db.dispose()
    return passes, codes, admin


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of the processes and their children (uvicorn workers), from /proc."""
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    todo, seen = list(pids), set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            continue
        todo += [int(c) for c in children]
    return total


def database_bytes(url: str) -> int:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(str(parsed.database))
        with sqlite3.connect(path, timeout=30) as conn:  # the WAL's pages into the file
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one())
    finally:
        engine.dispose()


def growth_per_checkin(url: str, base: str, kiosks: list[dict[str, str]], region: Region, n: int) -> float:
    """Database bytes per check-in: `n` uploaded facts (a day's morning at the door, spread over
    the kiosks and members), size measured before and after."""
    rng = random.Random(7)
    before, stored = database_bytes(url), checkin_count(url)
    with httpx.Client(base_url=base, timeout=120) as client:
        for start in range(0, n, 500):
            k = rng.randrange(len(kiosks))
            space = 1 + k % region.spaces
            items = []
            for _ in range(min(500, n - start)):
                number = 10001 + rng.randrange(region.members)
                home = 1 + number % region.spaces == space
                items.append({"nonce": new_nonce(), "occurred_at": datetime.now(UTC).isoformat(),
                              "space_id": space, "member_number": number, "pass_serial": 1,
                              "reason": "home_member" if home else "guest_day", "admitted": True,
                              "counted": not home, "offline": True, "method": "scan"})  # fmt: skip
            client.post("/api/v1/checkins", json={"items": items}, headers=kiosks[k]).raise_for_status()
    if not make_url(url).get_backend_name() == "sqlite":
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("CHECKPOINT"))
        engine.dispose()
    added = checkin_count(url) - stored
    return (database_bytes(url) - before) / added if added else 0.0


def checkin_count(url: str) -> int:
    db = Database(url)
    try:
        with db.read() as session:
            return int(session.scalar(select(func.count()).select_from(Checkin)) or 0)
    finally:
        db.dispose()


def member_file(round_no: int, region: Region) -> bytes:
    rng = random.Random(round_no)
    lines = ["number,display_name,home_space"]
    for _ in range(IMPORT_ROWS // 2):  # changes of existing members
        number = 10001 + rng.randrange(region.members)
        lines.append(f"{number},Member {number} ({round_no}),space-{1 + number % region.spaces}")
    for i in range(IMPORT_ROWS // 2):  # new members
        number = 10001 + region.members + round_no * IMPORT_ROWS + i
        lines.append(f"{number},New {number},space-{1 + number % region.spaces}")
    return ("\n".join(dict.fromkeys(lines)) + "\n").encode()


def simulate(base: str, region: Region, passes: list[str], kiosks: list[dict[str, str]], admin: str,
             seconds: float, scale: float) -> Tally:  # fmt: skip
    tally = Tally()
    rng = random.Random(2026)
    local = threading.local()
    # One client per pool thread, made before the clock starts: making one (its TLS context) costs
    # tens of ms of the generator's CPU, and 64 of them made lazily inside timed calls put 2.5 s
    # of the generator's own start-up into the first seconds' latencies (6 Dec 2026).
    spare = queue.SimpleQueue[httpx.Client]()
    made = [httpx.Client(base_url=base, timeout=30) for _ in range(POOL)]
    for client in made:
        spare.put(client)

    def http() -> httpx.Client:
        if not hasattr(local, "client"):
            local.client = spare.get_nowait()
        return local.client  # type: ignore[no-any-return]

    def timed(kind: str, call: Callable[[httpx.Client], httpx.Response]) -> None:
        client = http()
        started, server_ms = time.perf_counter(), None
        try:
            response = call(client)
            ok, what = response.status_code == 200, str(response.status_code)
            server_ms = server_time_ms(response)
        except httpx.HTTPError as exc:
            ok, what = False, type(exc).__name__
        tally.record(kind, time.perf_counter() - started, ok, what, server_ms)

    cursors: dict[int, str] = {}

    def sync(k: int) -> None:  # a kiosk's pass: its health report, then the pull
        report = {"version": "1.0.0", "queue": 0, "camera": "ok", "last_sync": datetime.now(UTC).isoformat(),
                  "offline_since": None, "decoder_fps": round(random.uniform(28, 30), 1)}  # fmt: skip
        timed("health", lambda c: c.post("/api/v1/kiosk/health", json=report, headers=kiosks[k]))

        def call(client: httpx.Client) -> httpx.Response:
            params = {"cursor": cursors[k]} if k in cursors else {}
            response = client.get("/api/v1/sync", params=params, headers=kiosks[k])
            if response.status_code == 200:
                cursors[k] = response.json()["cursor"]
            return response

        timed("sync", call)

    def redeem(k: int, card: str) -> None:
        body = {"nonce": new_nonce(), "code": card, "scanned_at": datetime.now(UTC).isoformat()}
        timed("redeem", lambda c: c.post("/api/v1/checkins/redeem", json=body, headers=kiosks[k]))

    def import_members(round_no: int) -> None:
        data = member_file(round_no, region)
        headers = {"Authorization": f"Bearer {admin}", "Content-Type": "text/csv"}
        timed("import", lambda c: c.post("/api/v1/admin/members/import", content=data, headers=headers))

    with httpx.Client(base_url=base, timeout=60) as client:  # kiosks that synced before
        head = client.get("/api/v1/sync", params={"limit": 1}, headers=kiosks[0]).json()["cursor"]
        while True:
            page = client.get(
                "/api/v1/sync", params={"cursor": head, "limit": 5000}, headers=kiosks[0]
            ).json()
            head = page["cursor"]
            if not page["has_more"]:
                break
    cursors.update(dict.fromkeys(range(len(kiosks)), head))
    started = time.monotonic()
    stop = started + seconds  # the clients and the catch-up above do not count
    schedule: list[tuple[float, str, int]] = []  # (at, kind, index)
    for k in range(len(kiosks)):
        at = rng.uniform(0, SYNC_EVERY)
        while at < seconds:
            schedule.append((at, "sync", k))
            at += SYNC_EVERY
    at = 0.0
    while at < seconds:
        rate = (PEAK if at % PEAK_EVERY < PEAK_SECONDS else RUSH) * scale
        at += rng.expovariate(max(rate, 1e-6))
        schedule.append((at, "redeem", rng.randrange(len(kiosks))))
    schedule += [(t, "import", n) for n, t in enumerate(range(5, int(seconds), int(IMPORT_EVERY)))]
    schedule.sort()
    with ThreadPoolExecutor(POOL) as pool:
        for at, kind, index in schedule:
            delay = started + at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            if time.monotonic() > stop:
                break
            if kind == "sync":
                pool.submit(sync, index)
            elif kind == "redeem":
                pool.submit(redeem, index, passes[rng.randrange(len(passes))])
            else:
                pool.submit(import_members, index)
    for client in made:
        client.close()
    return tally


def server_time_ms(response: httpx.Response) -> float | None:
    """The server's own time for the request (its `Server-Timing: app;dur=<ms>` header)."""
    timing = response.headers.get("server-timing", "")
    return float(timing.removeprefix("app;dur=")) if timing.startswith("app;dur=") else None


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run(label: str, url: str, workdir: Path, args: argparse.Namespace) -> None:
    region = Region.scaled(args.scale)
    print(f"\n== {label}: {region.spaces:,} spaces, {region.members:,} members, {region.kiosks:,} kiosks, "
          f"{args.workers} worker(s), {args.seconds:.0f} s ==")  # fmt: skip
    t0 = time.perf_counter()
    upgrade(url)
    passes, codes, admin = seed(url, region)
    print(f"seeded in {time.perf_counter() - t0:.1f} s")
    server = start_server(url, workdir / f"{label}.log", workers=args.workers)
    bare = start_bare(workdir / f"{label}-bare.log")
    try:
        with httpx.Client(base_url=server.base_url, timeout=60) as client:

            def enroll(code: str) -> dict[str, str]:
                answer = client.post("/api/v1/enroll", json={"code": code, "kiosk_name": "bench"})
                return {"Authorization": f"Bearer {answer.json()['token']}"}

            kiosks = [enroll(code) for code in codes]
        size_before, count_before = database_bytes(url), checkin_count(url)
        cpu_before, own_before = cpu_seconds([server.process.pid]), own_cpu_seconds()
        wall = time.perf_counter()
        tally = simulate(server.base_url, region, passes, kiosks, admin, args.seconds, args.scale)
        elapsed = time.perf_counter() - wall
        cpu = (cpu_seconds([server.process.pid]) - cpu_before) / elapsed
        generator = (own_cpu_seconds() - own_before) / elapsed
        stored = checkin_count(url) - count_before
        growth = database_bytes(url) - size_before
        print(f"server CPU: {cpu:.2f} cores (target: within 1 core); the load generator beside it: "
              f"{generator:.2f} cores")  # fmt: skip
        for kind in ("redeem", "health", "sync", "import"):
            samples = tally.latency[kind]
            if samples:
                own = tally.server[kind]
                print(f"{kind:7s} {len(samples):6d} requests  {percentiles(samples)}  "
                      f"(server time {percentiles(own) if own else '-'})")  # fmt: skip
        print(f"errors: {sum(tally.errors.values())} {tally.errors or ''}")
        print(f"database: {database_bytes(url) / 1e6:.1f} MB (+{growth / 1e6:.2f} MB in the run: {stored} "
              "check-ins and the imports)")  # fmt: skip
        per = growth_per_checkin(url, server.base_url, kiosks, region, max(1000, round(args.scale * 20_000)))
        month = per * args.checkins_per_day * 30
        print(f"growth: {per:.0f} B per stored check-in (database file, indexes included), about "
              f"{month / 1e6:.0f} MB per month at {args.checkins_per_day:,} check-ins a day")  # fmt: skip

        def closed_redeem(h: httpx.Client, i: int) -> httpx.Response:
            body = {
                "nonce": new_nonce(),
                "code": passes[i % len(passes)],
                "scanned_at": datetime.now(UTC).isoformat(),
            }
            return h.post("/api/v1/checkins/redeem", json=body, headers=kiosks[i % len(kiosks)])

        rate, lat = hammer(server.base_url, closed_redeem, threads=args.clients, seconds=args.closed_seconds)
        brate, blat = hammer(bare.base_url, lambda h, i: h.post("/echo", json={"nonce": new_nonce()}),
                             threads=args.clients, seconds=args.closed_seconds)  # fmt: skip
        print(f"{args.clients} clients, redeem:    {rate:7.0f} req/s  {percentiles(lat)}")
        print(f"{args.clients} clients, bare POST: {brate:7.0f} req/s  {percentiles(blat)}  "
              f"redeem/bare {rate / brate:.2f} (target >= 0.5)")  # fmt: skip
    finally:
        stop_server(server)
        stop_server(bare)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="region size and rates (1 = full)")
    parser.add_argument("--seconds", type=float, default=120.0, help="simulated time")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--clients", type=int, default=16, help="closed-loop clients for redeem vs bare")
    parser.add_argument("--closed-seconds", type=float, default=5.0)
    parser.add_argument("--checkins-per-day", type=int, default=20_000, help="for the growth per month")
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        run("SQLite", f"sqlite:///{workdir / 'region.db'}", workdir, args)
        pg = os.environ.get("COWORKING_TEST_PG_URL")
        if args.sqlite_only or not pg:
            print("\n(PostgreSQL skipped: set COWORKING_TEST_PG_URL)")
            return
        base = make_url(pg)
        name = f"cw_region_{secrets.token_hex(4)}"
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            run("PostgreSQL", base.set(database=name).render_as_string(hide_password=False), workdir, args)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


if __name__ == "__main__":
    main()
