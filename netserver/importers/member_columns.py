"""The columns of a member list as people name them (German and English), and names made from
first and last name. The table in docs/server-cli.md is generated from ALIASES (a test checks)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

# field -> the header names that mean it, compared after `header_key` (case, spaces, dots,
# hyphens and underscores do not matter: "Mitglieds-Nr." is "mitglieds nr").
ALIASES: Final[Mapping[str, tuple[str, ...]]] = {
    "number": (
        "number", "member number", "member no", "member id", "membership number", "no", "nr",
        "nummer", "mitgliedsnummer", "mitglieds nr", "mitgliedsnr", "mitglied nr", "mitgliedernummer",
    ),
    "display_name": (
        "display name", "name", "anzeigename", "anzeige name", "kurzname", "full name",
    ),
    "first_name": ("first name", "firstname", "given name", "vorname", "rufname"),
    "last_name": ("last name", "lastname", "surname", "family name", "nachname", "familienname"),
    "home_space": (
        "home space", "home", "space", "heimatspace", "heimat space", "heim space", "standort",
        "coworking space", "stammspace", "stamm space",
    ),
    "plan": ("plan", "plan code", "tarif", "mitgliedschaft", "membership", "paket"),
    "state": ("state", "status", "zustand", "mitgliedsstatus"),
    "email": ("email", "e mail", "mail", "email address", "e mail adresse", "emailadresse"),
    "phone": (
        "phone", "phone number", "telephone", "mobile", "telefon", "telefonnummer", "tel", "mobil",
        "handy", "mobilnummer",
    ),
}  # fmt: skip
REQUIRED: Final = ("number", "home_space")
NAME_FIELDS: Final = ("display_name", "first_name")  # at least one of them
FIELDS: Final = tuple(ALIASES)
_LOOKUP: Final = {alias: name for name, aliases in ALIASES.items() for alias in aliases}
_SEPARATORS: Final = re.compile(r"[\s_.\-:/]+")


def header_key(text: str) -> str:
    return _SEPARATORS.sub(" ", text.casefold()).strip()


def field_for(header: Any) -> str | None:
    return _LOOKUP.get(header_key(str(header))) if header not in (None, "") else None


@dataclass(frozen=True)
class Columns:
    """Where each field is in the table (0-based index) and what was left out."""

    index: Mapping[str, int]
    headers: tuple[str, ...]  # the header texts as written
    ignored: tuple[int, ...]  # indexes of columns that mean nothing to us

    def present(self) -> frozenset[str]:
        return frozenset(self.index)


class HeaderError(ValueError):
    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = tuple(problems)


def map_header(cells: Sequence[Any], label: Any) -> Columns:
    """`label(index)` names a column for messages ("C" or "3")."""
    headers = tuple("" if c is None else str(c).strip() for c in cells)
    index: dict[str, int] = {}
    ignored: list[int] = []
    problems: list[str] = []
    for position, text in enumerate(headers):
        name = field_for(text)
        if name is None:
            if text:
                ignored.append(position)
            continue
        if name in index:
            first = index[name]
            problems.append(
                f"columns {label(first)} ({headers[first]!r}) and {label(position)} ({text!r}) "
                f"both mean {name}: keep one"
            )
            continue
        index[name] = position
    # German lists say "Vorname; Name": next to a first name, "Name" is the family name.
    if "first_name" in index and "last_name" not in index and "display_name" in index:
        if header_key(headers[index["display_name"]]) == "name":
            index["last_name"] = index.pop("display_name")
    missing = [name for name in REQUIRED if name not in index]
    if not any(name in index for name in NAME_FIELDS):
        missing.append("display_name (or first_name and last_name)")
    if missing:
        problems.append(
            f"missing column(s): {', '.join(missing)} "
            "(e.g. Mitgliedsnummer; Vorname; Nachname; Space — see the table of column names)"
        )
    if problems:
        raise HeaderError(problems)
    return Columns(index=index, headers=headers, ignored=tuple(ignored))


def looks_like_header(cells: Sequence[Any]) -> bool:
    fields = {field_for(c) for c in cells} - {None}
    return "number" in fields or len(fields) >= 2


def short_name(first: str, last: str) -> str:
    """ "Anna" + "Krause" -> "Anna K."; "Jan" + "von der Heide" -> "Jan H." (the initial of the
    first capitalised word, so a particle such as "von" is skipped); no last name: "Anna"."""
    first = " ".join(first.split())
    words = last.split()
    if not words:
        return first
    word = next((w for w in words if w[:1].isupper()), words[0])
    initial = next((ch for ch in word if ch.isalpha()), word[0])
    return f"{first} {initial.upper()}."


def text_of(value: Any) -> str:
    """A cell as text: 10001.0 from a spreadsheet is "10001"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
