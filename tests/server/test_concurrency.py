"""Redeems, uploads, member imports and syncs at once, against real server processes on one
database (SQLite and PostgreSQL): every sync client ends with exactly the server's state, the
last guest day counts once, and nothing answers 5xx.

No write waits for a network-wide lock any more (netserver/db/sequence.py): this is the test
that the sync guarantee ("a reader that has seen key K has seen every change below K") holds
while writers commit out of order.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx2 as httpx
import pytest
from sqlalchemy import and_, func, or_, select

from kiosk.core.models import new_nonce
from netserver.db import Checkin, Member
from netserver.services import members, passes

from .conftest import LiveServer, World, enroll, start_server, stop_server

SPACES = (1, 2, 3)  # Stendal (home of the pool), Werben, Tangermünde
POOL = 40  # members with a pass
REDEEMS_PER_KIOSK = 40
IMPORTS = 6
SYNC_LIMIT = 25
BERLIN = ZoneInfo("Europe/Berlin")  # small pages: many page boundaries while writers commit


@dataclass
class Kiosk:
    space_id: int
    headers: dict[str, str]


@dataclass
class Replica:
    """What a kiosk holds after applying sync pages (members and usage, as the kiosk store)."""

    headers: dict[str, str]
    cursor: str | None = None
    members: dict[int, tuple[Any, ...]] = field(default_factory=dict)
    usage: dict[str, tuple[Any, ...]] = field(default_factory=dict)

    def apply(self, page: dict[str, Any]) -> None:
        for m in page.get("members", ()):
            self.members[m["number"]] = (m["display_name"], m["home_space_id"], m["state"], m["plan"],
                                         m["pass_serial"], m["secret_hash"])  # fmt: skip
        for u in page.get("usage", ()):
            self.usage[u["nonce"]] = (
                u["member_number"],
                u["space_id"],
                u["day"],
                u["counted"],
                u["annulled"],
            )
        self.cursor = page["cursor"]


class Errors:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.seen: list[str] = []

    def check(self, response: httpx.Response, *ok: int) -> httpx.Response:
        if response.status_code not in (ok or (200,)):
            with self.lock:
                self.seen.append(f"{response.request.method} {response.request.url.path}: "
                                 f"{response.status_code} {response.text[:200]}")  # fmt: skip
        return response


def _pool(world: World) -> dict[int, str]:
    """POOL members of Stendal with a pass: number -> pass text."""
    found = {world.anna.member_number: world.anna.text, world.ben.member_number: world.ben.text}
    with world.db.write() as session:
        for i in range(POOL - 2):
            member = members.add_member(session, display_name=f"Pool {i}", home_space="stendal")
            found[member.number] = passes.issue_pass(session, member.number).text
    return found


def _server_state(world: World) -> tuple[dict[int, tuple[Any, ...]], dict[str, tuple[Any, ...]]]:
    today = datetime.now(BERLIN).date()
    usage_from = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    with world.db.read() as session:
        rows = session.execute(
            select(Member.number, Member.display_name, Member.home_space_id, Member.state, Member.plan_code,
                   Member.pass_serial, Member.secret_hash)
        ).all()  # fmt: skip
        state_members = {r[0]: tuple(r[1:]) for r in rows}
        checkins = session.execute(
            select(Checkin.nonce, Checkin.member_number, Checkin.space_id, Checkin.day, Checkin.counted,
                   Checkin.annulled_at, Checkin.admitted).where(
                and_(or_(Checkin.admitted.is_(True), Checkin.replaced_at.is_not(None)),
                     Checkin.member_number.is_not(None), Checkin.day >= usage_from))
        ).all()  # fmt: skip
    usage = {
        r[0]: (r[1], r[2], r[3].isoformat(), r[4] and r[6], r[5] is not None or not r[6]) for r in checkins
    }
    return state_members, usage


def _csv(round_no: int, pool: list[int]) -> bytes:
    """Renames a few pool members and adds new ones (numbers 20000 + ...)."""
    lines = ["number,display_name,home_space"]
    lines += [f"{n},Renamed {round_no}-{n},stendal" for n in pool[round_no::IMPORTS]]
    lines += [f"{20000 + round_no * 100 + i},Imported {round_no}-{i},werben" for i in range(30)]
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def two_servers(world: World, tmp_path: Path) -> Iterator[list[LiveServer]]:
    """Two server processes on the world's database (as two hosts behind a load balancer)."""
    servers = [start_server(world.url, tmp_path / f"uvicorn-{i}.log") for i in range(2)]
    yield servers
    for server in servers:
        stop_server(server)


def test_redeems_imports_and_syncs_together(world: World, two_servers: list[LiveServer]) -> None:
    pool = _pool(world)
    numbers = sorted(pool)
    admin = {"Authorization": f"Bearer {world.admin_token}"}
    urls = [server.base_url for server in two_servers]
    errors = Errors()

    def client(i: int) -> httpx.Client:
        return httpx.Client(base_url=urls[i % len(urls)], timeout=60)

    with client(0) as http:
        codes = [
            errors.check(
                http.post("/api/v1/admin/enrollment-codes", json={"space": space}, headers=admin), 201
            ).json()["code"]
            for space in SPACES * 3
        ]
        kiosks = [Kiosk(SPACES[i % 3], enroll(http, code, f"k{i}")) for i, code in enumerate(codes)]
    redeemers, uploaders, syncers = kiosks[:3], kiosks[3:6], kiosks[6:]
    replicas = [Replica(k.headers) for k in syncers]
    done = threading.Event()
    race_member = numbers[-1]  # Stendal member: a guest at Werben and Tangermünde, one day allowed
    race = threading.Barrier(8)
    race_reasons: list[str] = []

    def redeem(http: httpx.Client, kiosk: Kiosk, code: str, nonce: str) -> dict[str, Any]:
        body = {"nonce": nonce, "code": code, "scanned_at": datetime.now(UTC).isoformat()}
        return errors.check(http.post("/api/v1/checkins/redeem", json=body, headers=kiosk.headers)).json()

    def race_one(i: int) -> None:
        kiosk = redeemers[1 + i % 2]  # Werben, Tangermünde
        with client(i) as http:
            race.wait()
            answer = redeem(http, kiosk, pool[race_member], new_nonce())
        race_reasons.append(answer["verdict"]["reason"])

    def redeem_loop(i: int) -> None:
        rng = random.Random(i)
        kiosk = redeemers[i]
        with client(i) as http:
            for _ in range(REDEEMS_PER_KIOSK):
                number = rng.choice(numbers[:-1])
                nonce = new_nonce()
                first = redeem(http, kiosk, pool[number], nonce)
                if rng.random() < 0.2:  # a retry of the same scan
                    again = redeem(http, kiosk, pool[number], nonce)
                    assert again["duplicate"] is True and again["verdict"] == first["verdict"]

    def upload_loop(i: int) -> None:
        rng = random.Random(100 + i)
        kiosk = uploaders[i]
        with client(i) as http:
            for _ in range(8):
                items = []
                for _ in range(10):
                    at = datetime.now(UTC) - timedelta(minutes=rng.randrange(0, 600))
                    items.append({
                        "nonce": new_nonce(), "occurred_at": at.isoformat(), "space_id": kiosk.space_id,
                        "member_number": rng.choice(numbers[:-1]), "pass_serial": 1,
                        "reason": "home_member" if kiosk.space_id == 1 else "guest_day",
                        "admitted": True, "counted": kiosk.space_id != 1, "offline": True, "method": "scan",
                    })  # fmt: skip
                answer = errors.check(
                    http.post("/api/v1/checkins", json={"items": items}, headers=kiosk.headers)
                )
                assert all(r["status"] == "stored" for r in answer.json()["results"]), answer.text

    def import_loop() -> None:
        with client(1) as http:
            for round_no in range(IMPORTS):
                errors.check(
                    http.post("/api/v1/admin/members/import", content=_csv(round_no, numbers[:-1]),
                              headers={**admin, "Content-Type": "text/csv"})
                )  # fmt: skip

    def pull(http: httpx.Client, replica: Replica) -> bool:
        params: dict[str, Any] = {"limit": SYNC_LIMIT}
        if replica.cursor:
            params["cursor"] = replica.cursor
        response = errors.check(http.get("/api/v1/sync", params=params, headers=replica.headers))
        assert response.status_code == 200, (replica.cursor, response.text)
        page = response.json()
        replica.apply(page)
        return bool(page["has_more"])

    def sync_loop(i: int) -> None:
        with client(i) as http:
            while not done.is_set():
                pull(http, replicas[i])

    writers: list[Callable[[], None]] = [lambda i=i: race_one(i) for i in range(8)]  # type: ignore[misc]
    writers += [lambda i=i: redeem_loop(i) for i in range(3)]  # type: ignore[misc]
    writers += [lambda i=i: upload_loop(i) for i in range(3)]  # type: ignore[misc]
    writers += [import_loop]
    with ThreadPoolExecutor(len(writers) + len(replicas)) as pool_:
        readers = [pool_.submit(sync_loop, i) for i in range(len(replicas))]
        for future in [pool_.submit(w) for w in writers]:
            future.result()
        done.set()
        for future in readers:
            future.result()
    assert errors.seen == []
    with client(0) as http:
        for replica in replicas:
            while pull(http, replica):
                pass
            pull(http, replica)  # nothing new: the tiny answer
    assert errors.seen == []

    assert sorted(race_reasons).count("guest_day") == 1, race_reasons
    month_start = datetime.now(BERLIN).date().replace(day=1)
    with world.db.read() as session:
        counted = session.scalar(
            select(func.count()).where(
                Checkin.member_number == race_member, Checkin.counted.is_(True), Checkin.day >= month_start
            )
        )
    assert counted == 1
    state_members, usage = _server_state(world)
    assert len(state_members) == POOL + IMPORTS * 30 and len(usage) > 100
    for replica in replicas:
        assert replica.members == state_members
        assert replica.usage == usage
