"""Member import as a service: `read_member_file(data)`, `preview(session, file) -> ImportPlan`
(what would be added, changed, left alone and refused, with line and column), then
`commit(session, plan)`, all or nothing.

The CLI (`member import FILE [--dry-run]`), the API (`POST /admin/members/import[?dry_run=true]`)
and the web admin's import preview use these three functions. Reading and checking the file
happens before any transaction; `preview` only reads; `commit` writes, in the caller's writing
transaction, and refuses a plan whose members changed since it was made (`StalePlan`), so a
preview shown on a web page can be committed later without overwriting someone else's edit.

Rows are validated by `MemberIn` (member_fields.py), the model the API's member endpoints use.
Re-import semantics: name and home space are always taken from the file; an optional column
absent from the file, an empty plan or an empty state leave an existing member's value alone;
an empty e-mail or phone in a present column clears it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from pydantic import ValidationError
from sqlalchemy import Row, bindparam, insert, select, update
from sqlalchemy import Table as SqlTable
from sqlalchemy.orm import Session

from ..db import Member, Plan, Space
from ..db.name_key import name_key
from ..db.sequence import allocate, exclusive
from ..importers.member_columns import (
    Columns,
    HeaderError,
    looks_like_header,
    map_header,
    short_name,
    text_of,
)
from ..importers.tabular import Table, TableError, read_table
from .clock import utc_now
from .errors import Conflict, Invalid
from .member_fields import MAX_MEMBER_NUMBER, MAX_NAME, Directory, MemberIn
from .network import DEFAULT_PLAN

HEADER_SEARCH_ROWS: Final = 10  # a title row or two above the header is fine
Action = Literal["add", "change", "unchanged"]
COMPARED: Final = ("display_name", "home_space", "plan", "state", "email", "phone")


class MemberImportError(Invalid):
    """The file cannot be imported; `refusals` say where and why. Nothing was written."""

    def __init__(self, refusals: Iterable[Refusal]) -> None:
        self.refusals = tuple(refusals)
        first = str(self.refusals[0]) if self.refusals else "the file cannot be imported"
        more = f" (and {len(self.refusals) - 1} more problem(s))" if len(self.refusals) > 1 else ""
        super().__init__(f"nothing imported: {first}{more}", [r.as_dict() for r in self.refusals])


class StalePlan(Conflict):
    """A member in the plan was changed since the preview: make a new preview."""


@dataclass(frozen=True, slots=True)
class Refusal:
    line: int  # 0: the file as a whole
    message: str
    column: str | None = None  # as the spreadsheet names it: "C" (XLSX) or "3" (CSV)
    header: str | None = None  # the column's header text
    field: str | None = None

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else ""
        if self.column:
            label = f"column {self.column}" + (f" ({self.header})" if self.header else "")
            where = f"{where}, {label}" if where else label
        return f"{where}: {self.message}" if where else self.message

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "field": self.field, "message": self.message}


@dataclass(frozen=True, slots=True)
class Change:
    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class PlannedMember:
    line: int
    member: MemberIn  # number always set
    action: Action
    changes: tuple[Change, ...] = ()
    before: tuple[object, ...] | None = None  # the member as the preview saw it

    @property
    def number(self) -> int:
        assert self.member.number is not None
        return self.member.number


@dataclass(frozen=True)
class MemberFile:
    """A member list read and checked without the database: rows as dicts of field values."""

    table: Table
    columns: Columns | None
    rows: tuple[tuple[int, dict[str, Any], dict[str, str]], ...]  # line, values, field -> column
    refused: tuple[Refusal, ...] = ()

    @property
    def fields(self) -> frozenset[str]:
        return self.columns.present() if self.columns else frozenset()


@dataclass(frozen=True)
class ImportPlan:
    source: str  # "CSV, Windows-1252, semicolon-separated"
    members: tuple[PlannedMember, ...]
    refused: tuple[Refusal, ...]
    warnings: tuple[str, ...] = ()
    fields: frozenset[str] = field(default_factory=frozenset)

    def of(self, action: Action) -> tuple[PlannedMember, ...]:
        return tuple(m for m in self.members if m.action == action)

    @property
    def ok(self) -> bool:
        return not self.refused and bool(self.members)

    def counts(self) -> dict[str, int]:
        return {
            "added": len(self.of("add")),
            "changed": len(self.of("change")),
            "unchanged": len(self.of("unchanged")),
            "refused": len(self.refused),
        }


@dataclass(frozen=True, slots=True)
class ImportSummary:
    created: int
    updated: int
    unchanged: int


# -- reading the file (no database) ---------------------------------------------------------


def read_member_file(data: bytes) -> MemberFile:
    """CSV or XLSX bytes -> rows of field values with their positions, or refusals."""
    try:
        table = read_table(data)
    except TableError as exc:
        empty = Table("csv", ())
        return MemberFile(empty, None, (), (Refusal(exc.line, exc.message),))
    header_at = next(
        (i for i, row in enumerate(table.rows[:HEADER_SEARCH_ROWS]) if looks_like_header(row.cells)), None
    )
    if header_at is None:
        line = table.rows[0].line if table.rows else 0
        message = (
            "no header row found: the first row must name the columns, e.g. "
            "Mitgliedsnummer; Vorname; Nachname; Space; Tarif; Status"
        )
        return MemberFile(table, None, (), (Refusal(line, message),))
    header = table.rows[header_at]
    try:
        columns = map_header(header.cells, table.column)
    except HeaderError as exc:
        return MemberFile(table, None, (), tuple(Refusal(header.line, p) for p in exc.problems))
    rows: list[tuple[int, dict[str, Any], dict[str, str]]] = []
    refused: list[Refusal] = []
    width = len(header.cells)
    for row in table.rows[header_at + 1 :]:
        extra = [i for i in range(width, len(row.cells)) if text_of(row.cells[i]).strip()]
        if extra and table.kind == "csv":
            refused.append(
                Refusal(
                    row.line,
                    f"{len(row.cells)} fields where the header has {width} "
                    "(a separator inside a name? put the name in quotes)",
                    column=table.column(extra[0]),
                )
            )
            continue
        values, where = _values(row.cells, columns, table)
        rows.append((row.line, values, where))
    if not rows and not refused:
        refused.append(Refusal(header.line, "the file has a header but no members"))
    return MemberFile(table, columns, tuple(rows), tuple(refused))


def _values(cells: Sequence[Any], columns: Columns, table: Table) -> tuple[dict[str, Any], dict[str, str]]:
    def cell(name: str) -> Any:
        position = columns.index.get(name)
        return cells[position] if position is not None and position < len(cells) else None

    values: dict[str, Any] = {}
    where = {name: table.column(position) for name, position in columns.index.items()}
    for name in ("number", "home_space", "plan", "state", "email", "phone"):
        if name in columns.index:
            raw = cell(name)
            if isinstance(raw, str):
                raw = raw.strip()
            if name == "state" and raw in (None, ""):
                continue  # an empty state: active for a new member, unchanged for an existing one
            values[name] = raw
    values.setdefault("number", None)
    display = text_of(cell("display_name")).strip()
    if not display and "first_name" in columns.index:
        first, last = text_of(cell("first_name")), text_of(cell("last_name"))
        display = short_name(first, last) if first.strip() else ""
        where["display_name"] = where["first_name"]
    values["display_name"] = display
    if values.get("number") is not None and not isinstance(values["number"], int | float | str):
        values["number"] = str(values["number"])
    for name in ("home_space", "plan", "state"):
        if name in values and values[name] is not None and not isinstance(values[name], str | int | float):
            values[name] = str(values[name])
    return values, where


# -- the plan (reads the database) ----------------------------------------------------------


def directory(session: Session) -> Directory:
    return Directory.build(
        [
            (space_id, slug, name)
            for space_id, slug, name in session.execute(select(Space.id, Space.slug, Space.name))
        ],
        [(code, name) for code, name in session.execute(select(Plan.code, Plan.name))],
    )


def preview(session: Session, file: MemberFile | bytes) -> ImportPlan:
    """What importing `file` would do, checked against the spaces, plans and members now."""
    if isinstance(file, bytes):
        file = read_member_file(file)
    table = file.table
    headers = file.columns.headers if file.columns else ()
    warnings = list(table.warnings)
    if file.columns and file.columns.ignored:
        ignored = ", ".join(f"{table.column(i)} ({headers[i]!r})" for i in file.columns.ignored)
        warnings.append(f"column(s) not imported: {ignored}")
    refused = list(file.refused)
    context = {"directory": directory(session)}
    valid: list[tuple[int, MemberIn]] = []
    seen: dict[int, int] = {}
    for line, values, where in file.rows:
        try:
            member = MemberIn.model_validate(values, context=context)
        except ValidationError as exc:
            refused += _refusals(line, exc, where, file.columns, table)
            continue
        if member.number is None or member.number in seen:
            message = (
                "the member number is missing"
                if member.number is None
                else f"member number {member.number} is already on line {seen[member.number]}"
            )
            refused.append(
                Refusal(line, message, where.get("number"), _header(file.columns, "number"), "number")
            )
            continue
        seen[member.number] = line
        valid.append((line, member))
    existing = _existing(session, [m.number for _, m in valid if m.number is not None])
    slugs = {space_id: slug for space_id, slug in session.execute(select(Space.id, Space.slug))}
    planned = [
        _plan(line, member, existing.get(member.number or 0), slugs, file.fields) for line, member in valid
    ]
    refused.sort(key=lambda r: (r.line, r.column or ""))
    return ImportPlan(table.describe(), tuple(planned), tuple(refused), tuple(warnings), file.fields)


def _refusals(
    line: int, exc: ValidationError, where: Mapping[str, str], columns: Columns | None, table: Table
) -> list[Refusal]:
    found: list[Refusal] = []
    for error in exc.errors(include_url=False):
        name = str(error["loc"][0]) if error["loc"] else None
        found.append(
            Refusal(line, _message(name, error), where.get(name or ""), _header(columns, name), name)
        )
    return found


def _header(columns: Columns | None, name: str | None) -> str | None:
    """The header text of the column a field came from (a made-up name: the first name's)."""
    if columns is None or name is None:
        return None
    if name == "display_name" and name not in columns.index:
        name = "first_name"
    position = columns.index.get(name)
    return columns.headers[position] if position is not None else None


def _message(name: str | None, error: Mapping[str, Any]) -> str:
    kind = str(error.get("type", ""))
    if name == "number":
        if kind in ("greater_than_equal", "less_than_equal"):
            return f"member number {error.get('input')} is out of range (1 to {MAX_MEMBER_NUMBER})"
        if kind in ("int_type", "int_parsing", "int_from_float"):
            return f"{text_of(error.get('input'))[:20]!r} is not a whole number"
    if name == "display_name":
        if kind in ("string_too_short", "too_short"):
            return "the name is empty (display_name, or first_name and last_name)"
        if kind in ("string_too_long", "too_long"):
            return f"the name is longer than {MAX_NAME} characters"
    message = str(error.get("msg", "is not valid"))
    return message.removeprefix("Value error, ")


_MEMBERS = Member.__table__
# number, display_name, home_space_id, plan_code, state, email, phone
Existing = Row[int, str, int, str, str, str | None, str | None]
assert isinstance(_MEMBERS, SqlTable)
_members = _MEMBERS.c
# What preview and commit compare, as plain Core rows (no ORM objects: an import of a few
# hundred rows spent most of its time in the unit of work, inside its write transaction; issue 14)
_COMPARED_COLUMNS = select(
    _members.number,
    _members.display_name,
    _members.home_space_id,
    _members.plan_code,
    _members.state,
    _members.email,
    _members.phone,
)
_INSERT = insert(_MEMBERS)
_UPDATE = (
    update(_MEMBERS)
    .where(_members.number == bindparam("b_number"))
    .values(
        display_name=bindparam("display_name"),
        name_key=bindparam("name_key"),
        home_space_id=bindparam("home_space_id"),
        plan_code=bindparam("plan_code"),
        state=bindparam("state"),
        email=bindparam("email"),
        phone=bindparam("phone"),
        txid=bindparam("txid"),
        seq=bindparam("seq"),
    )
)


def _existing(session: Session, numbers: Sequence[int], *, lock: bool = False) -> dict[int, Existing]:
    """The members among `numbers`; with `lock`, locked until commit in number order (commit: the
    stale check and the update must not race an edit of the same member)."""
    found: dict[int, Existing] = {}
    ordered = sorted(numbers)
    for start in range(0, len(ordered), 500):
        part = ordered[start : start + 500]
        query = _COMPARED_COLUMNS.where(_members.number.in_(part)).order_by(_members.number)
        for member in session.execute(query.with_for_update() if lock else query):
            found[member.number] = member
    return found


def _snapshot(member: Existing, slugs: Mapping[int, str]) -> tuple[object, ...]:
    return (
        member.display_name,
        slugs.get(member.home_space_id, str(member.home_space_id)),
        member.plan_code,
        member.state,
        member.email,
        member.phone,
    )


def _wanted(
    member: MemberIn, before: tuple[object, ...] | None, fields: frozenset[str]
) -> tuple[object, ...]:
    """The member after the import, in the order of COMPARED."""
    if before is None:
        return (
            member.display_name,
            member.home_space,
            member.plan or DEFAULT_PLAN,
            member.state.value,
            member.email,
            member.phone,
        )
    old = dict(zip(COMPARED, before, strict=True))
    new = dict(old, display_name=member.display_name, home_space=member.home_space)
    if member.plan is not None:
        new["plan"] = member.plan
    if _state_given(member):
        new["state"] = member.state.value
    for name in ("email", "phone"):
        if name in fields:
            new[name] = getattr(member, name)
    return tuple(new[name] for name in COMPARED)


def _state_given(member: MemberIn) -> bool:
    """An empty state cell leaves an existing member's state alone (`_values` leaves it out)."""
    return "state" in member.model_fields_set


def _plan(
    line: int, member: MemberIn, existing: Existing | None, slugs: Mapping[int, str], fields: frozenset[str]
) -> PlannedMember:
    before = _snapshot(existing, slugs) if existing is not None else None
    after = _wanted(member, before, fields)
    if before is None:
        return PlannedMember(line, member, "add")
    changes = tuple(
        Change(name, _text(old), _text(new))
        for name, old, new in zip(COMPARED, before, after, strict=True)
        if old != new
    )
    return PlannedMember(line, member, "change" if changes else "unchanged", changes, before)


def _text(value: object) -> str | None:
    return None if value is None else str(value)


# -- committing -----------------------------------------------------------------------------


def commit(session: Session, plan: ImportPlan) -> ImportSummary:
    """Apply `plan` in the caller's writing transaction, all or nothing.

    Raises MemberImportError if the plan has refusals, StalePlan if a member changed since the
    preview; on any error the caller's transaction rolls back and nothing is written.
    """
    if plan.refused:
        raise MemberImportError(plan.refused)
    if not plan.members:
        raise MemberImportError([Refusal(0, "the file has no members")])
    exclusive(session, "member-numbers")  # numbers and the stale check below: one import at a time
    slugs = {space_id: slug for space_id, slug in session.execute(select(Space.id, Space.slug))}
    existing = _existing(session, [m.number for m in plan.members], lock=True)
    stale = [
        m.number
        for m in plan.members
        if (existing.get(m.number) is None) != (m.before is None)
        or (m.before is not None and _snapshot(existing[m.number], slugs) != m.before)
    ]
    if stale:
        shown = ", ".join(map(str, stale[:10])) + (" ..." if len(stale) > 10 else "")
        raise StalePlan(f"member(s) {shown} changed since the preview: preview the file again")
    space_ids = {slug: space_id for space_id, slug in slugs.items()}
    codes = set(session.scalars(select(Plan.code)))
    wanted_spaces = {str(m.member.home_space) for m in plan.members}
    wanted_plans = {m.member.plan or DEFAULT_PLAN for m in plan.members if m.action == "add"}
    wanted_plans |= {c.new or "" for m in plan.members for c in m.changes if c.field == "plan"}
    gone = sorted((wanted_spaces - set(space_ids)) | (wanted_plans - codes))
    if gone:
        raise StalePlan(f"space(s) or plan(s) {', '.join(map(repr, gone))} no longer exist: preview again")
    # Rows are written here as two Core executemany statements rather than one add_member() (or
    # ORM object) each: validated already (MemberIn and the checks above), numbered with one
    # allocation of sync keys, and the write transaction stays short (issue 14).
    now = utc_now()
    added = [m for m in plan.members if m.action == "add"]
    changed = [m for m in plan.members if m.action == "change"]
    keys = iter(allocate(session, len(added) + len(changed)))
    inserts: list[dict[str, Any]] = []
    for planned in added:
        member = planned.member
        txid, seq = next(keys)
        inserts.append(
            {
                "number": planned.number,
                "display_name": member.display_name,
                "name_key": name_key(member.display_name),
                "email": member.email,
                "phone": member.phone,
                "home_space_id": space_ids[str(member.home_space)],
                "state": member.state.value,
                "plan_code": member.plan or DEFAULT_PLAN,
                "pass_serial": 0,
                "secret_hash": "",
                "created_at": now,
                "txid": txid,
                "seq": seq,
            }
        )
    updates: list[dict[str, Any]] = []
    for planned in changed:
        row = existing[planned.number]
        values: dict[str, Any] = {
            "b_number": planned.number,
            "display_name": row.display_name,
            "home_space_id": row.home_space_id,
            "plan_code": row.plan_code,
            "state": row.state,
            "email": row.email,
            "phone": row.phone,
        }
        for change in planned.changes:
            if change.field == "home_space":
                values["home_space_id"] = space_ids[change.new or ""]
            elif change.field == "plan":
                values["plan_code"] = change.new or DEFAULT_PLAN
            else:
                values[change.field] = change.new
        values["name_key"] = name_key(values["display_name"] or "")
        values["txid"], values["seq"] = next(keys)
        updates.append(values)
    if inserts:
        session.execute(_INSERT, inserts)
    if updates:
        session.connection().execute(_UPDATE, updates)
    return ImportSummary(len(added), len(changed), len(plan.members) - len(added) - len(changed))


def import_members(session: Session, data: bytes) -> ImportSummary:
    """Preview and commit in one writing transaction (tests, scripts). The CLI and the API
    preview in a read transaction first, so that no write lock is held while a file is read."""
    return commit(session, preview(session, read_member_file(data)))
