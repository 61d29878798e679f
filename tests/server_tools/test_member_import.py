"""Member import as spaces keep their lists: CSV in any common encoding and delimiter, XLSX,
German and English headers, names and codes instead of slugs; preview, then all or nothing.
Real SQLite file (and PostgreSQL where configured), real migrations."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import func, select

from netserver.db import Database, Member, sequence
from netserver.services.member_fields import MemberIn
from netserver.services.member_import import (
    ImportPlan,
    MemberImportError,
    StalePlan,
    commit,
    import_members,
    preview,
    read_member_file,
)
from netserver.services.members import update_member
from netserver.services.spaces import add_space

GERMAN_EXCEL = (
    "Mitgliedsnummer;Name;Space;Tarif;Status\r\n"
    "10001;Anna K.;Stendal Altstadt;Flex;aktiv\r\n"
    "10002;Jürgen Müller-Weiß;werben;basis;pausiert\r\n"
    "10003;Zoë Bär;STENDAL ALTSTADT;;gekündigt\r\n"
)


@pytest.fixture
def spaces(network: Database) -> Database:
    with network.write() as session:
        add_space(session, slug="stendal-altstadt", name="Stendal Altstadt", town="Stendal", space_id=4)
    return network


def members(db: Database) -> dict[int, Member]:
    with db.read() as session:
        return {m.number: m for m in session.scalars(select(Member))}


def plan_for(db: Database, data: bytes) -> ImportPlan:
    with db.read() as session:
        return preview(session, read_member_file(data))


def run_import(db: Database, data: bytes) -> tuple[int, int, int]:
    plan = plan_for(db, data)
    with db.write() as session:
        summary = commit(session, plan)
    return summary.created, summary.updated, summary.unchanged


def xlsx(rows: list[list[object]], *, title: str = "Mitglieder") -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_german_excel_list_imports_as_saved(spaces: Database) -> None:
    """Semicolons, Windows-1252, German headers, a space's name, a plan's name in any case."""
    data = GERMAN_EXCEL.encode("cp1252")
    plan = plan_for(spaces, data)
    assert plan.source == "CSV, Windows-1252, semicolon-separated"
    assert any("not UTF-8" in w and "Windows-1252" in w for w in plan.warnings)
    assert not plan.refused, [str(r) for r in plan.refused]
    assert run_import(spaces, data) == (3, 0, 0)
    rows = members(spaces)
    assert (rows[10001].home_space_id, rows[10001].plan_code, rows[10001].state) == (4, "flex", "active")
    assert rows[10002].display_name == "Jürgen Müller-Weiß" and rows[10002].state == "paused"
    assert rows[10003].display_name == "Zoë Bär" and rows[10003].home_space_id == 4
    assert rows[10003].plan_code == "standard" and rows[10003].state == "ended"


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: t.encode("utf-8"), id="utf-8"),
        pytest.param(lambda t: t.encode("utf-8-sig"), id="utf-8-bom"),
        pytest.param(lambda t: t.encode("cp1252"), id="windows-1252"),
        pytest.param(lambda t: t.encode("latin-1"), id="latin-1"),
        pytest.param(lambda t: t.replace(";", "\t").encode("utf-16"), id="utf-16-tab"),
        pytest.param(lambda t: t.replace(";", ",").encode("utf-8"), id="comma"),
        pytest.param(lambda t: t.replace(";", "\t").encode("cp1252"), id="tab"),
        pytest.param(lambda t: ("sep=;\r\n" + t).encode("utf-8-sig"), id="excel-sep-hint"),
    ],
)
def test_encodings_and_delimiters_are_detected(spaces: Database, encode: Callable[[str], bytes]) -> None:
    plan = plan_for(spaces, encode(GERMAN_EXCEL))
    assert not plan.refused, [str(r) for r in plan.refused]
    names = [m.member.display_name for m in plan.members]
    assert names == ["Anna K.", "Jürgen Müller-Weiß", "Zoë Bär"]


def test_first_and_last_name_become_the_display_name(spaces: Database) -> None:
    text = (
        "Mitglieds-Nr.;Vorname;Nachname;Heimatspace;E-Mail;Telefon;Geburtstag\n"
        "10001;Anna;Krause;stendal;anna@example.org;03931 123456;1.1.1990\n"
        "10002;Jan;von der Heide;werben;;;\n"
        "10003;Lena;;gardelegen;;;\n"
    )
    plan = plan_for(spaces, text.encode())
    assert [m.member.display_name for m in plan.members] == ["Anna K.", "Jan H.", "Lena"]
    assert plan.members[0].member.phone == "03931 123456"
    assert any("not imported" in w and "Geburtstag" in w for w in plan.warnings)
    # "Vorname;Name": next to a first name, "Name" is the family name
    plan = plan_for(spaces, b"Nr;Vorname;Name;Space\n10001;Anna;Krause;werben\n")
    assert plan.members[0].member.display_name == "Anna K."


def test_refusals_name_line_and_column(spaces: Database) -> None:
    text = (
        "Mitgliederliste Stand November;;;;\n"  # a title row above the header
        "Mitgliedsnummer;Name;Space;Tarif;Status\n"
        "10001;Anna K.;Stendal Altstadt;Flex;aktiv\n"
        "10002;Jonas M.;Berlin;flex;aktiv\n"  # line 4, column 3
        "10001;Anna again;werben;;\n"  # line 5: number twice
        "10004;Lena S.;werben;Gold;vielleicht\n"  # line 6: columns 4 and 5
        "abc;Paul W.;werben;;\n"  # line 7
        "10006;;werben;;\n"  # line 8: no name
        "10007;Marie B.;werben;;;;x\n"  # line 9: a field too many
        f"{'9' * 5000};Riesig;werben;;\n"  # line 10: 5000 digits
    )
    plan = plan_for(spaces, text.encode())
    shown = [str(r) for r in plan.refused]
    assert shown[0].startswith("line 4, column 3 (Space): unknown space 'Berlin' (known: ")
    assert "line 5, column 1 (Mitgliedsnummer): member number 10001 is already on line 3" in shown
    assert "line 6, column 4 (Tarif): unknown plan 'Gold' (known: basis, flex, standard)" in shown
    assert any(s.startswith("line 6, column 5 (Status): unknown state 'vielleicht'") for s in shown)
    assert "line 7, column 1 (Mitgliedsnummer): 'abc' is not a whole number" in shown
    assert any(s.startswith("line 8, column 2 (Name): the name is empty") for s in shown)
    assert any(s.startswith("line 9, column 7: 7 fields where the header has 5") for s in shown)
    assert "line 10, column 1 (Mitgliedsnummer): a member number of 5000 digits is out of range" in " ".join(
        shown
    )
    assert [m.number for m in plan.members] == [10001]
    with pytest.raises(MemberImportError) as caught, spaces.write() as session:
        commit(session, plan)
    assert caught.value.details[0] == {
        "line": 4, "column": "3", "field": "home_space", "message": caught.value.refusals[0].message
    }  # fmt: skip
    assert members(spaces) == {}


def test_xlsx_with_numbers_title_row_and_gaps(spaces: Database) -> None:
    data = xlsx(
        [
            ["Mitgliederliste"],
            [],
            ["Mitgliedsnummer", "Vorname", "Nachname", "Space", "Tarif", "Status", "Telefon"],
            [10001, "Anna", "Krause", "Stendal Altstadt", "Flex", "aktiv", 3931123456],
            [10002.0, "Jürgen", "Groß", "werben", None, None, None],
            [],
            [10003, "Łukasz", "Żak", "Mars", "basis", "ruhend", None],  # row 7: unknown space
            ["x", "Ayşe", "Ğ", "werben", None, None, datetime(2026, 1, 1)],  # row 8: bad number
        ]
    )
    plan = plan_for(spaces, data)
    assert plan.source == "Excel workbook, sheet 'Mitglieder'"
    assert [str(r).split(":")[0] for r in plan.refused] == [
        "line 7, column D (Space)",
        "line 8, column A (Mitgliedsnummer)",
        "line 8, column G (Telefon)",  # a date is no phone number
    ]
    assert [(m.line, m.number, m.member.display_name) for m in plan.members] == [
        (4, 10001, "Anna K."),
        (5, 10002, "Jürgen G."),
    ]
    assert plan.members[0].member.phone == "3931123456"
    fixed = xlsx([["Nr", "Name", "Space"], [10003, "Łukasz Ż.", "werben"], [10004, "Ayşe Ğ.", "Werben"]])
    assert run_import(spaces, fixed) == (2, 0, 0)
    assert members(spaces)[10003].display_name == "Łukasz Ż."


def test_not_a_member_list(spaces: Database) -> None:
    cases = {
        b"": "the file is empty",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100: "old Excel file (.xls)",
        b"PK\x03\x04garbage": "cannot be opened",
        b"Name;Ort\nAnna;Stendal\n": "no header row found",
        b"Nummer;Name\n1;Anna\n": "missing column(s): home_space",
        b"Nr;Name;Anzeigename;Space\n1;A;A;werben\n": "both mean display_name",
        b'Nr;Name;Space\n1;"Anna;werben\n': "never closed",
        b"Nr;Name;Space\n": "a header but no members",
        b"Nr;Name;Space\n1;Gi\x00na;werben\n": "NUL character",
    }
    for data, expected in cases.items():
        plan = plan_for(spaces, data)
        assert any(expected in str(r) for r in plan.refused), (data[:30], [str(r) for r in plan.refused])
        assert not plan.ok


def test_preview_then_commit_and_reimport(spaces: Database) -> None:
    assert run_import(spaces, GERMAN_EXCEL.encode()) == (3, 0, 0)
    changed = (
        "Nr;Name;Space;Status;E-Mail\n"
        "10001;Anna Krause;werben;;anna@example.org\n"  # name, space, e-mail; empty state: unchanged
        "10002;Jürgen Müller-Weiß;werben;pausiert;\n"  # unchanged
        "10009;Neu N.;gardelegen;;\n"  # added
    )
    plan = plan_for(spaces, changed.encode())
    assert plan.counts() == {"added": 1, "changed": 1, "unchanged": 1, "refused": 0}
    (change,) = plan.of("change")
    assert [(c.field, c.old, c.new) for c in change.changes] == [
        ("display_name", "Anna K.", "Anna Krause"),
        ("home_space", "stendal-altstadt", "werben"),
        ("email", None, "anna@example.org"),
    ]
    assert members(spaces)[10001].display_name == "Anna K."  # a preview writes nothing
    with spaces.write() as session:
        summary = commit(session, plan)
    assert (summary.created, summary.updated, summary.unchanged) == (1, 1, 1)
    rows = members(spaces)
    assert rows[10001].state == "active" and rows[10001].plan_code == "flex"  # left alone
    assert rows[10001].home_space_id == 3 and rows[10001].email == "anna@example.org"


def test_imported_rows_carry_name_key_and_fresh_sync_keys(spaces: Database) -> None:
    """The import writes its rows without the ORM (issue 14): each added or changed member still
    gets its search key and a sync key above everything a kiosk had seen, so the next sync
    delivers it; unchanged members keep theirs."""
    run_import(spaces, GERMAN_EXCEL.encode())
    with spaces.read() as session:
        seen = sequence.watermark(session)
    before = members(spaces)
    run_import(spaces, "Nr;Name;Space\n10001;Ännchen  KRAUSE;werben\n10002;Jürgen Müller-Weiß;werben\n"
               "10004;Zoë Weiß;gardelegen\n".encode())  # fmt: skip
    after = members(spaces)
    assert after[10001].name_key == "annchen krause" and after[10004].name_key == "zoe weiss"
    assert after[10002].name_key == "jurgen muller-weiss"
    changed = {n for n, m in after.items() if (m.txid, m.seq) > seen}
    assert changed == {10001, 10004}
    assert (after[10002].txid, after[10002].seq) == (before[10002].txid, before[10002].seq)
    assert (after[10001].txid, after[10001].seq) != (after[10004].txid, after[10004].seq)
    with spaces.read() as session:
        assert sequence.watermark(session) >= max((m.txid, m.seq) for m in after.values())


def test_a_plan_whose_members_changed_meanwhile_is_refused(spaces: Database) -> None:
    run_import(spaces, GERMAN_EXCEL.encode())
    plan = plan_for(spaces, GERMAN_EXCEL.replace("Anna K.", "Anna Krause").encode())
    with spaces.write() as session:
        update_member(session, 10002, state="active")  # someone else, after the preview
    with pytest.raises(StalePlan, match="10002"), spaces.write() as session:
        commit(session, plan)
    assert members(spaces)[10001].display_name == "Anna K."


def test_a_failure_while_applying_rolls_everything_back(spaces: Database) -> None:
    plan = plan_for(spaces, GERMAN_EXCEL.encode())
    with pytest.raises(StalePlan), spaces.write() as session:
        # A member the preview did not see appears before the commit (another import).
        import_members(session, b"Nr;Name;Space\n10003;Other;werben\n")
        commit(session, plan)
    with spaces.read() as session:
        assert session.scalar(select(func.count()).select_from(Member)) == 0


def test_api_and_import_share_one_model() -> None:
    """What the API's member model accepts, an import row accepts, and the reverse."""
    row = MemberIn.model_validate(
        {"number": " 10001 ", "display_name": "  Anna\tK. ", "home_space": "werben", "state": "Aktiv"}
    )
    assert (row.number, row.display_name, row.state.value) == (10001, "Anna K.", "active")
    for bad in ({"number": "1" * 5000}, {"email": "nope"}, {"phone": "call me"}, {"state": "x"}):
        with pytest.raises(ValueError):
            MemberIn.model_validate({"display_name": "A", "home_space": "werben", **bad})


# -- property: any list of valid members, written as a spreadsheet would, reads back --------

_name_chars = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp", "Co", "Cn"))
names = st.text(_name_chars, min_size=1, max_size=30).map(lambda s: " ".join(s.split())).filter(bool)
member_rows = st.lists(
    st.tuples(st.integers(1, 32**5 - 1), names, st.sampled_from(["stendal", "Gardelegen", "WERBEN"])),
    min_size=1,
    max_size=15,
    unique_by=lambda r: r[0],
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=40, deadline=None)
@given(
    rows=member_rows,
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig"]),
)
def test_csv_written_by_a_spreadsheet_reads_back(
    spaces: Database, rows: list[tuple[int, str, str]], delimiter: str, encoding: str
) -> None:
    import csv

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["Mitgliedsnummer", "Name", "Space"])
    writer.writerows(rows)
    plan = plan_for(spaces, buffer.getvalue().encode(encoding))
    assert not plan.refused, [str(r) for r in plan.refused]
    assert [(m.number, m.member.display_name, m.member.home_space) for m in plan.members] == [
        (n, name, space.lower()) for n, name, space in rows
    ]
