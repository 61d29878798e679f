"""`Annotated` dependencies: database access, write slots and the authenticated caller.

Writing endpoints take `WriteDb` and open `with db.write() as session:` themselves, so the
transaction is committed inside the endpoint, before FastAPI produces the response: no
transaction (and no lock) is ever held while a response is serialised. `WriteDb` first takes
a write slot (netserver/api/write_gate.py), waiting on the event loop, never in a thread.
`WriteSession` (the older form, kept for the admin endpoints) holds a slot too.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from ..db import Database
from ..services.clock import utc_now
from ..services.errors import Forbidden, Unauthorized
from ..services.kiosks import touch
from ..services.tokens import Principal, authenticate
from .write_gate import WriteGate

TOUCH_INTERVAL = timedelta(seconds=60)
_bearer = HTTPBearer(auto_error=False)
log = logging.getLogger("netserver.api")


async def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


Db = Annotated[Database, Depends(get_db)]


async def get_gate(request: Request) -> WriteGate:
    gate: WriteGate = request.app.state.write_gate
    return gate


Gate = Annotated[WriteGate, Depends(get_gate)]


async def write_slot(gate: Gate) -> AsyncIterator[None]:
    async with gate.slot():
        yield


WriteSlot = Annotated[None, Depends(write_slot, scope="function")]


async def write_db(db: Db, _slot: WriteSlot) -> Database:
    """The database, with a write slot held for the endpoint: commit inside the endpoint."""
    return db


WriteDb = Annotated[Database, Depends(write_db)]


def write_session(db: Db, _slot: WriteSlot) -> Iterator[Session]:
    """A writing transaction around the endpoint, committed after the response is serialised
    (under a write slot, so that cannot wedge). New endpoints use `WriteDb`."""
    with db.write() as session:
        yield session


def read_session(db: Db) -> Iterator[Session]:
    with db.read() as session:
        yield session


WriteSession = Annotated[Session, Depends(write_session, scope="function")]
ReadSession = Annotated[Session, Depends(read_session, scope="function")]
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def _authenticate(db: Database, token: str, allow_revoked: bool) -> Principal:
    with db.read() as session:
        return authenticate(session, token, allow_revoked=allow_revoked)


def _touch(db: Database, kiosk_id: int) -> None:
    try:
        with db.write() as session:
            touch(session, kiosk_id, utc_now())
    except (OperationalError, PoolTimeout) as exc:  # advisory: next request tries again
        log.info("kiosk %s: last-seen not updated (%s)", kiosk_id, type(exc).__name__)


async def _principal(
    db: Database, gate: WriteGate, credentials: Any, *, allow_revoked: bool, touch: bool = True
) -> Principal:
    if credentials is None or not credentials.credentials:
        raise Unauthorized("missing bearer token")
    who = await run_in_threadpool(_authenticate, db, credentials.credentials, allow_revoked)
    if who.kind == "kiosk" and touch:
        now = utc_now()
        if who.last_seen_at is None or now - who.last_seen_at > TOUCH_INTERVAL:
            # last-seen is advisory: never queue a request behind the write lock for it
            async with gate.slot_if_free() as free:
                if free:
                    await run_in_threadpool(_touch, db, who.id)
    return who


async def principal(db: Db, gate: Gate, credentials: Credentials) -> Principal:
    return await _principal(db, gate, credentials, allow_revoked=False)


def _kiosk(who: Principal) -> Principal:
    if who.kind != "kiosk" or who.space_id is None:
        raise Forbidden("this endpoint is for enrolled kiosks")
    return who


async def kiosk(who: Annotated[Principal, Depends(principal)]) -> Principal:
    return _kiosk(who)


async def admin(who: Annotated[Principal, Depends(principal)]) -> Principal:
    if who.kind != "admin":
        raise Forbidden("this endpoint needs an admin token")
    return who


async def uploading_kiosk(db: Db, gate: Gate, credentials: Credentials) -> Principal:
    """A kiosk, revoked ones included (`revoked_at` set): for the uploads, which take from a
    revoked kiosk only what it recorded before its revocation, and for its health report."""
    return _kiosk(await _principal(db, gate, credentials, allow_revoked=True))


async def reporting_kiosk(db: Db, gate: Gate, credentials: Credentials) -> Principal:
    """A kiosk sending its health report, revoked ones included, not touched: the report
    itself keeps the last contact (services/kiosks.py, `health_is_news`)."""
    return _kiosk(await _principal(db, gate, credentials, allow_revoked=True, touch=False))


CurrentKiosk = Annotated[Principal, Depends(kiosk)]
UploadingKiosk = Annotated[Principal, Depends(uploading_kiosk)]
ReportingKiosk = Annotated[Principal, Depends(reporting_kiosk)]
CurrentAdmin = Annotated[Principal, Depends(admin)]


def in_order(
    items: list[Any],
    refused: list[Any],
    accepted_results: list[dict[str, Any]],
    refused_results: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """Batch results in the order of the request's `items`, of which `refused` were refused: each
    results list holds one answer per item of its kind, in request order (so an id sent twice
    keeps both its answers)."""
    refused_ids = {id(item) for item in refused}
    accepted_answers, refused_answers = iter(accepted_results), iter(refused_results)
    return [next(refused_answers) if id(item) in refused_ids else next(accepted_answers) for item in items]
