"""Members CSV: parse (pure) and import (real SQLite file, real migrations)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from kiosk.core.models import MemberState
from netserver.db import Database, Member
from netserver.importers.members_csv import (
    MemberImportError,
    MemberRow,
    apply_members,
    import_members,
    parse_members_csv,
    write_members_csv,
)

SPACES = {"stendal", "gardelegen", "werben"}
GOOD = (
    "number,display_name,home_space,plan,state,email,phone\n"
    "10001,Anna K.,stendal,basis,active,anna@example.org,+49 3931 123456\n"
    '10002,"Müller, Jürgen",gardelegen,flex,,,\n'
    "\n"
    "10003,Lena S.,werben,,paused,,\n"
)


def members(db: Database) -> dict[int, Member]:
    with db.read() as session:
        return {m.number: m for m in session.scalars(select(Member))}


def test_parse_comma_separated() -> None:
    parsed = parse_members_csv(GOOD.encode(), spaces=SPACES, plans={"basis", "flex"})
    assert parsed.ok, parsed.errors
    assert [r.number for r in parsed.rows] == [10001, 10002, 10003]
    assert parsed.rows[1].display_name == "Müller, Jürgen"
    assert parsed.rows[1].plan == "flex" and parsed.rows[1].state is MemberState.ACTIVE
    assert parsed.rows[2].line == 5 and parsed.rows[2].state is MemberState.PAUSED
    assert parsed.rows[0].email == "anna@example.org" and parsed.rows[0].phone == "+49 3931 123456"


def test_parse_semicolon_with_bom_as_german_excel_writes_it() -> None:
    text = (
        "Number;Display_Name;Home_Space;State\r\n"
        "10001;Anna K.;Stendal;aktiv\r\n"
        "10002;Jürgen, W.;werben;beendet\r\n"
    )
    parsed = parse_members_csv(text.encode("utf-8-sig"), spaces=SPACES)
    assert parsed.ok, parsed.errors
    assert [(r.number, r.display_name, r.home_space, r.state) for r in parsed.rows] == [
        (10001, "Anna K.", "stendal", MemberState.ACTIVE),
        (10002, "Jürgen, W.", "werben", MemberState.ENDED),
    ]


def test_parse_reports_every_error_with_its_line() -> None:
    text = (
        "number;display_name;home_space;state\n"
        "10001;Anna K.;stendal;active\n"
        "10002;Jonas M.;berlin;active\n"  # line 3: unknown space
        "10001;Anna again;stendal;active\n"  # line 4: duplicate
        "10004;Lena S.;werben;vielleicht\n"  # line 5: bad state
        "abc;Paul W.;werben;active\n"  # line 6: bad number
        "10006;;werben;active\n"  # line 7: no name
        "10007;Marie B.;werben\n"  # line 8: a field short
    )
    parsed = parse_members_csv(text.encode(), spaces=SPACES)
    assert not parsed.ok and not parsed.rows
    by_line = {e.line: e.message for e in parsed.errors}
    assert sorted(by_line) == [3, 4, 5, 6, 7, 8]
    assert "unknown space 'berlin'" in by_line[3]
    assert "already on line 2" in by_line[4]
    assert "bad state 'vielleicht'" in by_line[5]
    assert "not a whole number" in by_line[6]
    assert "display_name is empty" in by_line[7]
    assert "expected 4 fields, found 3" in by_line[8]
    assert str(parsed.errors[0]).startswith("line 3: ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("number,display_name\n1,A\n", "missing column(s): home_space"),
        ("number,name,home_space\n1,A,stendal\n", "unknown column(s) 'name'"),
        ("number,display_name,home_space\n", "no members"),
        ("", "empty"),
        ("number,display_name,home_space,plan\n1,A,stendal,gold\n", "unknown plan 'gold'"),
        ("number,display_name,home_space,email\n1,A,stendal,not-an-address\n", "not an e-mail address"),
        ("number,display_name,home_space\n99999999,A,stendal\n", "out of range"),
    ],
)
def test_parse_file_level_errors(text: str, expected: str) -> None:
    parsed = parse_members_csv(text.encode(), spaces=SPACES, plans={"basis"})
    assert not parsed.ok
    assert any(expected in e.message for e in parsed.errors), parsed.errors


def test_parse_rejects_a_non_utf8_file_with_a_hint() -> None:
    data = "number;display_name;home_space\n1;Jürgen;stendal\n".encode("cp1252")
    parsed = parse_members_csv(data, spaces=SPACES)
    assert [e.line for e in parsed.errors] == [2]
    assert "UTF-8" in parsed.errors[0].message


def test_import_creates_members(network: Database) -> None:
    with network.write() as session:
        summary = import_members(session, GOOD.encode())
    assert (summary.created, summary.updated, summary.unchanged) == (3, 0, 0)
    rows = members(network)
    assert rows[10002].display_name == "Müller, Jürgen" and rows[10002].plan_code == "flex"
    assert rows[10003].state == "paused" and rows[10003].plan_code == "standard"  # the default plan
    assert rows[10001].home_space_id == 1 and rows[10001].email == "anna@example.org"
    assert rows[10001].pass_serial == 0  # passes are issued separately


def test_import_with_one_bad_line_writes_nothing(network: Database) -> None:
    bad = GOOD + "10004,Paul W.,nowhere,,,,\n"
    with pytest.raises(MemberImportError) as caught, network.write() as session:
        import_members(session, bad.encode())
    assert [e.line for e in caught.value.errors] == [6]
    assert members(network) == {}


def test_a_failure_while_applying_rolls_everything_back(network: Database) -> None:
    # Parsed without the plan list, so the unknown plan on the last line is found only when
    # the member services apply it: after two members were already added in the transaction.
    text = GOOD.replace("10003,Lena S.,werben,,", "10003,Lena S.,werben,gold,")
    parsed = parse_members_csv(text.encode(), spaces=SPACES)
    assert parsed.ok
    with pytest.raises(MemberImportError) as caught, network.write() as session:
        apply_members(session, parsed)
    assert caught.value.errors[0].line == 5 and "gold" in caught.value.errors[0].message
    with network.read() as session:
        assert session.scalar(select(func.count()).select_from(Member)) == 0


def test_reimport_updates_by_number(network: Database) -> None:
    with network.write() as session:
        import_members(session, GOOD.encode())
    again = (
        "number;display_name;home_space;state\n"
        "10001;Anna Krause;werben;ended\n"
        "10002;Müller, Jürgen;gardelegen;active\n"
    )
    with network.write() as session:
        summary = import_members(session, again.encode("utf-8-sig"))
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 1)
    rows = members(network)
    assert rows[10001].display_name == "Anna Krause" and rows[10001].home_space_id == 3
    assert rows[10001].state == "ended"
    assert rows[10001].email == "anna@example.org"  # no email column: left alone
    assert rows[10001].plan_code == "basis"  # no plan column: left alone
    assert len(rows) == 3


def test_reimport_with_an_empty_email_clears_it(network: Database) -> None:
    with network.write() as session:
        import_members(session, GOOD.encode())
    with network.write() as session:
        import_members(session, b"number,display_name,home_space,email\n10001,Anna K.,stendal,\n")
    assert members(network)[10001].email is None


# -- property: what write_members_csv writes, parse_members_csv reads back --------------------

_name_chars = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp", "Co", "Cn"))
names = (
    st.text(_name_chars, min_size=1, max_size=40)
    .map(lambda s: " ".join(s.split()))
    .filter(lambda s: 0 < len(s) <= 200 and not s.startswith("\ufeff"))
)
_local = st.text(st.sampled_from("abcxyz019._+-"), min_size=1, max_size=12)
_domain = st.text(st.sampled_from("abcxyz019-"), min_size=1, max_size=10)
_tld = st.sampled_from(["de", "org", "com"])
emails = st.one_of(st.none(), st.builds("{}@{}.{}".format, _local, _domain, _tld))
_digits = st.text(st.sampled_from("0123456789"), min_size=1, max_size=6)
_sep = st.sampled_from(["", "-", "/", " "])
phones = st.one_of(
    st.none(), st.builds("{}{} {}{}{}".format, st.sampled_from(["", "+"]), _digits, _digits, _sep, _digits)
)
rows = st.lists(
    st.builds(
        MemberRow,
        line=st.just(0),
        number=st.integers(1, 32**5 - 1),
        display_name=names,
        home_space=st.sampled_from(sorted(SPACES)),
        plan=st.sampled_from([None, "basis", "flex"]),
        state=st.sampled_from(list(MemberState)),
        email=emails,
        phone=phones,
    ),
    min_size=1,
    max_size=20,
    unique_by=lambda r: r.number,
)


@given(rows=rows, delimiter=st.sampled_from([",", ";"]), bom=st.booleans())
def test_csv_round_trip(rows: list[MemberRow], delimiter: str, bom: bool) -> None:
    parsed = parse_members_csv(write_members_csv(rows, delimiter=delimiter, bom=bom), spaces=SPACES)
    assert parsed.ok, parsed.errors
    strip = [(r.number, r.display_name, r.home_space, r.plan, r.state, r.email, r.phone) for r in rows]
    assert [
        (r.number, r.display_name, r.home_space, r.plan, r.state, r.email, r.phone) for r in parsed.rows
    ] == strip


def test_excel_sep_hint_and_empty_cells_right_of_the_table() -> None:
    text = (
        "sep=;\r\n"
        "number;display_name;home_space;;\r\n"
        "10001;Anna K.;stendal;;\r\n"
        "10002;Jonas M.;werben;x;\r\n"  # line 4: something right of the table
    )
    parsed = parse_members_csv(text.encode("utf-8-sig"), spaces=SPACES)
    assert [(e.line, e.message.split(" (")[0]) for e in parsed.errors] == [(4, "expected 3 fields, found 5")]
    parsed = parse_members_csv(text.replace(";x;", ";;").encode(), spaces=SPACES)
    assert parsed.ok and [r.number for r in parsed.rows] == [10001, 10002]
    assert [e.line for e in parse_members_csv(b"sep=;\nnumber;nme;home_space\n", spaces=SPACES).errors] == [
        2,
        2,
    ]
    assert not parse_members_csv(b"sep=;\n", spaces=SPACES).ok
