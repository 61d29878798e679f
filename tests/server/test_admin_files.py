"""Admin file endpoints through HTTP: CSV member import, iCalendar event import, monthly report."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import func, select

from netserver.db import Event, Member
from netserver.services.report import COLUMNS

from .conftest import World, enroll
from .test_facts import fact, upload


def admin(world: World) -> dict[str, str]:
    return {"Authorization": f"Bearer {world.admin_token}"}


def post_file(
    client: TestClient, world: World, path: str, data: bytes, media_type: str, **params: str
) -> tuple[int, dict[str, object]]:
    headers = {**admin(world), "Content-Type": media_type}
    response = client.post(f"/api/v1/admin/{path}", content=data, headers=headers, params=params)
    return response.status_code, response.json()


def member_count(world: World) -> int:
    with world.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(Member)) or 0)


def test_member_csv_import_and_reimport(world: World, client: TestClient) -> None:
    data = (
        "\ufeffnumber;display_name;home_space;state;email\n"
        "20001;Carla;werben;aktiv;carla@example.org\n"
        "20002;Dirk;tangermuende;pausiert;\n"
    ).encode()
    status, body = post_file(client, world, "members/import", data, "text/csv")
    assert (status, body) == (200, {"created": 2, "updated": 0, "unchanged": 0, "warnings": []})
    changed = data.replace(b"Dirk", b"Dirk S.")
    status, body = post_file(client, world, "members/import", changed, "text/csv; charset=utf-8")
    assert (status, body) == (200, {"created": 0, "updated": 1, "unchanged": 1, "warnings": []})
    dirk = client.get("/api/v1/admin/members/20002", headers=admin(world)).json()
    assert (dirk["display_name"], dirk["state"], dirk["home_space_id"]) == ("Dirk S.", "paused", 3)
    # curl --data-binary sends application/x-www-form-urlencoded: still the raw file
    status, body = post_file(client, world, "members/import", data, "application/x-www-form-urlencoded")
    assert (status, body) == (200, {"created": 0, "updated": 1, "unchanged": 1, "warnings": []})


def test_bad_member_csv_is_422_with_line_numbers_and_imports_nothing(
    world: World, client: TestClient
) -> None:
    before = member_count(world)
    data = b"number,display_name,home_space\n20001,Carla,werben\nabc,Dirk,werben\n20003,,nowhere\n"
    status, body = post_file(client, world, "members/import", data, "text/csv")
    assert status == 422
    error = body["error"]
    assert isinstance(error, dict) and error["code"] == "validation_error"
    lines = {d["line"] for d in error["details"]}
    assert lines == {3, 4} and all(d["message"] for d in error["details"])
    assert error["message"].startswith("nothing imported: line 3, column 1 (number): ")
    assert {d["column"] for d in error["details"]} == {"1", "2", "3"}
    assert member_count(world) == before  # all or nothing
    for bad in (b"", b"\xff\xfe\x00garbage", b"number,display_name\n1,x\n", b"a" * 100):
        status, body = post_file(client, world, "members/import", bad, "text/csv")
        assert status == 422, (bad, body)
    # a refusal by the member services (plan unknown) is a 422 with its line too
    status, body = post_file(client, world, "members/import", b"number,display_name,home_space,plan\n"
                             b"20009,Eva,werben,gold\n", "text/csv")  # fmt: skip
    assert status == 422 and body["error"]["details"][0]["line"] == 2  # type: ignore[index]
    assert member_count(world) == before
    # NUL characters: PostgreSQL refuses them in text, so the importer does (line numbered)
    nul = b"number,display_name,home_space\n20010,Fred,werben\n20011,Gi\x00na,werben\n"
    status, body = post_file(client, world, "members/import", nul, "text/csv")
    assert status == 422 and body["error"]["details"] == [  # type: ignore[index]
        {
            "line": 3,
            "column": None,
            "field": None,
            "message": "the file contains a NUL character: is it CSV text?",
        }  # noqa: E501
    ]
    assert member_count(world) == before
    assert client.post("/api/v1/admin/members/import", content=b"x").status_code == 401


def ics(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{body}END:VCALENDAR\r\n".encode()


def test_ical_import_through_http(world: World, client: TestClient) -> None:
    start = (datetime.now(UTC) + timedelta(days=3)).replace(hour=17, minute=0, second=0, microsecond=0)
    stamp = start.strftime("%Y%m%dT%H%M%SZ")
    end = (start + timedelta(hours=2)).strftime("%Y%m%dT%H%M%SZ")
    talk = f"UID:talk@example.org\nSUMMARY:Talk\nDTSTART:{stamp}\nDTEND:{end}\nX-SPACE:werben"
    open_day = f"UID:open@example.org\nSUMMARY:Open day\nDTSTART:{stamp}\nDTEND:{end}"
    status, body = post_file(
        client, world, "events/import", ics(talk, open_day), "text/calendar", space="stendal"
    )
    assert status == 200, body
    assert (body["created"], body["updated"], body["cancelled"]) == (2, 0, 0)
    status, body = post_file(
        client, world, "events/import", ics(talk, open_day), "text/calendar", space="stendal"
    )
    assert (status, body["created"], body["unchanged"]) == (200, 0, 2)
    with world.db.read() as session:
        placed = {e.title: e.space_id for e in session.scalars(select(Event))}
    assert placed == {"Talk": 2, "Open day": 1}
    # no space for an event: left out and listed; with strict=true a 422 and nothing written
    other = f"UID:new@example.org\nSUMMARY:New\nDTSTART:{stamp}\nDTEND:{end}"
    status, body = post_file(client, world, "events/import", ics(talk, other), "text/calendar")
    assert status == 200 and body["unchanged"] == 1 and "'New'" in body["skipped"][0]  # type: ignore[index]
    status, body = post_file(client, world, "events/import", ics(talk, other), "text/calendar", strict="true")
    assert status == 422 and "New" in body["error"]["details"][0]["message"]  # type: ignore[index]
    status, body = post_file(client, world, "events/import", ics(talk), "text/calendar", space="mars")
    assert status == 422
    for bad in (b"", b"not a calendar", b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2026130\r\n"):
        status, body = post_file(client, world, "events/import", bad, "text/calendar")
        assert status == 422, (bad, body)
    nul = ics(talk.replace("SUMMARY:Talk", "SUMMARY:Ta\x00lk"))  # PostgreSQL refuses NUL in text
    status, body = post_file(client, world, "events/import", nul, "text/calendar")
    assert status == 422 and "NUL" in body["error"]["message"]  # type: ignore[index]
    long_url = ics(talk.replace("X-SPACE", f"URL:https://example.org/{'x' * 1200}\nX-SPACE"))
    status, body = post_file(client, world, "events/import", long_url, "text/calendar")
    assert status == 200 and body["updated"] == 1  # cut to the column's 1000 characters
    long_uid = ics(talk.replace("UID:talk@", f"UID:{'x' * 600}@"))  # longer than the column: hashed
    status, body = post_file(client, world, "events/import", long_uid, "text/calendar")
    assert (status, body["created"]) == (200, 1)
    with world.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Event)) == 3


def test_monthly_report_as_csv(world: World, client: TestClient) -> None:
    werben = enroll(client, world.werben_code)
    code = client.post("/api/v1/admin/enrollment-codes", json={"space": 3}, headers=admin(world)).json()[
        "code"
    ]
    tanger = enroll(client, code)
    nov = [datetime(2026, 11, d, 9, tzinfo=UTC) for d in (3, 4, 5)]
    upload(client, werben, fact(2, 10001, at=nov[0]), fact(2, 10002, at=nov[1]))
    upload(client, tanger, fact(3, 10001, at=nov[2]))  # Anna's second guest day: overshoot
    upload(client, werben, fact(2, 10002, at=nov[2], reason="guest_days_used", admitted=False, counted=False))
    response = client.get("/api/v1/admin/report", params={"month": "2026-11"}, headers=admin(world))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "report-2026-11.csv" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.text)))
    assert tuple(rows[0]) == COLUMNS
    table = {tuple(r[1:5]): int(r[5]) for r in rows[1:]}
    assert all(r[0] == "2026-11" for r in rows[1:])
    assert table[("guest_days", "werben", "stendal", "")] == 2
    assert table[("guest_days", "tangermuende", "stendal", "")] == 1
    assert any(key[0] == "overshoot_days" and count >= 1 for key, count in table.items())
    assert any(key[0] == "denials" and key[3] == "guest_days_used" for key in table)
    empty = client.get("/api/v1/admin/report", params={"month": "2026-01"}, headers=admin(world))
    assert empty.status_code == 200 and empty.text.splitlines()[0] == ",".join(COLUMNS)
    assert all(
        row[5] == "0" for row in csv.reader(io.StringIO(empty.text)) if row[0] != "month"
    )  # totals only
    excel = client.get(
        "/api/v1/admin/report", params={"month": "2026-11", "format": "excel-de"}, headers=admin(world)
    )
    assert excel.status_code == 200 and excel.content.startswith("\ufeffmonth;section;".encode())
    xlsx = client.get(
        "/api/v1/admin/report", params={"month": "2026-11", "format": "xlsx"}, headers=admin(world)
    )
    assert xlsx.status_code == 200 and "report-2026-11.xlsx" in xlsx.headers["content-disposition"]
    book = load_workbook(io.BytesIO(xlsx.content), read_only=True)
    assert book.sheetnames == ["Gasttage", "Details"]
    members = client.get("/api/v1/admin/members/export", params={"format": "xlsx"}, headers=admin(world))
    assert members.status_code == 200
    sheet = [list(r) for r in load_workbook(io.BytesIO(members.content)).active.iter_rows(values_only=True)]
    assert sheet[0][:3] == ["number", "display_name", "home_space"] and len(sheet) > 1
    audit = client.get(
        "/api/v1/admin/audit/export", params={"from": "0001-01-01", "to": "9999-12-31"}, headers=admin(world)
    )
    assert audit.status_code == 200 and audit.text.startswith("at,actor,space,staff_id,action,detail")
    for month in ("2026-13", "11/2026", "", "1999-01"):
        bad = client.get("/api/v1/admin/report", params={"month": month}, headers=admin(world))
        assert bad.status_code == 422 and bad.json()["error"]["code"] == "validation_error", month
    assert client.get("/api/v1/admin/report", params={"month": "2026-11"}, headers=werben).status_code == 403


def test_member_import_preview_and_xlsx_through_http(world: World, client: TestClient) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Mitgliedsnummer", "Vorname", "Nachname", "Space", "Status"])
    sheet.append([30001, "Łukasz", "Żak", "Werben", "aktiv"])
    sheet.append([30002, "Ayşe", "Ğül", "Mond", "aktiv"])
    buffer = io.BytesIO()
    book.save(buffer)
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    before = member_count(world)
    status, body = post_file(client, world, "members/import", buffer.getvalue(), xlsx, dry_run="true")
    assert status == 200, body
    assert (body["added"], body["changed"], body["refused"]) == (1, 0, 1)
    assert body["rows"][0] == {
        "line": 2, "number": 30001, "display_name": "Łukasz Ż.", "action": "add", "changes": []
    }  # fmt: skip
    assert body["refusals"][0]["line"] == 3 and body["refusals"][0]["column"] == "D"
    assert member_count(world) == before  # a preview writes nothing
    status, body = post_file(client, world, "members/import", buffer.getvalue(), xlsx)
    assert status == 422 and body["error"]["details"][0]["column"] == "D"  # type: ignore[index]
    assert member_count(world) == before
    # The member endpoint takes what the import takes: a space's name, a German state word.
    answer = client.post(
        "/api/v1/admin/members",
        json={"display_name": "Ayşe  Ğ.", "home_space": "Werben", "state": "pausiert", "plan": "Standard"},
        headers=admin(world),
    )
    assert answer.status_code == 201, answer.text
    assert (answer.json()["display_name"], answer.json()["state"]) == ("Ayşe Ğ.", "paused")
