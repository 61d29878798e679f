"""Property-based fuzzing of the OpenAPI document: no input may produce a 5xx."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from netserver.api.app import create_app
from netserver.db import Database
from netserver.db.migrate import upgrade
from netserver.settings import Settings

from .conftest import seed

_state: dict[str, str] = {}


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[schemathesis.BaseSchema]:
    path: Path = tmp_path_factory.mktemp("fuzz") / "network.db"
    url = f"sqlite:///{path}"
    Database(url).dispose()
    upgrade(url)
    world = seed(url)
    app = create_app(Settings(database_url=url), db=world.db)
    from fastapi.testclient import TestClient

    with TestClient(app) as client:
        answer = client.post("/api/v1/enroll", json={"code": world.werben_code, "kiosk_name": "fuzz"})
        _state["kiosk"] = answer.json()["token"]
    _state["admin"] = world.admin_token
    fuzz = schemathesis.openapi.from_asgi("/openapi.json", app)
    fuzz.config.generation.update(max_examples=20)
    yield fuzz
    world.db.dispose()


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: schemathesis.Case) -> None:
    token = _state["admin"] if "/admin/" in case.path else _state["kiosk"]
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=[not_a_server_error])
