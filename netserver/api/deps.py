"""`Annotated` dependencies: database access, write slots and the authenticated caller.

Writing endpoints open `with db.write() as session:` themselves, so the transaction is
committed inside the endpoint, before FastAPI produces the response: no transaction (and no
lock) is ever held while a response is serialised. They first take a write slot
(netserver/api/write_gate.py), waiting on the event loop, never in a thread: the kiosk
endpoints, which carry most of the load, are async and call `written_by` (one dependency,
the bearer token, and one thread hop for authentication and their work); the others take
`WriteDb`. `WriteSession` (the
older form, kept for the admin endpoints) holds a slot too.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
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
from .threads import KioskThreads
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


def _threads(request: Request) -> KioskThreads:
    """The kiosk endpoints' worker threads (api/threads.py): a few, not the default pool."""
    threads: KioskThreads = request.app.state.kiosk_threads
    return threads


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
    The kiosk endpoints that carry the load take `Caller(...).bearer()` instead and are
    authenticated in the thread hop of their work (`written_by`, `read_by`).

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
        who = await run_in_threadpool(self.resolve, state.db, token)
        await self.touched(request, who)
        return who

    def resolve(self, db: Database, token: str) -> Principal:
        """Blocking: the principal of `token`, if it is this kind of caller (401 / 403 otherwise)."""
        who = _authenticate(db, token, self.allow_revoked)
        if self.kind == "admin":
            if who.kind != "admin":
                raise Forbidden("this endpoint needs an admin token")
        elif who.kind != "kiosk" or who.space_id is None:
            raise Forbidden("this endpoint is for enrolled kiosks")
        return who

    async def touched(self, request: Request, who: Principal) -> None:
        """A kiosk's last-seen, when it is due: only if a write slot is free right now (it is
        advisory, so never queue a request behind the write lock for it)."""
        if who.kind != "kiosk" or not self.touch:
            return
        now = utc_now()
        if who.last_seen_at is None or now - who.last_seen_at > TOUCH_INTERVAL:
            state = request.app.state
            gate: WriteGate = state.write_gate
            async with gate.slot_if_free() as free:
                if free:
                    db: Database = state.db
                    await _threads(request).run(lambda: _touch(db, who.id))

    def bearer(self) -> Bearer:
        """The dependency for an endpoint authenticated in its work's thread hop."""
        return Bearer(self)


@dataclass(frozen=True, slots=True)
class Token:
    """A caller's bearer token, not yet looked up, and the kind of caller it must be."""

    token: str
    caller: Caller


class Bearer(SecurityBase):
    """Reads the bearer token (401 without one) and leaves its lookup to the endpoint's thread
    hop: for the kiosk endpoints under load, authentication and the work are one hop instead
    of two (the hand-over to a worker thread was a fifth of a redeem's samples holding the
    interpreter lock, py-spy --gil, issue 14; its CPU per request is within the machine's noise). The
    bearer scheme stays in the OpenAPI document, as with `Caller`."""

    def __init__(self, caller: Caller) -> None:
        self.model = HTTPBearerModel()
        self.scheme_name = "HTTPBearer"
        self.caller = caller

    async def __call__(self, request: Request) -> Token:
        token = Token(bearer_token(request), self.caller)
        request.state.unchecked_token = token  # for a request that fails validation
        return token


async def authenticate_unchecked(request: Request) -> None:
    """For a request refused by validation before its endpoint ran: if it came with a bearer
    token not yet looked up (`Bearer`), look it up now, so a wrong token or caller is 401 / 403
    before any 422, as on every other route (tests/server/test_auth_matrix.py)."""
    token: Token | None = getattr(request.state, "unchecked_token", None)
    if token is not None:
        db: Database = request.app.state.db
        await _threads(request).run(lambda: token.caller.resolve(db, token.token))


def _as_caller(
    db: Database,
    token: Token,
    work: Callable[Concatenate[Database, Principal, P], T],
    *args: P.args,
    **kwargs: P.kwargs,
) -> tuple[Principal, T]:
    who = token.caller.resolve(db, token.token)
    return who, work(db, who, *args, **kwargs)


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
        db: Database = state.db
        return await _threads(request).run(lambda: work(db, *args, **kwargs))


async def written_by(
    request: Request,
    token: Token,
    work: Callable[Concatenate[Database, Principal, P], T],
    *args: P.args,
    **kwargs: P.kwargs,
) -> T:
    """`work(db, caller, *args)` under a write slot. When a slot is free at once, the caller is
    authenticated in the same worker thread hop, just before the work (one hop instead of two);
    when all are busy, it is authenticated first and only then queues for a slot, so a wrong
    token is refused at once, never after a wait. Last-seen is touched afterwards, when due."""
    state = request.app.state
    db: Database = state.db
    gate: WriteGate = state.write_gate
    async with gate.slot_if_free() as free:
        if free:
            who, result = await _threads(request).run(lambda: _as_caller(db, token, work, *args, **kwargs))
    if not free:
        who = await _threads(request).run(lambda: token.caller.resolve(db, token.token))
        async with gate.slot():
            result = await _threads(request).run(lambda: work(db, who, *args, **kwargs))
    await token.caller.touched(request, who)
    return result


async def read_by(
    request: Request,
    token: Token,
    work: Callable[Concatenate[Database, Principal, P], T],
    *args: P.args,
    **kwargs: P.kwargs,
) -> T:
    """`work(db, caller, *args)` in one worker thread with its caller's authentication, without
    a write slot (readers); last-seen touched afterwards when due."""
    db: Database = request.app.state.db
    who, result = await _threads(request).run(lambda: _as_caller(db, token, work, *args, **kwargs))
    await token.caller.touched(request, who)
    return result


CurrentAdmin = Annotated[Principal, Depends(Caller("admin"))]
# The kiosks, authenticated in the thread hop of the endpoint's work (`written_by`, `read_by`).
KioskToken = Annotated[Token, Depends(Caller("kiosk").bearer())]
# A kiosk, revoked ones included (`revoked_at` set): for the uploads, which take from a revoked
# kiosk only what it recorded before its revocation.
UploadingKioskToken = Annotated[Token, Depends(Caller("kiosk", allow_revoked=True).bearer())]
# A kiosk sending its health report, revoked ones included, not touched: the report itself
# keeps the last contact (services/kiosks.py, `health_is_news`).
ReportingKioskToken = Annotated[Token, Depends(Caller("kiosk", allow_revoked=True, touch=False).bearer())]


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
