"""Issue 13 evidence, CI size: 5,000 fuzzed codes (forgeries with a correct check symbol,
changed cards, random text) decided against a roster: none is admitted, while the real cards
are. Full size (100,000): `python -m bench.fuzz_codes`."""

from __future__ import annotations

from bench.fuzz_codes import run


def test_no_fuzzed_code_is_admitted() -> None:
    kinds, reasons, admitted = run(codes=5_000, members=300, seed=13)
    assert sum(kinds.values()) == 5_000 and len(kinds) >= 10
    assert admitted == []
    assert reasons["unknown_pass"] > 1_000  # the well-formed forgeries reached the roster check
