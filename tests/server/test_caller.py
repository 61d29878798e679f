"""The kiosk endpoints' one dependency (`netserver/api/deps.py`, `Caller`) and their write slot:
authentication comes before any slot and before the request's own validation, last-seen is
touched only when a slot is free, and a request that fails validation never queues for a slot.

Driven in one event loop (httpx's ASGI transport) so the test can hold the app's only write
slot itself (the gate keeps one semaphore per loop).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import httpx2 as httpx
from fastapi import FastAPI
from sqlalchemy import select, update

from kiosk.core.models import new_nonce
from netserver.api.app import create_app
from netserver.api.write_gate import WriteGate
from netserver.db import Kiosk
from netserver.settings import Settings

from .conftest import World

WAIT_S = 0.5  # how long a writer queues for the (held) slot before its 503


def _app(world: World) -> FastAPI:
    return create_app(Settings(database_url=world.url, write_slots=1, write_wait_s=WAIT_S), db=world.db)


def _run(app: FastAPI, test: Callable[[httpx.AsyncClient, WriteGate], Awaitable[None]]) -> None:
    async def main() -> None:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            await test(client, app.state.write_gate)

    asyncio.run(main())


async def _enroll(client: httpx.AsyncClient, code: str) -> dict[str, str]:
    answer = await client.post("/api/v1/enroll", json={"code": code, "kiosk_name": "k"})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def _redeem_body(world: World) -> dict[str, str]:
    return {"nonce": new_nonce(), "code": world.anna.text, "scanned_at": datetime.now(UTC).isoformat()}


def test_authentication_and_validation_come_before_the_write_slot(world: World) -> None:
    async def test(client: httpx.AsyncClient, gate: WriteGate) -> None:
        kiosk = await _enroll(client, world.werben_code)
        forged = {"Authorization": "Bearer cwk_" + "A" * 43}
        async with gate.slot():  # every write slot of the process is taken
            started = time.monotonic()
            answer = await client.post("/api/v1/checkins/redeem", json=_redeem_body(world), headers=forged)
            assert answer.status_code == 401 and answer.json()["error"]["code"] == "unauthorized"
            # an invalid body is refused without queueing for a slot (it waited, then got 503)
            answer = await client.post("/api/v1/checkins/redeem", json={"nonce": 1}, headers=kiosk)
            assert answer.status_code == 422, answer.text
            answer = await client.post("/api/v1/checkins", json={"items": "x"}, headers=kiosk)
            assert answer.status_code == 422, answer.text
            assert time.monotonic() - started < WAIT_S
            # a valid one queues for the slot and is answered 503 when none frees up
            answer = await client.post("/api/v1/checkins/redeem", json=_redeem_body(world), headers=kiosk)
            assert answer.status_code == 503 and answer.headers["Retry-After"] == "1"
            assert time.monotonic() - started >= WAIT_S
        answer = await client.post("/api/v1/checkins/redeem", json=_redeem_body(world), headers=kiosk)
        assert answer.status_code == 200 and answer.json()["verdict"]["admitted"] is True

    _run(_app(world), test)


def test_a_wrong_token_is_401_before_the_query_is_validated(world: World) -> None:
    async def test(client: httpx.AsyncClient, gate: WriteGate) -> None:
        for headers in ({}, {"Authorization": "Basic eDp5"}, {"Authorization": "Bearer cwk_nope"}):
            answer = await client.get("/api/v1/sync", params={"limit": 0}, headers=headers)
            assert answer.status_code == 401, (headers, answer.text)
        kiosk = await _enroll(client, world.werben_code)
        answer = await client.get("/api/v1/sync", params={"limit": 0}, headers=kiosk)
        assert answer.status_code == 422

    _run(_app(world), test)


def test_last_seen_is_touched_only_when_a_write_slot_is_free(world: World) -> None:
    def last_seen() -> datetime | None:
        with world.db.read() as session:
            return session.scalar(select(Kiosk.last_seen_at))

    def backdate(minutes: int) -> datetime:
        when = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=minutes)
        with world.db.write() as session:
            session.execute(update(Kiosk).values(last_seen_at=when))
        return when

    async def test(client: httpx.AsyncClient, gate: WriteGate) -> None:
        kiosk = await _enroll(client, world.werben_code)
        old = backdate(5)
        async with gate.slot():  # busy: the sync is answered, last-seen stays
            assert (await client.get("/api/v1/sync", headers=kiosk)).status_code == 200
        assert last_seen() == old
        assert (await client.get("/api/v1/sync", headers=kiosk)).status_code == 200
        touched = last_seen()
        assert touched is not None and touched > old + timedelta(minutes=4)
        recent = backdate(0)  # seen within TOUCH_INTERVAL: no write
        assert (await client.get("/api/v1/sync", headers=kiosk)).status_code == 200
        assert last_seen() == recent
        # the health report keeps the last contact itself (only a report that is news is
        # written, with last-seen): its caller is not touched
        body = {"version": "1", "queue": 0, "camera": "ok"}
        assert (await client.post("/api/v1/kiosk/health", json=body, headers=kiosk)).status_code == 200
        old = backdate(5)
        assert (await client.post("/api/v1/kiosk/health", json=body, headers=kiosk)).status_code == 200
        assert last_seen() == old

    _run(_app(world), test)
