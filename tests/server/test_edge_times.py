"""Issue 13 item 4: times and days at the edges of what ISO 8601 can write are a 422 naming the
field, never a 500.

`0001-01-01T00:00:00+14:00` lies before year 1 in UTC, `9999-12-31T23:59:59-14:00` after year
9999: the old server answered both with a 500 (OverflowError) and dropped the connection, and so
did `report?month=9999-12`. Every JSON endpoint of tests/server/test_bad_strings.py is tried
with every time and day field replaced; then hypothesis draws times over the whole range with
every offset, and nothing may answer 5xx.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.core.models import new_nonce
from netserver.api.app import create_app
from netserver.settings import Settings

from .conftest import World
from .test_bad_strings import BODIES, headers, refused_naming, replaced

EDGE_TIMES = ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00Z"]
EDGE_DAYS = ["0001-01-01", "9999-12-31"]
TIME_FIELDS = {
    "scanned_at",
    "occurred_at",
    "at",
    "issued_at",
    "starts_at",
    "ends_at",
    "last_sync",
    "offline_since",
}
DAY_FIELDS = {"valid_on"}


@pytest.fixture
def client(world: World) -> Iterator[TestClient]:
    """A 500 is an answer here, not an exception in the test."""
    app = create_app(Settings(database_url=world.url), db=world.db)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def auth(world: World, client: TestClient) -> Any:
    """Headers per path, enrolling the test kiosk once (its enrollment code is one-time)."""
    cache: dict[str, dict[str, str]] = {}

    def get(path: str) -> dict[str, str]:
        kind = "admin" if "/admin/" in path else "enroll" if path.endswith("/enroll") else "kiosk"
        if kind not in cache:
            cache[kind] = headers(world, client, path)
        return cache[kind]

    return get


def time_fields(body: dict[str, Any], names: set[str]) -> list[tuple[str | int, ...]]:
    paths: list[tuple[str | int, ...]] = [(key,) for key in body if key in names]
    if "items" in body:
        paths += [("items", 0, key) for key in body["items"][0] if key in names]
    return paths


CASES = [
    pytest.param(method, path, body, field, value, id=f"{path.rsplit('/', 1)[-1]}-{field[-1]}-{value[:4]}")
    for method, path, body in BODIES
    for names, values in ((TIME_FIELDS, EDGE_TIMES), (DAY_FIELDS, EDGE_DAYS))
    for field in time_fields(body, names)
    for value in values
]


def test_every_time_field_is_tried() -> None:
    tried = {(path, field[-1]) for _, path, _, field, _ in (case.values for case in CASES)}
    assert ("/api/v1/checkins", "occurred_at") in tried
    assert ("/api/v1/annulments", "at") in tried
    assert ("/api/v1/admin/events", "starts_at") in tried
    assert ("/api/v1/day-passes", "valid_on") in tried
    assert len(tried) >= 9


@pytest.mark.parametrize(("method", "path", "body", "field", "value"), CASES)
def test_edge_time_is_refused_naming_the_field(
    world: World,
    client: TestClient,
    method: str,
    path: str,
    body: dict[str, Any],
    field: tuple[str | int, ...],
    value: str,
) -> None:
    answer = client.request(
        method, path, json=replaced(body, field, value), headers=headers(world, client, path)
    )
    if answer.status_code == 200 and "results" in answer.json():  # batches answer per item
        result = answer.json()["results"][0]
        assert result["status"] == "rejected", result
        return
    problem = refused_naming(answer, str(field[-1]))
    assert problem is None, problem
    assert "between" in answer.json()["error"]["message"]


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "3000-01", "1999-12"])
def test_report_of_a_month_out_of_range_is_422(world: World, client: TestClient, month: str) -> None:
    answer = client.get(
        "/api/v1/admin/report",
        params={"month": month},
        headers={"Authorization": f"Bearer {world.admin_token}"},
    )
    assert answer.status_code == 422, answer.text
    assert "month" in answer.json()["error"]["message"]


offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
instants = st.one_of(
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=offsets),
    st.sampled_from([datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14)))]),
    st.sampled_from([datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone(timedelta(hours=-14)))]),
    st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)),
)
KIOSK_ROUTES = [(m, p, b) for m, p, b in BODIES if time_fields(b, TIME_FIELDS) and "/enroll" not in p]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(route=st.sampled_from(KIOSK_ROUTES), when=instants, day=st.dates())
def test_no_5xx_for_any_time(
    auth: Any, client: TestClient, route: tuple[str, str, dict[str, Any]], when: datetime, day: Any
) -> None:
    method, path, body = route
    new = body
    for field in time_fields(body, TIME_FIELDS):
        new = replaced(new, field, when.isoformat())
    for field in time_fields(body, DAY_FIELDS):
        new = replaced(new, field, day.isoformat())
    for field in time_fields(body, {"nonce"}):
        new = replaced(new, field, new_nonce())
    answer = client.request(method, path, json=new, headers=auth(path))
    assert answer.status_code < 500, (path, when.isoformat(), answer.status_code, answer.text[:300])
