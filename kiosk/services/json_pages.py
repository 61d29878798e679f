"""JSON decoding that lets other threads run: a large sync page parsed element by element.

`json.loads` is one C call that holds the GIL for the whole text: a sync page of 2,000 members
(about 420 kB) took 9 ms median and up to 117 ms on a loaded 2-core machine, and the kiosk's UI
thread cannot run meanwhile (the UI stall bench/kiosk_sync.py measures; budget 50 ms). Here the
top-level object is walked in Python and each value (each element of a top-level list) is
decoded by its own `raw_decode` call, so the interpreter can switch threads between elements.
The result equals `json.loads(text)` for any JSON text.
"""

from __future__ import annotations

import json
import re
from typing import Any

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")


def _skip(text: str, index: int) -> int:
    match = _SPACE.match(text, index)
    return match.end() if match else index


def _expect(text: str, index: int, char: str) -> int:
    index = _skip(text, index)
    if text[index : index + 1] != char:
        raise json.JSONDecodeError(f"expected {char!r}", text, index)
    return index + 1


def _list(text: str, index: int) -> tuple[list[Any], int]:
    """A list starting at `text[index] == "["`, one `raw_decode` per element."""
    items: list[Any] = []
    index = _skip(text, index + 1)
    if text[index : index + 1] == "]":
        return items, index + 1
    while True:
        value, index = _DECODER.raw_decode(text, _skip(text, index))
        items.append(value)
        index = _skip(text, index)
        char = text[index : index + 1]
        if char == "]":
            return items, index + 1
        if char != ",":
            raise json.JSONDecodeError("expected ',' or ']'", text, index)
        index += 1


def loads(text: str) -> Any:
    """`json.loads(text)`, with thread switches possible between the elements of top-level lists."""
    index = _skip(text, 0)
    if text[index : index + 1] != "{":
        return json.loads(text)
    result: dict[str, Any] = {}
    index = _skip(text, index + 1)
    if text[index : index + 1] == "}":
        index += 1
    else:
        while True:
            key, index = _DECODER.raw_decode(text, _skip(text, index))
            if not isinstance(key, str):
                raise json.JSONDecodeError("expected a key", text, index)
            index = _skip(text, _expect(text, index, ":"))
            if text[index : index + 1] == "[":
                result[key], index = _list(text, index)
            else:
                result[key], index = _DECODER.raw_decode(text, index)
            index = _skip(text, index)
            char = text[index : index + 1]
            if char == "}":
                index += 1
                break
            if char != ",":
                raise json.JSONDecodeError("expected ',' or '}'", text, index)
            index += 1
    if _skip(text, index) != len(text):
        raise json.JSONDecodeError("extra data", text, index)
    return result
