"""The sync page decoder that lets the UI thread run (kiosk/services/json_pages.py) reads
exactly what json.loads reads, and refuses what it refuses."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.services.json_pages import loads

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
values = st.recursive(
    scalars, lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=20
)


@given(st.dictionaries(st.text(), values), st.sampled_from([None, 0, 2]))
def test_equals_json_loads(document: dict[str, Any], indent: int | None) -> None:
    text = json.dumps(document, indent=indent, ensure_ascii=False)
    assert loads(text) == json.loads(text)


def test_a_sync_page() -> None:
    page = {"cursor": "a.1.2", "has_more": True, "full": True, "network": None,
            "members": [{"number": 10001 + i, "display_name": f"Mitglied {i} Ä", "secret_hash": "ab"}
                        for i in range(3)], "usage": [], "deleted": [{"kind": "event", "id": 4}]}  # fmt: skip
    text = " \n" + json.dumps(page, indent=1) + "\n "
    assert loads(text) == page
    assert loads("[1, 2]") == [1, 2] and loads("{}") == {}


@pytest.mark.parametrize(
    "text", ['{"a": [1, 2}', '{"a": 1,}', '{"a" 1}', '{"a": [1 2]}', '{"a": 1} x', "{1: 2}", '{"a": [', ""]
)
def test_malformed_is_a_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        json.loads(text)
    with pytest.raises(ValueError):
        loads(text)
