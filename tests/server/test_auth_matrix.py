"""The authorisation matrix over every route of the app (issue 13, evidence): each route is
classified here, and a route the app has but this table does not fails the test, so a new
route cannot be forgotten. Callers: nobody, a forged token, kiosk of space A, kiosk of space B,
a revoked kiosk, an admin, a revoked admin. Then across spaces: kiosk B acting on space A's
records is refused item by item.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from kiosk.core.models import new_nonce
from netserver.api.app import create_app
from netserver.services import tokens
from netserver.settings import Settings

from .conftest import World, enroll
from .test_facts import fact, upload

OPEN = {("GET", "/api/v1/health"), ("POST", "/api/v1/enroll")}
KIOSK = {
    ("GET", "/api/v1/sync"),
    ("POST", "/api/v1/checkins/redeem"),
    ("POST", "/api/v1/checkins/redeem-member"),
}
# uploads take from a revoked kiosk what it recorded before its revocation (item by item)
UPLOAD = {
    ("POST", f"/api/v1/{name}")
    for name in (
        "checkins",
        "annulments",
        "day-passes",
        "equipment-status",
        "audit",
        "kiosk/health",
        "presence",
    )
}
ADMIN_PREFIX = "/api/v1/admin/"
# Pages that no bearer token opens: the web admin (session cookies; every route is checked for
# sessions, roles and CSRF by tests/web/test_access.py) and the member pages (a secret link;
# tests/member/). Here: every caller's token gets exactly what nobody gets.
PAGE_PREFIXES = ("/admin", "/me/")
CALLERS = ("nobody", "forged", "kiosk_a", "kiosk_b", "revoked_kiosk", "admin", "revoked_admin")


def routes(app: FastAPI) -> set[tuple[str, str]]:
    def walk(items: Any, prefix: str) -> Iterator[tuple[str, str]]:
        for route in items:
            if isinstance(route, APIRoute):
                yield from ((method, prefix + route.path) for method in route.methods)
            elif hasattr(route, "original_router"):
                yield from walk(route.original_router.routes, prefix + route.include_context.prefix)

    return set(walk(app.routes, ""))


def expected(method: str, path: str, caller: str) -> str:
    if (method, path) in OPEN:
        return "allowed"
    if caller in ("nobody", "forged", "revoked_admin"):
        return "401"
    if caller == "revoked_kiosk" and (method, path) not in UPLOAD:
        return "401"  # token_revoked, on the admin routes too
    if path.startswith(ADMIN_PREFIX):
        return "allowed" if caller == "admin" else "403"
    if caller == "admin":
        return "403"
    return "allowed"


def concrete(path: str) -> str:
    """Path parameters: ids that exist nowhere (a 404, nothing changed), a month that ended."""
    return re.sub(r"\{month\}", "2026-10", re.sub(r"\{[a-z_]+\}", "999999", path))


@pytest.fixture
def app(world: World) -> FastAPI:
    return create_app(Settings(database_url=world.url), db=world.db)


@pytest.fixture
def callers(world: World, app: FastAPI) -> dict[str, dict[str, str]]:
    with TestClient(app) as client:
        admin = {"Authorization": f"Bearer {world.admin_token}"}
        code = client.post("/api/v1/admin/enrollment-codes", json={"space": 3}, headers=admin).json()["code"]
        revoked = enroll(client, code, "doomed")
        kiosk_id = client.get("/api/v1/admin/kiosks", headers=admin).json()[-1]["id"]
        assert client.post(f"/api/v1/admin/kiosks/{kiosk_id}/revoke", headers=admin).status_code == 200
        created = client.post("/api/v1/admin/tokens", json={"label": "old"}, headers=admin).json()
        old_admin = {"Authorization": f"Bearer {created['token']}"}
    with world.db.write() as session:
        newest = tokens.list_admin_tokens(session)[-1]
        tokens.revoke_admin_token(session, newest.id)
    with TestClient(app) as client:
        return {
            "nobody": {},
            "forged": {"Authorization": "Bearer cwk_" + "A" * 43},
            "kiosk_a": enroll(client, world.werben_code, "a"),
            "kiosk_b": enroll(client, world.stendal_code, "b"),
            "revoked_kiosk": revoked,
            "admin": admin,
            "revoked_admin": old_admin,
        }


def test_every_route_is_classified(app: FastAPI) -> None:
    classified = (ADMIN_PREFIX, *PAGE_PREFIXES)
    known = {r for r in routes(app) if r[1].startswith(classified)} | OPEN | KIOSK | UPLOAD
    unclassified = routes(app) - known
    assert not unclassified, f"add these routes to the matrix: {sorted(unclassified)}"
    assert not (OPEN | KIOSK | UPLOAD) - routes(app), "the matrix lists a route the app no longer has"
    assert len(routes(app)) >= 40


def test_the_matrix(app: FastAPI, callers: dict[str, dict[str, str]]) -> None:
    wrong = []
    with TestClient(app, raise_server_exceptions=False, follow_redirects=False) as client:
        for method, path in sorted(routes(app)):
            if path.startswith(PAGE_PREFIXES):
                wrong += _tokens_open_no_page(client, method, path, callers)
                continue
            for caller in CALLERS:
                body = None if method in ("GET", "DELETE") else {}
                answer = client.request(method, concrete(path), json=body, headers=callers[caller])
                got = str(answer.status_code) if answer.status_code in (401, 403) else "allowed"
                if answer.status_code >= 500 or got != expected(method, path, caller):
                    wrong.append((method, path, caller, answer.status_code, answer.text[:120]))
    assert not wrong, "\n".join(map(str, wrong))


def _outcome(status: int) -> str:
    """404 and 429 are both a refusal of a wrong member link (429 once an address tried many)."""
    return "refused" if status in (404, 429) else "redirect" if 300 <= status < 400 else str(status)


def _tokens_open_no_page(
    client: TestClient, method: str, path: str, callers: dict[str, dict[str, str]]
) -> list[tuple[str, str, str, int, str]]:
    wrong = []
    nobody: str | None = None
    for caller in CALLERS:  # "nobody" first
        body = None if method in ("GET", "DELETE") else {}
        answer = client.request(method, concrete(path), json=body, headers=callers[caller])
        nobody = nobody or _outcome(answer.status_code)
        if answer.status_code >= 500 or _outcome(answer.status_code) != nobody:
            wrong.append((method, path, caller, answer.status_code, answer.text[:120]))
    return wrong


def test_kiosk_b_cannot_act_for_space_a(
    world: World, app: FastAPI, callers: dict[str, dict[str, str]]
) -> None:
    a, b = callers["kiosk_a"], callers["kiosk_b"]  # Werben (2), Stendal (1)
    with TestClient(app) as client:
        [forged_fact] = upload(client, b, fact(2, 10001))
        assert forged_fact["status"] == "rejected" and forged_fact["error"]["code"] == "forbidden"
        at_a = fact(2, 10002)
        upload(client, a, at_a)
        undo = {
            "id": new_nonce(),
            "nonce": at_a["nonce"],
            "staff_id": None,
            "reason": "x",
            "at": at_a["occurred_at"],
        }
        [refused] = client.post("/api/v1/annulments", json={"items": [undo]}, headers=b).json()["results"]
        assert refused["status"] == "rejected" and refused["error"]["code"] == "forbidden"
        day_pass = {
            "id": new_nonce(), "space_id": 2, "valid_on": "2026-11-20", "number": 3, "secret_hash": "a" * 64,
            "issued_at": at_a["occurred_at"],
        }  # fmt: skip
        [refused] = client.post("/api/v1/day-passes", json={"items": [day_pass]}, headers=b).json()["results"]
        assert refused["status"] == "rejected"
        # the nonce of A's check-in, redeemed by B: a conflict, not B's duplicate
        redeem = {"nonce": at_a["nonce"], "code": world.anna.text, "scanned_at": at_a["occurred_at"]}
        assert client.post("/api/v1/checkins/redeem", json=redeem, headers=b).status_code == 409
