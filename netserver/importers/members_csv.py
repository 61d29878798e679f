"""Members from a CSV file: a pure parse step, then an all-or-nothing apply step.

Columns (header row required, any order, case-insensitive): ``number``, ``display_name``,
``home_space`` (a space slug) are required; ``plan``, ``state``, ``email``, ``phone`` are
optional. UTF-8 with or without a byte-order mark; comma or semicolon separated (German Excel
writes semicolons). See docs/server-cli.md.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.credentials import MEMBER_NUMBER_WIDTH
from kiosk.core.models import MemberState
from netserver.db import Member, Plan, Space
from netserver.services.errors import DomainError
from netserver.services.members import add_member, update_member
from netserver.services.network import DEFAULT_PLAN

COLUMNS: Final = ("number", "display_name", "home_space", "plan", "state", "email", "phone")
REQUIRED: Final = ("number", "display_name", "home_space")
MAX_NUMBER: Final = 32**MEMBER_NUMBER_WIDTH - 1  # what a member pass can carry
MAX_NAME: Final = 200
MAX_EMAIL: Final = 320
MAX_PHONE: Final = 64
# German spreadsheets say it in German; both are accepted.
STATE_WORDS: Final[Mapping[str, MemberState]] = {
    **{state.value: state for state in MemberState},
    "aktiv": MemberState.ACTIVE,
    "pausiert": MemberState.PAUSED,
    "ruhend": MemberState.PAUSED,
    "beendet": MemberState.ENDED,
    "gekündigt": MemberState.ENDED,
}
_PHONE: Final = re.compile(r"^\+?[0-9 ()/.\-]{3,}$")
_EMAIL: Final = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True, slots=True)
class MemberRow:
    """One valid line of the file. `plan` None: the network's default plan (or unchanged)."""

    line: int
    number: int
    display_name: str
    home_space: str
    plan: str | None = None
    state: MemberState = MemberState.ACTIVE
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True, slots=True)
class RowError:
    line: int  # 0: the file as a whole
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass(frozen=True)
class ParsedMembers:
    rows: tuple[MemberRow, ...] = ()
    errors: tuple[RowError, ...] = field(default=())
    columns: frozenset[str] = frozenset()  # the optional columns the file has

    @property
    def ok(self) -> bool:
        return not self.errors


class MemberImportError(ValueError):
    """The file cannot be imported; `errors` says where and why. Nothing was written."""

    def __init__(self, errors: Iterable[RowError]) -> None:
        self.errors = tuple(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


def decode(data: bytes) -> str:
    """UTF-8 with or without BOM; MemberImportError for anything else (e.g. Excel's cp1252)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise MemberImportError(
            [
                RowError(
                    line,
                    "the file is not UTF-8 text: save it as "
                    "'CSV UTF-8' (Excel) or 'Unicode (UTF-8)' (LibreOffice)",
                )
            ]
        ) from None


_SEP_LINE: Final = re.compile(r"^sep=(.)\s*$")


def sniff_delimiter(text: str) -> tuple[str, bool]:
    """(delimiter, whether the first line is Excel's "sep=;" hint).

    Without the hint: semicolon if the header line has more semicolons than commas, else comma.
    """
    lines = text.splitlines()
    first = lines[0] if lines else ""
    hint = _SEP_LINE.match(first)
    if hint:
        return hint[1], True
    return (";" if first.count(";") > first.count(",") else ","), False


def parse_members_csv(
    data: bytes | str, *, spaces: Collection[str], plans: Collection[str] | None = None
) -> ParsedMembers:
    """Check every line of the file against the known space slugs (and plan codes, if given).

    Returns all valid rows, or every error found (not only the first), with line numbers.
    """
    try:
        text = decode(data) if isinstance(data, bytes) else data.lstrip("\ufeff")
    except MemberImportError as exc:
        return ParsedMembers(errors=exc.errors)
    if not text.strip():
        return ParsedMembers(errors=(RowError(0, "the file is empty"),))
    if "\x00" in text:  # no database stores it (PostgreSQL refuses); a spreadsheet, not CSV?
        line = text[: text.index("\x00")].count("\n") + 1
        return ParsedMembers(errors=(RowError(line, "the file contains a NUL character: is it CSV text?"),))
    delimiter, hint_line = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    errors: list[RowError] = []
    try:
        if hint_line:
            next(reader)
        header = next(reader, None)
        if header is None:
            return ParsedMembers(errors=(RowError(0, "the file has no header row"),))
        while header and not header[-1].strip():
            header.pop()  # spreadsheets write empty cells to the right of the table
        columns = _header(header, reader.line_num, errors)
        if columns is None:
            return ParsedMembers(errors=tuple(errors))
        rows: list[MemberRow] = []
        seen: dict[int, int] = {}
        start = reader.line_num + 1
        for fields in reader:
            line, start = start, reader.line_num + 1
            if not any(f.strip() for f in fields):
                continue  # blank line
            if len(fields) > len(columns) and not any(f.strip() for f in fields[len(columns) :]):
                fields = fields[: len(columns)]
            if len(fields) != len(columns):
                errors.append(
                    RowError(
                        line,
                        f"expected {len(columns)} fields, found {len(fields)} "
                        "(a separator inside a name? put the name in quotes)",
                    )
                )
                continue
            row = _row(line, dict(zip(columns, fields, strict=True)), spaces, plans, errors)
            if row is None:
                continue
            if row.number in seen:
                errors.append(
                    RowError(line, f"member number {row.number} is already on line {seen[row.number]}")
                )
                continue
            seen[row.number] = line
            rows.append(row)
    except csv.Error as exc:
        errors.append(RowError(reader.line_num, f"not readable as CSV: {exc}"))
        return ParsedMembers(errors=tuple(errors))
    if errors:
        return ParsedMembers(errors=tuple(errors))
    if not rows:
        return ParsedMembers(errors=(RowError(0, "the file has a header but no members"),))
    return ParsedMembers(rows=tuple(rows), columns=frozenset(columns))


def _header(header: list[str], line: int, errors: list[RowError]) -> list[str] | None:
    columns = [name.strip().lower().replace(" ", "_").replace("-", "_") for name in header]
    unknown = [name for name in columns if name not in COLUMNS]
    missing = [name for name in REQUIRED if name not in columns]
    duplicates = sorted({name for name in columns if columns.count(name) > 1})
    if unknown:
        errors.append(
            RowError(
                line,
                f"unknown column(s) {', '.join(map(repr, unknown))}; the columns are: {', '.join(COLUMNS)}",
            )
        )
    if missing:
        errors.append(RowError(line, f"missing column(s): {', '.join(missing)}"))
    if duplicates:
        errors.append(RowError(line, f"column(s) given twice: {', '.join(duplicates)}"))
    return None if unknown or missing or duplicates else columns


def _row(
    line: int,
    values: dict[str, str],
    spaces: Collection[str],
    plans: Collection[str] | None,
    errors: list[RowError],
) -> MemberRow | None:
    before = len(errors)

    def bad(message: str) -> None:
        errors.append(RowError(line, message))

    raw_number = values["number"].strip()
    number = 0
    if not raw_number.isascii() or not raw_number.isdigit():
        bad(
            f"member number {raw_number!r} is not a whole number"
            if raw_number
            else "member number is missing"
        )
    else:
        number = int(raw_number)
        if not 1 <= number <= MAX_NUMBER:
            bad(f"member number {number} is out of range (1 to {MAX_NUMBER})")
    name = " ".join(values["display_name"].split())
    if not name:
        bad("display_name is empty")
    elif len(name) > MAX_NAME:
        bad(f"display_name is longer than {MAX_NAME} characters")
    space = values["home_space"].strip().lower()
    if not space:
        bad("home_space is empty")
    elif space not in spaces:
        bad(f"unknown space {space!r} in home_space (known: {', '.join(sorted(spaces)) or 'none'})")
    plan = values.get("plan", "").strip() or None
    if plan is not None and plans is not None and plan not in plans:
        bad(f"unknown plan {plan!r} (known: {', '.join(sorted(plans)) or 'none'})")
    raw_state = values.get("state", "").strip().lower()
    state = STATE_WORDS.get(raw_state or "active")
    if state is None:
        bad(f"bad state {raw_state!r} (use one of: {', '.join(s.value for s in MemberState)})")
    email = values.get("email", "").strip() or None
    if email is not None and (len(email) > MAX_EMAIL or not _EMAIL.match(email)):
        bad(f"{email!r} is not an e-mail address")
    phone = " ".join(values.get("phone", "").split()) or None
    if phone is not None and (len(phone) > MAX_PHONE or not _PHONE.match(phone)):
        bad(f"{phone!r} is not a phone number")
    if len(errors) > before or state is None:
        return None
    return MemberRow(line, number, name, space, plan, state, email, phone)


def write_members_csv(rows: Iterable[MemberRow], *, delimiter: str = ",", bom: bool = False) -> bytes:
    """The CSV text `parse_members_csv` reads (export, tests, the sample file)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(
            [
                row.number,
                row.display_name,
                row.home_space,
                row.plan or "",
                row.state.value,
                row.email or "",
                row.phone or "",
            ]
        )
    return ("\ufeff" if bom else "").encode("utf-8") + buffer.getvalue().encode("utf-8")


@dataclass(frozen=True, slots=True)
class ImportSummary:
    created: int
    updated: int
    unchanged: int


def import_members(session: Session, data: bytes | str) -> ImportSummary:
    """Parse `data` against the database's spaces and plans, then apply it in `session`.

    Raises MemberImportError (before writing anything) if any line is wrong. The caller owns
    the transaction: with `Database.write()` an exception anywhere rolls everything back.
    """
    spaces = {space.slug: space.id for space in session.scalars(select(Space))}
    plans = {plan.code: plan for plan in session.scalars(select(Plan))}
    parsed = parse_members_csv(data, spaces=spaces, plans=plans)
    if not parsed.ok:
        raise MemberImportError(parsed.errors)
    return apply_members(session, parsed)


def apply_members(session: Session, parsed: ParsedMembers) -> ImportSummary:
    """Create or update (by number) every row through the member services.

    Optional columns missing from the file, or an empty plan, leave an existing member's value
    alone; an empty email/phone in a present column clears it. A refusal by the services is
    raised as MemberImportError with the line number; the caller's transaction rolls back.
    """
    if not parsed.ok:
        raise MemberImportError(parsed.errors)
    created = updated = 0
    for row in parsed.rows:
        try:
            member = session.get(Member, row.number)
            if member is None:
                add_member(
                    session,
                    number=row.number,
                    display_name=row.display_name,
                    home_space=row.home_space,
                    plan=row.plan or DEFAULT_PLAN,
                    state=row.state.value,
                    email=row.email,
                    phone=row.phone,
                )
                created += 1
                continue
            before = _snapshot(member)
            changes: dict[str, object] = {"display_name": row.display_name, "home_space": row.home_space}
            if row.plan is not None:
                changes["plan"] = row.plan
            if "state" in parsed.columns:
                changes["state"] = row.state.value
            for column in ("email", "phone"):
                if column in parsed.columns:
                    changes[column] = getattr(row, column)
            if _snapshot(update_member(session, row.number, **changes)) != before:
                updated += 1
        except DomainError as exc:
            raise MemberImportError([RowError(row.line, exc.message)]) from None
    return ImportSummary(created=created, updated=updated, unchanged=len(parsed.rows) - created - updated)


def _snapshot(member: Member) -> tuple[object, ...]:
    return (
        member.display_name,
        member.home_space_id,
        member.plan_code,
        member.state,
        member.email,
        member.phone,
    )
