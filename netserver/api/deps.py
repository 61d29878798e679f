"""`Annotated` dependencies: database access, write slots and the authenticated caller.

Writing endpoints open `with db.write() as session:` themselves, so the transaction is
committed inside the endpoint, before FastAPI produces the response: no transaction (and no
lock) is ever held while a response is serialised. They first take a write slot
(netserver/api/write_gate.py), waiting on the event loop, never in a thread: the kiosk
endpoints, which carry most of the load, are async and call `written` (one dependency, the
`Caller`, and one thread hop for their work); the others take `WriteDb`. `WriteSession` (the
older form, kept for the admin endpoints) holds a slot too.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import timedelta
from typing import Annotated, Any, Concatenate, Literal, ParamSpec, TypeVar

from fastapi import Depends, Request
from fastapi.openapi.models import HTTPBearer as HTTPBearerModel
from fastapi.security.base import SecurityBase
from fastapi.security.utils import get_authorization_scheme_param
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
P = ParamSpec("P")
T = TypeVar("T")
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


def _authenticate(db: Database, token: str, allow_revoked: bool) -> Principal:
    # A bare connection, not a Session: one Core statement. PostgreSQL: in autocommit, which
    # saves the BEGIN and ROLLBACK round trips (one statement sees one snapshot anyway); SQLite
    # keeps its engine's explicit BEGIN (netserver/db/engine.py), rolled back on close.
    with db.read_engine.connect() as connection:
        if not db.is_sqlite:
            connection.execution_options(isolation_level="AUTOCOMMIT")
        return authenticate(connection, token, allow_revoked=allow_revoked)


def _touch(db: Database, kiosk_id: int) -> None:
    try:
        with db.write() as session:
            touch(session, kiosk_id, utc_now())
    except (OperationalError, PoolTimeout) as exc:  # advisory: next request tries again
        log.info("kiosk %s: last-seen not updated (%s)", kiosk_id, type(exc).__name__)


def bearer_token(request: Request) -> str:
    """The token of an `Authorization: Bearer` header, as FastAPI's HTTPBearer reads it."""
    authorization = request.headers.get("Authorization")
    scheme, token = get_authorization_scheme_param(authorization)
    if not (authorization and scheme and token) or scheme.lower() != "bearer":
        raise Unauthorized("missing bearer token")
    return token


class Caller(SecurityBase):
    """The authenticated caller, as one flat dependency: reads the bearer token, looks it up
    (one Core statement in one worker thread), touches a kiosk's last-seen when it is due (only
    if a write slot is free at that moment), then checks the kind of caller.

    It replaces a chain of five dependencies whose resolution FastAPI redid on every request
    (a sixth of the server's CPU under redeem load, issue 14). Being a security scheme itself,
    named like FastAPI's `HTTPBearer`, it keeps the bearer scheme in the OpenAPI document.

    `allow_revoked`: revoked kiosks are let in (`revoked_at` set), for the uploads and the
    health report; `touch=False`: last-seen is not updated (the health report keeps it)."""

    def __init__(
        self, kind: Literal["kiosk", "admin"], *, allow_revoked: bool = False, touch: bool = True
    ) -> None:
        self.model = HTTPBearerModel()
        self.scheme_name = "HTTPBearer"
        self.kind = kind
        self.allow_revoked = allow_revoked
        self.touch = touch

    async def __call__(self, request: Request) -> Principal:
        token = bearer_token(request)
        state = request.app.state
        db: Database = state.db
        who = await run_in_threadpool(_authenticate, db, token, self.allow_revoked)
        if who.kind == "kiosk" and self.touch:
            now = utc_now()
            if who.last_seen_at is None or now - who.last_seen_at > TOUCH_INTERVAL:
                # last-seen is advisory: never queue a request behind the write lock for it
                gate: WriteGate = state.write_gate
                async with gate.slot_if_free() as free:
                    if free:
                        await run_in_threadpool(_touch, db, who.id)
        if self.kind == "admin":
            if who.kind != "admin":
                raise Forbidden("this endpoint needs an admin token")
        elif who.kind != "kiosk" or who.space_id is None:
            raise Forbidden("this endpoint is for enrolled kiosks")
        return who


async def written(
    request: Request, work: Callable[Concatenate[Database, P], T], *args: P.args, **kwargs: P.kwargs
) -> T:
    """`work(db, *args)` in a worker thread under a write slot, which is taken here, on the
    event loop, after the caller was authenticated: `work` opens `with db.write()` and commits
    before the answer is produced. For async endpoints, which FastAPI runs without a thread hop
    of their own (and whose answer it validates without another)."""
    state = request.app.state
    gate: WriteGate = state.write_gate
    async with gate.slot():
        return await run_in_threadpool(work, state.db, *args, **kwargs)


async def in_thread(
    request: Request, work: Callable[Concatenate[Database, P], T], *args: P.args, **kwargs: P.kwargs
) -> T:
    """`work(db, *args)` in a worker thread, without a write slot (readers)."""
    return await run_in_threadpool(work, request.app.state.db, *args, **kwargs)


CurrentKiosk = Annotated[Principal, Depends(Caller("kiosk"))]
# A kiosk, revoked ones included (`revoked_at` set): for the uploads, which take from a revoked
# kiosk only what it recorded before its revocation.
UploadingKiosk = Annotated[Principal, Depends(Caller("kiosk", allow_revoked=True))]
# A kiosk sending its health report, revoked ones included, not touched: the report itself
# keeps the last contact (services/kiosks.py, `health_is_news`).
ReportingKiosk = Annotated[Principal, Depends(Caller("kiosk", allow_revoked=True, touch=False))]
CurrentAdmin = Annotated[Principal, Depends(Caller("admin"))]


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
