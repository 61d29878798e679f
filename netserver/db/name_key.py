"""The member name as the web admin searches and sorts it: `name_key(display_name)`.

Case-folded, accents removed ("Jürgen Müller" -> "jurgen muller", "ß" -> "ss"), whitespace
collapsed. Kept in `members.name_key` by a mapper hook on every ORM insert and update (bulk
inserts that bypass the ORM set it themselves, as bench/admin.py does). The column compares by
bytes on SQLite (BINARY) and on PostgreSQL (COLLATE "C"), so names that begin with a text are
one index range on both, and the search's order is the same on both.
"""

from __future__ import annotations

import unicodedata
from typing import Any, Final

from sqlalchemy import String, event
from sqlalchemy.types import TypeEngine

NAME_KEY_TYPE: Final[TypeEngine[str]] = String(200).with_variant(String(200, collation="C"), "postgresql")
TOP: Final = "\U0010ffff"  # sorts after every character a name may hold: the end of a prefix range


def name_key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(plain.split())[:200]


def _set(_mapper: Any, _connection: Any, target: Any) -> None:
    target.name_key = name_key(target.display_name or "")


def install(member_class: Any) -> None:
    """Idempotent: keep `name_key` in step with `display_name` on every ORM write."""
    for name in ("before_insert", "before_update"):
        if not event.contains(member_class, name, _set):
            event.listen(member_class, name, _set)
