"""Import benchmark: member lists (CSV as German Excel saves it, and XLSX) read, previewed and
committed into a fresh SQLite file; calendars parsed in-process and in the bounded child.

Run: python -m bench.imports [--members 10000]
Prints its figures; docs quote only what this prints. Side by side: the plain csv module
reading the same CSV bytes (the floor for any CSV import).
"""

from __future__ import annotations

import argparse
import csv
import io
import platform
import tempfile
import time
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from netserver.db import Database
from netserver.db.migrate import upgrade
from netserver.importers.ical_parse import default_window, parse_ics
from netserver.importers.ical_worker import parse_ics_bounded
from netserver.services.member_import import commit, preview, read_member_file
from netserver.services.network import init_network
from netserver.services.spaces import add_plan, add_space

SPACES = ["Stendal Altstadt", "Gardelegen", "Osterburg", "Salzwedel", "Tangermünde", "Seehausen", "Werben"]
FIRST = ["Anna", "Jürgen", "Łukasz", "Ayşe", "Zoë", "Björn", "Änne", "Frauke"]
LAST = ["Krause", "Groß", "Żak", "Ğül", "Weiß", "von der Heide", "Schäfer", "Müller-Lüdenscheidt"]


def rows(count: int) -> list[list[object]]:
    return [
        [10001 + i, FIRST[i % 8], LAST[(i // 8) % 8], SPACES[i % 7], "Flex" if i % 3 else "basis", "aktiv"]
        for i in range(count)
    ]


HEADER = ["Mitgliedsnummer", "Vorname", "Nachname", "Space", "Tarif", "Status"]


def as_csv(data: list[list[object]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(data)
    return buffer.getvalue().encode("cp1252", errors="replace")


def as_xlsx(data: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in data:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def fresh_db(directory: Path) -> Database:
    url = f"sqlite:///{directory / 'network.db'}"
    upgrade(url)
    db = Database(url)
    with db.write() as session:
        init_network(session, name="Bench", timezone="Europe/Berlin", default_guest_days=1)
        for n, name in enumerate(SPACES, 1):
            add_space(session, slug=f"s{n}", name=name, space_id=n)
        add_plan(session, code="flex", name="Flex", guest_days_per_month=3)
        add_plan(session, code="basis", name="Basis", guest_days_per_month=1)
    return db


def timed(label: str, fn):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = fn()
    print(f"  {label:<44} {time.perf_counter() - started:8.3f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=10_000)
    args = parser.parse_args()
    print(
        f"bench.imports on {platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    data = rows(args.members)
    for kind, content in (("CSV (cp1252, ;)", as_csv(data)), ("XLSX", as_xlsx(data))):
        print(f"{args.members:,} members, {kind}, {len(content):,} bytes")
        if kind.startswith("CSV"):
            timed(
                "plain csv.reader (floor)",
                lambda c=content: list(csv.reader(io.StringIO(c.decode("cp1252")))),
            )
        with tempfile.TemporaryDirectory() as tmp:
            db = fresh_db(Path(tmp))
            member_file = timed("read_member_file (no database)", lambda c=content: read_member_file(c))
            with db.read() as session:
                plan = timed("preview (read transaction)", lambda s=session, f=member_file: preview(s, f))
            assert not plan.refused, plan.refused[:3]
            with db.write() as session:
                timed("commit (writing transaction)", lambda s=session, p=plan: commit(s, p))
            with db.read() as session:
                again = timed("preview again: all unchanged", lambda s=session, f=member_file: preview(s, f))
            assert again.counts()["unchanged"] == args.members
            db.dispose()
    window = default_window(date(2026, 12, 3))
    sample = (Path(__file__).resolve().parents[1] / "docs" / "samples" / "nextcloud-export.ics").read_bytes()
    minutely = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//b//EN\r\nBEGIN:VEVENT\r\nUID:m\r\nSUMMARY:M\r\n"
        b"DTSTART:19000101T000000Z\r\nRRULE:FREQ=MINUTELY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    print("calendars")
    timed("nextcloud sample, in-process", lambda: parse_ics(sample, window=window))
    timed(
        "nextcloud sample, bounded child process",
        lambda: parse_ics_bounded(sample, timezone="Europe/Berlin", window=window),
    )
    timed("FREQ=MINUTELY from 1900, refused", lambda: parse_ics(minutely, window=window))


if __name__ == "__main__":
    main()
