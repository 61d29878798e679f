"""Constrained strings for every request schema and query parameter.

PostgreSQL `text`/`varchar` cannot hold NUL, a lone UTF-16 surrogate cannot be encoded to UTF-8
(no database stores it), and `varchar(n)` refuses longer values; SQLite takes them all. So the
API refuses them at the edge, the same on both databases: a 422 `validation_error` naming the
field, never a `DataError` (500) from the database.

- `Line` (names, codes, slugs, labels, e-mail, URL, ...): no C0 control character at all
  (U+0000-U+001F, tab and newlines included) and no U+007F.
- `Text` (notes, reasons, descriptions, details): tab, LF and CR are allowed, other control
  characters are not.

Lengths are given with `Field(max_length=...)` next to the type and follow the columns in
`netserver/db/` (`String(n)`); free text in `Text` columns gets a sensible upper bound.
No `pattern` is added to the OpenAPI document on purpose: fuzzers (tests/server/test_schemathesis.py)
then send control characters, which must come back as 422.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

_LINE_BAD = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
_TEXT_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _describe(char: str) -> str:
    if char == "\x00":
        return "a NUL character (U+0000)"
    if "\ud800" <= char <= "\udfff":
        return f"an unpaired surrogate (U+{ord(char):04X})"
    return f"a control character (U+{ord(char):04X})"


def _refuse(found: re.Match[str]) -> PydanticCustomError:
    return PydanticCustomError(
        "control_character",
        "must not contain {what}",
        {"what": _describe(found.group()), "position": found.start()},
    )


def check_line(value: str) -> str:
    """`value` if it is one line of printable text; a validation error otherwise."""
    found = _LINE_BAD.search(value)
    if found:
        raise _refuse(found)
    return value


def check_text(value: str) -> str:
    """`value` if it is printable text (tab and line breaks allowed); a validation error otherwise."""
    found = _TEXT_BAD.search(value)
    if found:
        raise _refuse(found)
    return value


Line = Annotated[str, AfterValidator(check_line)]
Text = Annotated[str, AfterValidator(check_text)]

# Free text stored in `Text` columns: notes, reasons, details.
ShortText = Annotated[Text, Field(max_length=2000)]
LongText = Annotated[Text, Field(max_length=10_000)]
# Lines stored in `String(n)` columns, by n.
Name = Annotated[Line, Field(min_length=1, max_length=200)]
Line64 = Annotated[Line, Field(max_length=64)]
Line100 = Annotated[Line, Field(max_length=100)]
Line200 = Annotated[Line, Field(max_length=200)]
Line300 = Annotated[Line, Field(max_length=300)]
Line320 = Annotated[Line, Field(max_length=320)]
Line1000 = Annotated[Line, Field(max_length=1000)]
Code64 = Annotated[Line, Field(min_length=1, max_length=64)]


def check_space_ref(value: int | str) -> int | str:
    """A space id, or a slug (or a numeric string) as one line of up to 200 characters (more
    than the slug's 64, so a space's name gets a clear "not found" rather than a 422)."""
    if isinstance(value, str):
        check_line(value)
        if not 1 <= len(value) <= 200:
            raise PydanticCustomError("string_length", "a space slug has 1 to 200 characters")
    return value


# A space by id or by slug. One validator on the whole union, so an error names the field
# itself (not `space.int` and `space.str`).
SpaceRefIn = Annotated[int | str, AfterValidator(check_space_ref), Field(description="space id or slug")]


class Strict(BaseModel):
    """Base of every request body: unknown fields are an error."""

    model_config = ConfigDict(extra="forbid")
