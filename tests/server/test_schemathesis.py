"""Property-based fuzzing of the OpenAPI document: no input may produce a 5xx, on SQLite and on
PostgreSQL (which refuses NUL in text and over-long varchar values where SQLite stores them).

Strings are generated from the schema with NUL and other control characters allowed (the
request string types carry no `pattern`, see netserver/api/text.py), so they must come back as a
422. The module fixture checks at teardown that NUL was actually sent.

PostgreSQL runs when COWORKING_TEST_PG_URL is set (with CI=true and no URL it fails, as the
other PostgreSQL tests). About 40 s per database at 20 examples per operation and mode.

The operations are driven through schemathesis' strategies with plain hypothesis rather than its
pytest plugin: the plugin rewrites pytest's private node ids and broke with pytest 9.2.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.schemas import APIOperation

from netserver.api.app import create_app
from netserver.settings import Settings

from .conftest import fresh_database, seed

MAX_EXAMPLES = 20


@dataclass
class Fuzz:
    kind: str
    app: FastAPI
    kiosk_token: str
    admin_token: str
    calls: int = 0
    sent_nul: int = 0
    operations: set[str] = field(default_factory=set)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def fuzz(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fuzz]:
    kind = str(request.param)
    directory: Path = tmp_path_factory.mktemp(f"fuzz-{kind}")
    with fresh_database(kind, directory) as url:
        world = seed(url)
        # feed_fetch off: a fuzzed feed URL must never be fetched (no traffic off this machine)
        app = create_app(Settings(database_url=url, feed_fetch=False), db=world.db)
        with TestClient(app) as client:
            answer = client.post("/api/v1/enroll", json={"code": world.werben_code, "kiosk_name": "fuzz"})
            assert answer.status_code == 200, answer.text
        state = Fuzz(kind, app, answer.json()["token"], world.admin_token)
        yield state
        world.db.dispose()
    # Guard against a change that stops the fuzzer sending NUL (a `pattern` on the string
    # types, `allow_x00=False`): only meaningful when all operations ran.
    if len(state.operations) >= 20 and state.sent_nul == 0:
        pytest.fail(f"{kind}: {state.calls} fuzzed requests, none with a NUL character")


def operations(app: FastAPI) -> list[APIOperation]:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    schema.config.generation.update(max_examples=MAX_EXAMPLES, allow_x00=True, codec="utf-8")
    found = [result.ok() for result in schema.get_all_operations()]
    assert len(found) >= 20, f"only {len(found)} operations in the OpenAPI document"
    return found


def fuzz_operation(fuzz: Fuzz, operation: APIOperation) -> None:
    """Valid and invalid requests for one operation; raises on the first 5xx (shrunk)."""
    token = fuzz.admin_token if "/admin/" in operation.path else fuzz.kiosk_token
    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE)
    )

    @given(case=cases)
    @settings(
        max_examples=MAX_EXAMPLES * 2, deadline=None, suppress_health_check=list(HealthCheck), database=None
    )
    def run(case: schemathesis.Case) -> None:
        fuzz.calls += 1
        fuzz.operations.add(operation.label)
        sent = json.dumps([case.body, case.query, case.path_parameters], default=repr)
        if "\\u0000" in sent or "\\x00" in sent:
            fuzz.sent_nul += 1
        case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=[not_a_server_error])

    run()


def test_no_server_errors(fuzz: Fuzz) -> None:
    """Every operation of the OpenAPI document, fuzzed; all failures are collected and reported."""
    failures: list[str] = []
    for operation in operations(fuzz.app):
        try:
            fuzz_operation(fuzz, operation)
        except Exception as exc:  # noqa: BLE001 - collect every operation's failure, then fail once
            failures.append(f"{operation.label}: {type(exc).__name__}: {exc}")
    assert not failures, "\n\n".join(failures)
