"""`Annotated` dependencies: database sessions and the authenticated caller."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from ..db import Database
from ..services.clock import utc_now
from ..services.errors import Forbidden, Unauthorized
from ..services.kiosks import touch
from ..services.tokens import Principal, authenticate

TOUCH_INTERVAL = timedelta(seconds=60)
_bearer = HTTPBearer(auto_error=False)


def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


Db = Annotated[Database, Depends(get_db)]


def write_session(db: Db) -> Iterator[Session]:
    """A writing transaction around the endpoint; committed before the response is sent."""
    with db.write() as session:
        yield session


def read_session(db: Db) -> Iterator[Session]:
    with db.read() as session:
        yield session


WriteSession = Annotated[Session, Depends(write_session, scope="function")]
ReadSession = Annotated[Session, Depends(read_session, scope="function")]
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def principal(db: Db, credentials: Credentials, *, allow_revoked: bool = False) -> Principal:
    if credentials is None or not credentials.credentials:
        raise Unauthorized("missing bearer token")
    with db.read() as session:
        who = authenticate(session, credentials.credentials, allow_revoked=allow_revoked)
    if who.kind == "kiosk":
        now = utc_now()
        if who.last_seen_at is None or now - who.last_seen_at > TOUCH_INTERVAL:
            with db.write() as session:
                touch(session, who.id, now)
    return who


def kiosk(who: Annotated[Principal, Depends(principal)]) -> Principal:
    if who.kind != "kiosk" or who.space_id is None:
        raise Forbidden("this endpoint is for enrolled kiosks")
    return who


def admin(who: Annotated[Principal, Depends(principal)]) -> Principal:
    if who.kind != "admin":
        raise Forbidden("this endpoint needs an admin token")
    return who


def uploading_kiosk(db: Db, credentials: Credentials) -> Principal:
    """A kiosk, revoked ones included (`revoked_at` set): for the uploads, which take from a
    revoked kiosk only what it recorded before its revocation, and for its health report."""
    who = principal(db, credentials, allow_revoked=True)
    return kiosk(who)


CurrentKiosk = Annotated[Principal, Depends(kiosk)]
UploadingKiosk = Annotated[Principal, Depends(uploading_kiosk)]
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
