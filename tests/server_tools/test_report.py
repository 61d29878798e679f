"""The monthly report on a small seeded month: host x home, overshoots, overrides, denials."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from itertools import count

import pytest
from openpyxl import load_workbook

from kiosk.core.calendar import NetworkCalendar
from netserver.db import Checkin, Database
from netserver.services.members import add_member
from netserver.services.report import (
    COLUMNS,
    build_report,
    parse_month,
    report_csv,
    space_names,
    write_report_csv,
)
from netserver.services.report_xlsx import report_xlsx
from netserver.services.table_files import write_csv

BERLIN = NetworkCalendar("Europe/Berlin")
_nonces = count(1)


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN.tz).astimezone(UTC)


def checkin(
    at: datetime,
    space_id: int,
    member: int | None,
    reason: str,
    *,
    admitted: bool = True,
    counted: bool = False,
    annulled: bool = False,
) -> Checkin:
    return Checkin(
        nonce=f"{next(_nonces):032x}",
        member_number=member,
        space_id=space_id,
        occurred_at=at,
        day=BERLIN.local_date(at),
        reason=reason,
        admitted=admitted,
        counted=counted,
        method="override" if reason == "staff_override" else "scan",
        received_at=at,
        annulled_at=at if annulled else None,
    )


@pytest.fixture
def month(network: Database) -> Database:
    with network.write() as session:
        add_member(session, number=10001, display_name="Anna K.", home_space="stendal", plan="basis")
        add_member(session, number=10002, display_name="Jonas M.", home_space="gardelegen", plan="flex")
        session.add_all(
            [
                checkin(local("2026-11-03T09:00"), 2, 10001, "guest_day", counted=True),
                checkin(local("2026-11-03T14:00"), 2, 10001, "already_today"),
                checkin(
                    local("2026-11-10T09:00"), 3, 10001, "guest_day", counted=True
                ),  # offline: over quota
                checkin(local("2026-11-12T09:00"), 1, 10001, "home_member"),
                checkin(local("2026-11-15T09:00"), 3, 10001, "staff_override"),
                checkin(local("2026-11-20T09:00"), 2, 10001, "guest_days_used", admitted=False),
                # 23:30 UTC on 31 Oct is 00:30 on 1 Nov in Berlin: November.
                checkin(datetime(2026, 10, 31, 23, 30, tzinfo=UTC), 1, 10002, "guest_day", counted=True),
                checkin(local("2026-11-05T09:00"), 1, 10002, "guest_day", counted=True),
                # 23:30 UTC on 30 Nov is 1 Dec in Berlin: December.
                checkin(datetime(2026, 11, 30, 23, 30, tzinfo=UTC), 3, 10002, "guest_day", counted=True),
                checkin(local("2026-11-07T09:00"), 3, 10002, "guest_day", counted=True, annulled=True),
                checkin(local("2026-11-08T09:00"), 1, None, "unknown_pass", admitted=False),
                checkin(local("2026-11-09T09:00"), 1, None, "unknown_pass", admitted=False),
                checkin(local("2026-11-09T10:00"), 3, None, "staff_override"),
                checkin(local("2026-10-15T10:00"), 3, 10002, "guest_day", counted=True),  # October
                # two walk-in visitors with a day pass at Werben, one at Stendal (one annulled)
                checkin(local("2026-11-11T09:00"), 3, None, "day_pass"),
                checkin(local("2026-11-12T09:00"), 3, None, "day_pass"),
                checkin(local("2026-11-13T09:00"), 1, None, "day_pass"),
                checkin(local("2026-11-14T09:00"), 1, None, "day_pass", annulled=True),
            ]
        )
    return network


def test_report_numbers(month: Database) -> None:
    with month.read() as session:
        rows = build_report(session, 2026, 11)
    got = {(r.section, r.host_space, r.home_space, r.reason): r.count for r in rows}
    assert got == {
        ("guest_days", "gardelegen", "stendal", ""): 1,
        ("guest_days", "werben", "stendal", ""): 1,
        ("guest_days", "stendal", "gardelegen", ""): 2,
        ("guest_days", "gardelegen", "*", ""): 1,
        ("guest_days", "stendal", "*", ""): 2,
        ("guest_days", "werben", "*", ""): 1,
        ("guest_days", "*", "gardelegen", ""): 2,
        ("guest_days", "*", "stendal", ""): 2,
        ("guest_days", "*", "*", ""): 4,
        ("overshoot_days", "werben", "stendal", ""): 1,
        ("overshoot_days", "werben", "*", ""): 1,
        ("overshoot_days", "*", "stendal", ""): 1,
        ("overshoot_days", "*", "*", ""): 1,
        ("overrides", "werben", "stendal", ""): 1,
        ("overrides", "werben", "-", ""): 1,
        ("overrides", "werben", "*", ""): 2,
        ("overrides", "*", "stendal", ""): 1,
        ("overrides", "*", "-", ""): 1,
        ("overrides", "*", "*", ""): 2,
        ("day_passes", "stendal", "-", ""): 1,
        ("day_passes", "werben", "-", ""): 2,
        ("day_passes", "stendal", "*", ""): 1,
        ("day_passes", "werben", "*", ""): 2,
        ("day_passes", "*", "-", ""): 3,
        ("day_passes", "*", "*", ""): 3,
        ("denials", "gardelegen", "*", "guest_days_used"): 1,
        ("denials", "stendal", "*", "unknown_pass"): 2,
        ("denials", "gardelegen", "*", "*"): 1,
        ("denials", "stendal", "*", "*"): 2,
        ("denials", "*", "*", "guest_days_used"): 1,
        ("denials", "*", "*", "unknown_pass"): 2,
        ("denials", "*", "*", "*"): 3,
    }


def test_report_csv_and_an_empty_month(month: Database) -> None:
    with month.read() as session:
        rows = build_report(session, 2027, 1)
    buffer = io.StringIO()
    write_report_csv(rows, buffer, year=2027, month=1)
    table = list(csv.reader(io.StringIO(buffer.getvalue())))
    assert table[0] == list(COLUMNS)
    assert COLUMNS[6:] == ("host_name", "home_name")
    assert [r[:6] for r in table[1:]] == [
        ["2027-01", "guest_days", "*", "*", "", "0"],
        ["2027-01", "overshoot_days", "*", "*", "", "0"],
        ["2027-01", "overrides", "*", "*", "", "0"],
        ["2027-01", "day_passes", "*", "*", "", "0"],
        ["2027-01", "denials", "*", "*", "*", "0"],
    ]


def test_report_csv_dialects(month: Database) -> None:
    with month.read() as session:
        rows = build_report(session, 2026, 11)
        names = space_names(session)
    rfc = report_csv(rows, year=2026, month=11, names=names)
    assert not rfc.startswith(b"\xef\xbb\xbf") and b"\r\n" in rfc and b";" not in rfc
    parsed = list(csv.DictReader(io.StringIO(rfc.decode("utf-8"), newline="")))
    cell = next(r for r in parsed if r["section"] == "guest_days" and r["host_space"] == "werben")
    assert (cell["home_space"], cell["host_name"], cell["home_name"], cell["count"]) == (
        "stendal", "Werben", "Stendal", "1"
    )  # fmt: skip
    excel = report_csv(rows, year=2026, month=11, names=names, dialect="excel-de")
    assert excel.startswith("\ufeff".encode()) and excel.count(b"\r\n") == len(parsed) + 1
    dialect = csv.Sniffer().sniff(excel.decode("utf-8-sig").splitlines()[0], delimiters=";,")
    assert dialect.delimiter == ";"
    german = list(csv.DictReader(io.StringIO(excel.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert [list(r.values()) for r in german] == [list(r.values()) for r in parsed]
    # decimal comma and formula cells, as German Excel needs them
    sample = write_csv(["a", "b", "c"], [[1.5, "=HYPERLINK(1)", "+49 3931 1"]], "excel-de").decode(
        "utf-8-sig"
    )
    assert sample.splitlines()[1] == "1,50;'=HYPERLINK(1);'+49 3931 1"
    assert write_csv(["a"], [[1.5]]).decode().splitlines()[1] == "1.50"


def test_report_xlsx_reads_back(month: Database) -> None:
    with month.read() as session:
        rows = build_report(session, 2026, 11)
        names = space_names(session)
    data = report_xlsx(rows, year=2026, month=11, names=names, network="Test-Netz")
    book = load_workbook(io.BytesIO(data), read_only=True)
    assert book.sheetnames == ["Gasttage", "Details"]
    matrix = [list(r) for r in book["Gasttage"].iter_rows(values_only=True)]
    assert matrix[0][0] == "Gasttage November 2026 – Test-Netz"
    header = matrix[3]
    assert header == ["Gastgeber \\ Heimat", "Gardelegen", "Stendal", "Werben", "Summe"]
    by_host = {r[0]: r[1:] for r in matrix[4:8]}
    assert by_host["Gardelegen"] == (0, 1, 0, 1) or by_host["Gardelegen"] == [0, 1, 0, 1]
    assert list(by_host["Stendal"]) == [2, 0, 0, 2]
    assert list(by_host["Werben"]) == [0, 1, 0, 1]
    assert list(by_host["Summe"]) == [2, 2, 0, 4]
    passes = matrix[matrix.index(["Tagespässe (Besuche mit Tagespass)", None, None, None, None]) + 1 :]
    assert [r[:2] for r in passes[:4]] == [["Gardelegen", 0], ["Stendal", 1], ["Werben", 2], ["Summe", 3]]
    details = [list(r) for r in book["Details"].iter_rows(values_only=True)]
    assert details[0] == ["Monat", "Bereich", "Gastgeber-Space", "Heimat-Space", "Grund", "Anzahl"]
    assert ["2026-11", "Tagespässe", "Werben", "(kein Mitglied)", None, 2] in details
    assert ["2026-11", "Gasttage", "Summe", "Summe", None, 4] in details
    assert len(details) == len(rows) + 1
    english = load_workbook(
        io.BytesIO(report_xlsx(rows, year=2026, month=11, names=names, network="N", lang="en"))
    )
    assert english.sheetnames == ["Guest days", "Details"]


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "26-11", "2026/11", "november", ""])
def test_bad_months(text: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM"):
        parse_month(text)


def test_good_month() -> None:
    assert parse_month(" 2026-11 ") == (2026, 11)
