"""Issue 13's evidence: every malformed import gets a clear message (line and column, or the
event's UID) and leaves the database exactly as it was. Through the real command line, on a
real SQLite file holding the demo network."""

from __future__ import annotations

import io
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import text

from netserver.cli import main
from netserver.db import Database


def xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


HEAD = "Mitgliedsnummer;Name;Space;Tarif;Status;E-Mail\n"
OK_ROW = "20001;Neu N.;Werben;Flex;aktiv;neu@example.org\n"  # a good row first: nothing of it may stay
XHEAD = ["Mitgliedsnummer", "Name", "Space", "Tarif", "Status", "Telefon"]
XOK = [20001, "Neu N.", "werben", "flex", "aktiv", None]

# (file name, content, what the message must say)
MEMBER_FILES: list[tuple[str, bytes, str]] = [
    ("digits.csv", (HEAD + OK_ROW + "9" * 5000 + ";X;werben;;;\n").encode(),
     "line 3, column 1 (Mitgliedsnummer): a member number of 5000 digits is out of range"),
    ("zero.csv", (HEAD + OK_ROW + "0;X;werben;;;\n").encode(),
     "line 3, column 1 (Mitgliedsnummer): member number 0 is out of range"),
    ("space.csv", (HEAD + OK_ROW + "20002;X;Berlin;;;\n").encode(),
     "line 3, column 3 (Space): unknown space 'Berlin'"),
    ("plan.csv", (HEAD + OK_ROW + "20002;X;werben;Gold;;\n").encode("utf-16"),
     "line 3, column 4 (Tarif): unknown plan 'Gold'"),
    ("state.csv", (HEAD + OK_ROW + "20002;X;werben;;vielleicht;\n").encode("cp1252"),
     "line 3, column 5 (Status): unknown state 'vielleicht'"),
    ("mail.csv", (HEAD + OK_ROW + "20002;X;werben;;;keine\n").encode(),
     "line 3, column 6 (E-Mail): 'keine' is not an e-mail address"),
    ("twice.csv", (HEAD + OK_ROW + "20001;Y;werben;;;\n").encode(),
     "line 3, column 1 (Mitgliedsnummer): member number 20001 is already on line 2"),
    ("fields.csv", (HEAD + OK_ROW + "20002;X;werben;;;;;zu viel\n").encode(),
     "line 3, column 8: 8 fields where the header has 6"),
    ("quote.csv", (HEAD + OK_ROW + '20002;"X;werben;;;\n').encode(), "line 3: not readable as CSV"),
    ("nul.csv", (HEAD + OK_ROW + "20002;X\x00;werben;;;\n").encode(), "line 3: the file contains a NUL"),
    ("bell.csv", (HEAD + OK_ROW + "20002;X\x07;werben;;;\n").encode(),
     "line 3, column 2 (Name): must not contain a control character (U+0007)"),
    ("long.csv", (HEAD + OK_ROW + f"20002;{'x' * 300};werben;;;\n").encode(),
     "line 3, column 2 (Name): the name is longer than 200 characters"),
    ("noname.csv", (HEAD + OK_ROW + "20002;;werben;;;\n").encode(), "line 3, column 2 (Name): the name is empty"),  # noqa: E501
    ("empty.csv", b"", "the file is empty"),
    ("header.csv", HEAD.encode(), "line 1: the file has a header but no members"),
    ("columns.csv", b"Mitgliedsnummer;Name\n1;X\n", "line 1: missing column(s): home_space"),
    ("double.csv", b"Nr;Name;Anzeigename;Space\n1;X;X;werben\n", "line 1: columns 2 ('Name') and 3"),
    ("noheader.csv", b"Anna;Stendal\nJonas;Werben\n", "line 1: no header row found"),
    ("xls.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "old Excel file (.xls)"),
    ("zip.xlsx", b"PK\x03\x04" + b"\x00" * 100, "cannot be opened"),
    ("text-number.xlsx", xlsx([XHEAD, XOK, ["abc", "X", "werben", None, None, None]]),
     "line 3, column A (Mitgliedsnummer): 'abc' is not a whole number"),
    ("fraction.xlsx", xlsx([XHEAD, XOK, [20002.5, "X", "werben", None, None, None]]),
     "line 3, column A (Mitgliedsnummer): 20002.5 is not a whole number"),
    ("space.xlsx", xlsx([XHEAD, XOK, [20002, "X", "Mars", None, None, None]]),
     "line 3, column C (Space): unknown space 'Mars'"),
    ("phone.xlsx", xlsx([XHEAD, XOK, [20002, "X", "werben", None, None, "ruf an"]]),
     "line 3, column F (Telefon): 'ruf an' is not a phone number"),
]  # fmt: skip


def ics(*events: str, tail: str = "END:VCALENDAR\r\n") -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n"
    return (head + body.replace("\n", "\r\n").replace("\r\r\n", "\r\n") + tail).encode()


GOOD = "UID:good@t\nSUMMARY:Gut\nDTSTART:20270105T180000Z\nX-SPACE:werben"
CALENDARS: list[tuple[str, bytes, str]] = [
    ("hello.ics", b"hello", "not a readable iCalendar file"),
    ("binary.ics", bytes(range(256)) * 4, "not a readable iCalendar file"),
    ("utf16.ics", b"\xff\xfe\x00", "not a readable iCalendar file"),
    ("nul.ics", ics(GOOD).replace(b"Gut", b"G\x00ut"), "NUL character"),
    ("start.ics", ics(GOOD, "UID:bad@t\nSUMMARY:Kaputt\nDTSTART:20261301T100000Z\nX-SPACE:werben"),
     "event 'Kaputt' (UID bad@t): DTSTART '20261301T100000Z' is not a valid date or time"),
    ("nostart.ics", ics(GOOD, "UID:bad@t\nSUMMARY:Ohne\nX-SPACE:werben"),
     "event 'Ohne' (UID bad@t): it has no start (DTSTART)"),
    ("minutely.ics", ics(GOOD, "UID:min@t\nSUMMARY:Minute\nDTSTART:19000101T000000Z\nRRULE:FREQ=MINUTELY"),
     "event 'Minute' (UID min@t): it repeats minutely"),
    ("backwards.ics", ics(GOOD, "UID:b@t\nSUMMARY:Rückwärts\nDTSTART:20270105T180000Z\nDTEND:20270105T170000Z"),  # noqa: E501
     "event 'Rückwärts' (UID b@t): it ends before it starts"),
    ("freq.ics", ics(GOOD, "UID:f@t\nSUMMARY:Regel\nDTSTART:20270105T180000Z\nRRULE:FREQ=SOMETIMES"),
     "(UID f@t): "),
    ("feb30.ics", ics(GOOD, "UID:n@t\nSUMMARY:Nie\nDTSTART:20270105T180000Z\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"),  # noqa: E501
     "event 'Nie' (UID n@t): its rule never produces a date"),
    ("space.ics", ics(GOOD, "UID:s@t\nSUMMARY:Wo\nDTSTART:20270105T180000Z\nX-SPACE:atlantis"),
     "event 'Wo' (UID s@t) on 2027-01-05 18:00 UTC: X-SPACE 'atlantis' is not a space"),
]  # fmt: skip


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seed") / "network.db"
    assert main(["--database-url", f"sqlite:///{path}", "demo-seed", "--today", "2026-11-22"]) == 0
    with sqlite3.connect(path) as conn:  # everything into the main file, so that a copy has it
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def url(seeded: Path, tmp_path: Path) -> str:
    copy = tmp_path / "network.db"
    shutil.copyfile(seeded, copy)
    return f"sqlite:///{copy}"


def snapshot(url: str) -> tuple[object, ...]:
    db = Database(url)
    try:
        with db.read() as session:
            members = session.execute(text("SELECT * FROM members ORDER BY number")).all()
            events = session.execute(text("SELECT * FROM events ORDER BY id")).all()
            counter = session.execute(text("SELECT value FROM change_counter")).scalar_one()
            audit = session.execute(text("SELECT count(*) FROM audit_log")).scalar_one()
        return (tuple(members), tuple(events), counter, audit)
    finally:
        db.dispose()


@pytest.mark.parametrize(("name", "content", "expected"), MEMBER_FILES, ids=[m[0] for m in MEMBER_FILES])
def test_malformed_member_file(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, expected: str
) -> None:
    before = snapshot(url)
    path = tmp_path / name
    path.write_bytes(content)
    code = main(["--database-url", url, "member", "import", str(path)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert expected in err, err
    assert "(known: none)" not in err  # the demo network is there
    assert "nothing imported" in err and "Traceback" not in err and len(err) < 5000
    assert snapshot(url) == before


@pytest.mark.parametrize(("name", "content", "expected"), CALENDARS, ids=[c[0] for c in CALENDARS])
def test_malformed_calendar(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, expected: str
) -> None:
    before = snapshot(url)
    path = tmp_path / name
    path.write_bytes(content)
    started = time.monotonic()
    code = main(["--database-url", url, "event", "import", str(path), "--strict"])
    err = capsys.readouterr().err
    assert time.monotonic() - started < 20
    assert code == 2, err
    assert expected in err, err
    assert "Traceback" not in err and "TypeError" not in err and len(err) < 5000
    assert snapshot(url) == before
