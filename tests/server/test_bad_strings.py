"""Strings no database column can hold (NUL, other control characters, lone surrogates, too long)
are a 422 `validation_error` naming the field, on SQLite and PostgreSQL alike, never a 500.

The request bodies below are otherwise valid; every string value in them (top level and inside
`items[0]`) is replaced in turn. `test_every_string_field_is_covered` checks against the OpenAPI
document that no JSON endpoint with a string field is missing here.
"""

from __future__ import annotations

import copy
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.exc import DataError

from netserver.api.app import create_app
from netserver.settings import Settings

from .conftest import World, enroll


@pytest.fixture
def client(world: World) -> Iterator[TestClient]:
    """A 500 is an answer here (reported with the others), not an exception in the test."""
    app = create_app(Settings(database_url=world.url), db=world.db)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


NOW = "2026-11-20T09:00:00Z"
NONCE = "0" * 32
ITEM = {"id": "k1-1", "at": NOW, "staff_id": None}

# (method, path, body): every string field of the body is tried with a bad value.
BODIES: list[tuple[str, str, dict[str, Any]]] = [
    ("POST", "/api/v1/enroll", {"code": "cwe:placeholder", "kiosk_name": "Entrance"}),
    ("POST", "/api/v1/kiosk/health", {"version": "1.0", "last_sync": NOW, "offline_since": NOW}),
    ("POST", "/api/v1/checkins/redeem", {"nonce": NONCE, "code": "cwm:placeholder", "scanned_at": NOW}),
    (
        "POST",
        "/api/v1/checkins/redeem-member",
        {"nonce": NONCE, "member_number": 10001, "staff_id": 1, "scanned_at": NOW},
    ),
    (
        "POST",
        "/api/v1/checkins",
        {
            "items": [
                {
                    "nonce": NONCE,
                    "occurred_at": NOW,
                    "space_id": 2,
                    "member_number": 10001,
                    "reason": "staff_override",
                    "admitted": True,
                    "method": "override",
                    "staff_id": 1,
                    "override_reason": "forgot the card",
                }
            ]
        },
    ),
    ("POST", "/api/v1/annulments", {"items": [{**ITEM, "nonce": NONCE, "reason": "mistake"}]}),
    (
        "POST",
        "/api/v1/day-passes",
        {
            "items": [
                {
                    "id": "k1-2",
                    "space_id": 2,
                    "valid_on": "2026-11-20",
                    "number": 7,
                    "secret_hash": "a" * 64,
                    "issued_at": NOW,
                    "note": "visitor",
                }
            ]
        },
    ),
    (
        "POST",
        "/api/v1/equipment-status",
        {"items": [{**ITEM, "equipment_id": 1, "status": "maintenance", "note": "paper jam"}]},
    ),
    ("POST", "/api/v1/audit", {"items": [{**ITEM, "action": "desk.unlock", "detail": "by Maria"}]}),
    ("POST", "/api/v1/presence", {"items": [{"id": "k1-3", "hour": NOW, "present": 3}]}),
    ("POST", "/api/v1/admin/spaces", {"slug": "arneburg", "name": "Arneburg", "town": "Arneburg"}),
    ("POST", "/api/v1/admin/plans", {"code": "flex", "name": "Flex", "guest_days_per_month": 2}),
    (
        "POST",
        "/api/v1/admin/members",
        {
            "display_name": "Carla",
            "home_space": "werben",
            "plan": "standard",
            "email": "c@example.org",
            "phone": "+49 1",
        },
    ),
    (
        "PATCH",
        "/api/v1/admin/members/10001",
        {
            "display_name": "Carla",
            "home_space": "werben",
            "plan": "standard",
            "email": "c@example.org",
            "phone": "+49 1",
        },
    ),
    ("POST", "/api/v1/admin/staff", {"display_name": "Jo", "space": "werben", "pin": "654329"}),
    ("PATCH", "/api/v1/admin/staff/1", {"pin": "654329"}),
    ("POST", "/api/v1/admin/enrollment-codes", {"space": "werben"}),
    (
        "POST",
        "/api/v1/admin/events",
        {
            "space": "werben",
            "title": "Meetup",
            "starts_at": NOW,
            "ends_at": "2026-11-20T11:00:00Z",
            "description": "Coffee",
            "url": "https://example.org",
            "series_key": "meetup",
        },
    ),
    (
        "POST",
        "/api/v1/admin/equipment",
        {"space": "werben", "name": "Printer", "category": "office", "note": "new"},
    ),
    ("PATCH", "/api/v1/admin/equipment/1", {"status": "ok", "note": "fixed"}),
    ("POST", "/api/v1/admin/tokens", {"label": "laptop"}),
    # a loopback URL: even if a feed were fetched, no traffic would leave this machine
    ("POST", "/api/v1/admin/feeds", {"url": "http://127.0.0.1:9/cal.ics", "space": "werben"}),
]
# String query parameters (the file endpoints take their body as bytes).
QUERIES: list[tuple[str, str, dict[str, str], str]] = [
    ("GET", "/api/v1/sync", {"cursor": "abc.1"}, "cursor"),
    ("POST", "/api/v1/admin/events/import", {"space": "werben"}, "space"),
    ("GET", "/api/v1/admin/report", {"month": "2026-11"}, "month"),
]


def string_fields(body: dict[str, Any]) -> list[tuple[str | int, ...]]:
    """Paths of the string values: ("name",) or ("items", 0, "note")."""
    paths: list[tuple[str | int, ...]] = []
    for key, value in body.items():
        if isinstance(value, str):
            paths.append((key,))
        elif key == "items":
            paths += [("items", 0, inner) for inner, v in value[0].items() if isinstance(v, str)]
    return paths


def replaced(body: dict[str, Any], path: tuple[str | int, ...], value: str) -> dict[str, Any]:
    new = copy.deepcopy(body)
    target: Any = new
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return new


def headers(world: World, client: TestClient, path: str) -> dict[str, str]:
    if "/admin/" in path:
        return {"Authorization": f"Bearer {world.admin_token}"}
    if path.endswith("/enroll"):
        return {}
    return enroll(client, world.stendal_code, "fuzz")


def refused_naming(answer: Any, field: str) -> str | None:
    """None if `answer` is the expected 422 naming `field`, else what is wrong."""
    if answer.status_code != 422:
        return f"status {answer.status_code}: {answer.text[:200]}"
    error = answer.json()["error"]
    if error["code"] != "validation_error":
        return f"code {error['code']}"
    if not any(d["loc"][-1] == field for d in error.get("details", [])):
        return f"field not named: {error}"
    if field not in error["message"]:
        return f"message does not name the field: {error['message']}"
    return None


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param("a\x00b", id="nul"),
        pytest.param("\x00", id="only-nul"),
        pytest.param("bell\x07", id="bell"),
        pytest.param("esc\x1b[2J", id="escape"),
        pytest.param("lone \ud800 surrogate", id="surrogate"),
    ],
)
def test_bad_characters_are_422_naming_the_field(world: World, client: TestClient, bad: str) -> None:
    problems: list[str] = []
    kiosk = headers(world, client, "/api/v1/checkins")
    admin = headers(world, client, "/api/v1/admin/")
    for method, path, body in BODIES:
        auth = {} if path.endswith("/enroll") else admin if "/admin/" in path else kiosk
        for field in string_fields(body):
            # json.dumps escapes a lone surrogate (\\ud800) as a browser or kiosk would.
            content = json.dumps(replaced(body, field, bad)).encode("ascii")
            answer = client.request(
                method, path, content=content, headers={**auth, "Content-Type": "application/json"}
            )
            problem = refused_naming(answer, str(field[-1]))
            if problem:
                problems.append(f"{method} {path} {'.'.join(map(str, field))}: {problem}")
    for method, path, params, name in QUERIES:
        if any("\ud800" <= c <= "\udfff" for c in bad):
            continue  # a URL carries UTF-8 bytes: no lone surrogate can arrive in a query
        auth = admin if "/admin/" in path else kiosk
        answer = client.request(method, path, params={**params, name: bad}, headers=auth)
        problem = refused_naming(answer, name)
        if problem:
            problems.append(f"{method} {path} ?{name}: {problem}")
    assert not problems, "\n".join(problems)


def test_too_long_strings_are_422(world: World, client: TestClient) -> None:
    """Lengths follow the columns, so a long value never reaches the database as a DataError."""
    admin = headers(world, client, "/api/v1/admin/")
    cases = [
        ("/api/v1/admin/spaces", {"slug": "x" * 65, "name": "X"}, "slug"),
        ("/api/v1/admin/spaces", {"slug": "x", "name": "X", "town": "t" * 201}, "town"),
        ("/api/v1/admin/plans", {"code": "c", "name": "n" * 201, "guest_days_per_month": 1}, "name"),
        ("/api/v1/admin/members", {"display_name": "C", "home_space": "w" * 201}, "home_space"),
        ("/api/v1/admin/members", {"display_name": "C", "home_space": 2, "phone": "1" * 65}, "phone"),
        ("/api/v1/admin/tokens", {"label": "l" * 201}, "label"),
    ]
    for path, body, field in cases:
        answer = client.post(path, json=body, headers=admin)
        assert refused_naming(answer, field) is None, (path, field, answer.text)


def test_free_text_keeps_tabs_and_newlines(world: World, client: TestClient) -> None:
    admin = headers(world, client, "/api/v1/admin/")
    event = client.post(
        "/api/v1/admin/events",
        json={
            "space": "werben",
            "title": "Meetup",
            "starts_at": NOW,
            "ends_at": "2026-11-20T11:00:00Z",
            "description": "Agenda:\r\n\t1. coffee\n\t2. talk",
        },
        headers=admin,
    )
    assert event.status_code == 201, event.text
    assert event.json()["description"] == "Agenda:\r\n\t1. coffee\n\t2. talk"
    # ... but a name is one line.
    name = client.post("/api/v1/admin/spaces", json={"slug": "x", "name": "A\nB"}, headers=admin)
    assert refused_naming(name, "name") is None, name.text


def test_every_string_field_is_covered(world: World, client: TestClient) -> None:
    """Every string property of every JSON request body appears in BODIES (new endpoints and new
    fields must be added above, so the test keeps covering the whole API)."""
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = schemas[node["$ref"].rsplit("/", 1)[-1]]
        return node

    def can_be_string(node: dict[str, Any]) -> bool:
        node = resolve(node)
        options = node.get("anyOf", [node])
        return any(resolve(o).get("type") == "string" and "enum" not in resolve(o) for o in options)

    tested = {(m, p): string_fields(b) for m, p, b in BODIES}
    missing = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" not in content:
                continue
            schema = resolve(content["application/json"]["schema"])
            props = schema.get("properties", {})
            if "items" in props:
                props = resolve(resolve(props["items"])["items"]).get("properties", {})
                prefix: tuple[str | int, ...] = ("items", 0)
            else:
                prefix = ()
            concrete = path.replace("{number}", "10001").replace("{staff_id}", "1")
            concrete = concrete.replace("{equipment_id}", "1")
            covered = tested.get((method.upper(), concrete), [])
            for name, prop in props.items():
                if can_be_string(prop) and (*prefix, name) not in covered:
                    missing.append(f"{method.upper()} {path} {name}")
    assert not missing, missing


def test_data_error_is_a_422_and_logged_as_a_bug(
    world: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Safety net: should a value still reach the database and be refused there."""
    from netserver.api.routers import admin_org

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise DataError("INSERT ...", {}, Exception("value too long for type character varying(200)"))

    monkeypatch.setattr(admin_org.tokens, "create_admin_token", refuse)
    app = create_app(Settings(database_url=world.url), db=world.db)
    with TestClient(app, raise_server_exceptions=False) as client, caplog.at_level(logging.ERROR):
        answer = client.post(
            "/api/v1/admin/tokens",
            json={"label": "x"},
            headers={"Authorization": f"Bearer {world.admin_token}"},
        )
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"]["code"] == "validation_error"
    assert any("bug" in r.getMessage().lower() for r in caplog.records)
