"""The PostgreSQL server the database tests use, and what happens when there is none.

Locally a missing COWORKING_TEST_PG_URL skips the PostgreSQL variants; in CI (CI set) it fails
them, because CI starts PostgreSQL (tests/server/start_postgres.sh) and must never skip.
"""

from __future__ import annotations

import os

import pytest

PG_ENV = "COWORKING_TEST_PG_URL"


def pg_base_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"{PG_ENV} is not set: run tests/server/start_postgres.sh first (CI must not skip)")
        pytest.skip(f"{PG_ENV} not set (see tests/server/start_postgres.sh)")
    return url
