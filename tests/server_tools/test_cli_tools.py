"""The add-on commands through the real `coworking-netserver` parser, on a real SQLite file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from netserver.cli import main
from netserver.db import Database, Event, Member

SAMPLES = Path(__file__).resolve().parents[2] / "docs" / "samples"


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'data' / 'network.db'}"


def run(url: str, *argv: str) -> int:
    return main(["--database-url", url, *argv])


@pytest.fixture
def seeded(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    out = tmp_path / "demo.json"
    assert run(url, "demo-seed", "--space", "werben", "--out", str(out), "--today", "2026-11-22") == 0
    capsys.readouterr()
    data: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return data


def test_demo_seed_prints_and_writes_the_samples(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "demo.json"
    cards = tmp_path / "cards"
    assert run(url, "demo-seed", "--out", str(out), "--cards", str(cards)) == 0
    printed = capsys.readouterr().out
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["space"]["slug"] == "stendal"
    assert data["enrollment_code"].startswith("CWE1") and data["enrollment_code"] in printed
    for sample in data["samples"].values():
        assert sample["text"] in printed
    assert "111111" in printed  # Stendal's demo PIN
    assert len(list(cards.glob("pass-*.png"))) == 5 and len(list(cards.glob("passes-*.pdf"))) == 1


def test_demo_seed_twice_is_refused(
    url: str, seeded: dict[str, object], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(url, "demo-seed") == 2
    assert "already holds a network" in capsys.readouterr().err


def test_member_import(url: str, seeded: dict[str, object], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(url, "member", "import", str(SAMPLES / "members.csv")) == 0
    assert "7 member(s) added" in capsys.readouterr().out
    assert run(url, "member", "import", str(SAMPLES / "members-excel-de.csv")) == 0
    assert "3 member(s) added" in capsys.readouterr().out
    with Database(url).read() as session:
        anke = session.get(Member, 10109)
        assert anke is not None and anke.display_name == "Anke, die Zweite" and anke.state == "paused"


def test_member_import_errors(
    url: str, seeded: dict[str, object], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "number;display_name;home_space\n20001;Neu N.;werben\n20002;Mond M.;mond\n", encoding="utf-8"
    )
    assert run(url, "member", "import", str(bad)) == 2
    err = capsys.readouterr().err
    assert "line 3, column 3 (home_space): unknown space 'mond'" in err and "nothing imported" in err
    assert "Traceback" not in err
    with Database(url).read() as session:
        assert session.get(Member, 20001) is None
    assert run(url, "member", "import", str(tmp_path / "missing.csv")) == 2
    assert "cannot read" in capsys.readouterr().err


def test_a_5000_digit_member_number_is_a_clear_refusal(
    url: str, seeded: dict[str, object], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 13: int() refuses more than 4300 digits, which used to end in a traceback."""
    bad = tmp_path / "huge.csv"
    bad.write_text(f"number,display_name,home_space\n{'7' * 5000},Neu N.,werben\n", encoding="utf-8")
    assert run(url, "member", "import", str(bad)) == 2
    err = capsys.readouterr().err
    assert "line 2, column 1 (number): a member number of 5000 digits is out of range" in err
    assert len(err) < 1000  # the number is not echoed back


def test_member_import_dry_run_writes_nothing(
    url: str, seeded: dict[str, object], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listing = tmp_path / "liste.csv"
    listing.write_bytes(
        "Mitgliedsnummer;Vorname;Nachname;Space;Tarif;Status\r\n"
        "20001;Jürgen;Groß;Werben;Flex;aktiv\r\n"
        "10001;Anna;Krause;Seehausen;;\r\n"
        "20003;Lena;Schulz;Mond;;\r\n".encode("cp1252")
    )
    assert run(url, "member", "import", str(listing), "--dry-run") == 0
    printed = capsys.readouterr().out
    assert "CSV, Windows-1252, semicolon-separated" in printed
    assert "would add 1, change 1, leave 0 unchanged; 1 refused" in printed
    assert "line 2: add 20001 Jürgen G. (werben, flex, active)" in printed
    assert "line 3: change 10001: display_name Anna K. -> Anna K.; " not in printed
    assert "line 3: change 10001: home_space" in printed
    assert "refused line 4, column 4 (Space): unknown space 'Mond'" in printed
    with Database(url).read() as session:
        assert session.get(Member, 20001) is None
    assert run(url, "member", "import", str(listing)) == 2  # the refusal: nothing imported
    assert "nothing imported" in capsys.readouterr().err
    with Database(url).read() as session:
        assert session.get(Member, 20001) is None


def test_event_import(
    url: str, seeded: dict[str, object], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(url, "event", "import", str(SAMPLES / "events.ics")) == 0
    first = capsys.readouterr().out
    assert "event(s) added" in first
    assert run(url, "event", "import", str(SAMPLES / "events.ics")) == 0
    assert " 0 event(s) added, 0 updated" in capsys.readouterr().out
    with Database(url).read() as session:
        werben = session.scalar(
            select(Event).where(Event.source_uid == "stammtisch-2026-werben@coworking-altmark.example")
        )
        assert werben is not None and werben.space_id == 7  # from LOCATION "Kulturhaus Werben"
    broken = tmp_path / "broken.ics"
    broken.write_bytes(b"this is no calendar")
    assert run(url, "event", "import", str(broken)) == 2
    assert "not a readable iCalendar file" in capsys.readouterr().err


def test_report(
    url: str, seeded: dict[str, object], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(url, "report", "2026-13") == 2
    assert "bad month '2026-13'" in capsys.readouterr().err
    target = tmp_path / "report.csv"
    assert run(url, "report", "2026-11", "--out", str(target)) == 0
    assert f"wrote {target}" in capsys.readouterr().out
    table = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    total = [r for r in table if r["section"] == "guest_days" and r["host_space"] == r["home_space"] == "*"]
    assert int(total[0]["count"]) >= 1  # at least the sample guest's used day
    assert run(url, "report", "2026-11") == 0
    assert capsys.readouterr().out.startswith("month,section,host_space,home_space,reason,count")


def test_commands_on_an_uninitialised_database(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(url, "report", "2026-11") == 2
    assert "Traceback" not in capsys.readouterr().err


def test_nextcloud_calendar_with_a_broken_event_and_html(
    url: str, seeded: dict[str, object], capsys: pytest.CaptureFixture[str]
) -> None:
    sample = str(SAMPLES / "nextcloud-export.ics")
    assert run(url, "event", "import", sample, "--strict") == 2  # --strict refuses the file
    assert "Lesung im Coworking" in capsys.readouterr().err
    with Database(url).read() as session:
        assert session.scalar(select(Event).where(Event.source_uid.contains("cloud.coworking"))) is None
    assert run(url, "event", "import", sample) == 0
    printed = capsys.readouterr().out
    assert "1 left out" in printed
    assert (
        "left out: event 'Lesung im Coworking (kaputt exportiert)' (UID 9b2e-kaputt@cloud.coworking-"
        "altmark.example): DTSTART '2026-11-20 19:00' is not a valid date or time"
    ) in printed
    with Database(url).read() as session:
        rows = list(session.scalars(select(Event).where(Event.source_uid.contains("cloud.coworking"))))
    placed = {(r.title, r.space_id) for r in rows}
    assert placed == {("Gründertreff Altmark", 7), ("Repair-Café", 4), ("Tag der offenen Tür", 5)}
    treff = next(r for r in rows if r.title == "Gründertreff Altmark")
    assert treff.description == (
        "Einmal im Monat: Gründerinnen und Gründer der Altmark tauschen sich aus.\n\n"
        "Anmeldung bitte über unsere Seite (https://coworking-altmark.example/gruendertreff?ref=cal&src=nc)."
    )
    assert all("<" not in r.description and "alert" not in r.description for r in rows)


def test_report_xlsx_excel_de_and_exports(
    url: str, seeded: dict[str, object], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "abrechnung.xlsx"
    assert run(url, "report", "2026-11", "--format", "xlsx") == 2
    assert "--out" in capsys.readouterr().err
    assert run(url, "report", "2026-11", "--format", "xlsx", "--out", str(target)) == 0
    book = load_workbook(target, read_only=True)
    matrix = [list(r) for r in book["Gasttage"].iter_rows(values_only=True)]
    header = matrix[3]
    assert header[0] == "Gastgeber \\ Heimat" and "Tangermünde" in header and header[-1] == "Summe"
    total = next(r for r in matrix[4:] if r[0] == "Summe")
    assert total[-1] >= 1  # the sample guest's used day
    german = tmp_path / "abrechnung.csv"
    assert run(url, "report", "2026-11", "--excel-de", "--out", str(german)) == 0
    raw = german.read_bytes()
    header = "month;section;host_space;home_space;reason;count;host_name;home_name\r\n"
    assert raw.startswith(("\ufeff" + header).encode())
    assert ";tangermuende;" in raw.decode("utf-8-sig") and ";Tangermünde" in raw.decode("utf-8-sig")

    exported = tmp_path / "mitglieder.xlsx"
    assert run(url, "member", "export", "--format", "xlsx", "--out", str(exported)) == 0
    capsys.readouterr()
    assert run(url, "member", "import", str(exported)) == 0  # the export reads back, unchanged
    assert "0 member(s) added, 0 updated, 40 unchanged" in capsys.readouterr().out
    assert run(url, "member", "export", "--excel-de", "--space", "werben") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "number;display_name;home_space;plan;state;email;phone"
    assert all(";werben;" in line for line in lines[1:]) and len(lines) > 1
    assert run(url, "audit", "export", "--from", "2026-01-01", "--to", "2026-12-31") == 0
    assert capsys.readouterr().out.startswith("at,actor,space,staff_id,action,detail")


def test_german_excel_sample_imports(
    url: str, seeded: dict[str, object], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(url, "member", "import", str(SAMPLES / "mitglieder-excel-de.csv")) == 0
    printed = capsys.readouterr().out
    assert "5 member(s) added" in printed and "Windows-1252" in printed and "Bemerkung" in printed
    with Database(url).read() as session:
        aenne = session.get(Member, 10202)
        assert aenne is not None and aenne.display_name == "Änne H." and aenne.plan_code == "basis"
        zoe = session.get(Member, 10203)
        assert zoe is not None and zoe.state == "paused" and zoe.plan_code == "standard"


def test_the_documented_header_names_are_the_ones_read() -> None:
    from netserver.importers.member_columns import ALIASES

    doc = (SAMPLES.parent / "server-cli.md").read_text(encoding="utf-8")
    for field, aliases in ALIASES.items():
        row = f"| `{field}` | " + ", ".join(f"`{a}`" for a in aliases) + " |"
        assert row in doc, f"docs/server-cli.md: the header names of {field} differ from ALIASES"
