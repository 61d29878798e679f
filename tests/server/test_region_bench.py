"""bench/region.py runs small (--scale 0.01) and prints every figure the issue asks for, with
no errors: the full-size run is for a quiet machine (README, "Measured")."""

from __future__ import annotations

import re

import pytest

from bench import region


@pytest.mark.slow
def test_region_bench_small(capsys: pytest.CaptureFixture[str]) -> None:
    region.main(["--scale", "0.01", "--seconds", "6", "--closed-seconds", "1", "--clients", "4"])
    out = capsys.readouterr().out
    for label in ("SQLite",) + (("PostgreSQL",) if "PostgreSQL skipped" not in out else ()):
        part = out.split(f"== {label}")[1].split("\n== ")[0]
        assert re.search(r"server CPU: \d+\.\d+ cores", part), part
        assert re.search(
            r"redeem +\d+ requests +p50 +[\d.]+ ms +p99 +[\d.]+ ms +\(server time p50 +[\d.]+ ms", part
        ), part
        assert re.search(r"the load generator beside it: \d+\.\d+ cores", part), part
        assert re.search(r"sync +\d+ requests +p50", part), part
        assert "errors: 0 " in part, part
        assert re.search(r"growth: \d+ B per stored check-in .* about \d+ MB per month", part), part
        assert re.search(r"4 clients, bare POST: +\d+ req/s .* redeem/bare \d+\.\d+", part), part
