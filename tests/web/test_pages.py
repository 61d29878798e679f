"""What the admin's pages do: search, edit with messages at the field, re-issue a pass (the old
card stops working), GDPR download and erasure, member import, space scoping by rows and lines."""

from __future__ import annotations

import json
import re
import subprocess
import uuid

from fastapi.testclient import TestClient

from kiosk.core.credentials import parse
from netserver.services import members, redeem, report
from netserver.services.clock import utc_now

from .conftest import AdminWorld, sign_in


def _redeem(world: AdminWorld, code: str, space_id: int = 2) -> dict[str, object]:
    with world.world.db.write() as session:
        result = redeem.redeem(
            session, space_id=space_id, kiosk_id=None, nonce=uuid.uuid4().hex, code=code, scanned_at=utc_now()
        )
    return dict(result.verdict)


def test_search_by_number_and_name_with_filters(
    coord: tuple[TestClient, str], admin_world: AdminWorld
) -> None:
    client, _ = coord
    anna = admin_world.world.anna.member_number
    by_number = client.get(f"/admin/members?q={anna}")
    assert f'href="/admin/members/{anna}">Anna<' in by_number.text and ">Ben<" not in by_number.text
    by_name = client.get("/admin/members?q=NN")  # case-blind, anywhere in the name
    assert ">Anna<" in by_name.text and ">Ben<" not in by_name.text
    assert ">Anna<" not in client.get("/admin/members?q=anna&space=werben").text
    assert ">Anna<" not in client.get("/admin/members?q=anna&state=paused").text
    assert "Kein Mitglied passt." in client.get("/admin/members?q=%25").text  # LIKE wildcards are literal


def test_a_space_manager_lists_only_their_members(admin_world: AdminWorld) -> None:
    with admin_world.client() as client:
        sign_in(client, "werben")
        assert ">Anna<" not in client.get("/admin/members?q=anna").text
        sign_in(client, "stendal")
        assert ">Anna<" in client.get("/admin/members?q=anna").text


def test_edit_shows_the_message_next_to_the_field(
    coord: tuple[TestClient, str], admin_world: AdminWorld
) -> None:
    client, csrf = coord
    number = admin_world.world.anna.member_number
    data = {
        "csrf": csrf,
        "display_name": "Anna B.",
        "email": "not-an-address",
        "phone": "",
        "plan": "standard",
    }
    response = client.post(f"/admin/members/{number}", data=data)
    assert response.status_code == 422
    assert re.search(r'id="f-email"[^>]*aria-invalid="true"', response.text)
    assert '<div class="field-error" id="e-email">Keine E-Mail-Adresse.</div>' in response.text
    data["email"] = "anna.b@example.org"
    assert client.post(f"/admin/members/{number}", data=data, follow_redirects=False).status_code == 303
    with admin_world.world.db.read() as session:
        member = members.get_member(session, number)
        assert (member.display_name, member.email) == ("Anna B.", "anna.b@example.org")


def test_pause_and_end(coord: tuple[TestClient, str], admin_world: AdminWorld) -> None:
    client, csrf = coord
    number = admin_world.world.anna.member_number
    client.post(f"/admin/members/{number}/state", data={"csrf": csrf, "state": "paused"})
    assert _redeem(admin_world, admin_world.world.anna.text)["reason"] == "membership_inactive"


def test_reissue_gives_a_printable_card_and_the_old_card_stops_working(
    coord: tuple[TestClient, str], admin_world: AdminWorld
) -> None:
    client, csrf = coord
    world = admin_world.world
    response = client.post(f"/admin/members/{world.anna.member_number}/reissue", data={"csrf": csrf})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert "attachment" in response.headers["content-disposition"]
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout
    printed = text.decode()
    assert "Anna" in printed
    with world.db.read() as session:
        member = members.get_member(session, world.anna.member_number)
    assert member.pass_serial == 2
    assert _redeem(admin_world, world.anna.text)["reason"] == "pass_replaced"
    # the card's code is printed in groups; the roster holds its hash
    groups = re.search(r"([0-9A-X]{4}(?: [0-9A-X]{1,4}){5,})", printed)
    assert groups
    new = parse(groups.group(1).replace(" ", ""))
    assert new.secret_hash() == member.secret_hash  # type: ignore[union-attr]


def test_gdpr_download_and_erasure_keep_anonymous_counts(
    coord: tuple[TestClient, str], admin_world: AdminWorld
) -> None:
    client, csrf = coord
    world = admin_world.world
    number = world.anna.member_number
    assert _redeem(admin_world, world.anna.text)["reason"] == "guest_day"  # at Werben
    data = client.get(f"/admin/members/{number}/data")
    assert data.status_code == 200
    dump = json.loads(data.content)
    assert dump["member"]["email"] == "anna@example.org"
    assert [c["space"] for c in dump["checkins"]] == ["werben"]
    refused = client.post(f"/admin/members/{number}/erase", data={"csrf": csrf, "confirm": "nope"})
    assert refused.status_code == 422
    assert (
        client.post(
            f"/admin/members/{number}/erase",
            data={"csrf": csrf, "confirm": "LÖSCHEN"},
            follow_redirects=False,
        ).status_code
        == 303
    )
    today = utc_now()
    with world.db.read() as session:
        member = members.get_member(session, number)
        rows = report.build_report(session, today.year, today.month)
    assert (member.display_name, member.email, member.state) == ("–", None, "ended")
    assert report.ReportRow("guest_days", "werben", "stendal", "", 1) in rows or any(
        r.section == "guest_days" and r.host_space == "werben" and r.count == 1 for r in rows
    )
    assert "Anna" not in client.get(f"/admin/members/{number}").text
    assert "anna@example.org" not in client.get(f"/admin/members/{number}/data").text


def test_a_guest_is_visible_read_only_to_the_visited_space(admin_world: AdminWorld) -> None:
    number = admin_world.world.anna.member_number
    _redeem(admin_world, admin_world.world.anna.text)  # Anna visits Werben
    with admin_world.client() as client:
        csrf = sign_in(client, "werben")
        page = client.get(f"/admin/members/{number}")
        assert page.status_code == 200 and "Gast Ihres Space" in page.text
        assert "anna@example.org" not in page.text  # contact data stays with the home space
        edit = {"csrf": csrf, "display_name": "X", "plan": "standard"}
        assert client.post(f"/admin/members/{number}", data=edit).status_code == 403


CSV = b"number;name;home space\n30001;Carla;werben\n30002;Dora;nowhere\n"


def _preview(client: TestClient, csrf: str, body: bytes) -> str:
    response = client.post(
        "/admin/import/preview", data={"csrf": csrf}, files={"file": ("members.csv", body, "text/csv")}
    )
    assert response.status_code == 200, response.text[-500:]
    return response.text


def test_import_preview_lists_a_refused_line_and_nothing_can_be_committed(
    coord: tuple[TestClient, str],
) -> None:
    client, csrf = coord
    page = _preview(client, csrf, CSV)
    assert "1 neu, 0 geändert, 0 unverändert, 1 abgelehnt" in page
    assert "line 3" in page and "nowhere" in page
    assert "/admin/import/commit" not in page


def test_import_commit_is_all_or_nothing_and_refuses_a_changed_preview(
    coord: tuple[TestClient, str], admin_world: AdminWorld
) -> None:
    client, csrf = coord
    body = b"number;name;home space\n30001;Carla;werben\n10001;Anna Neu;stendal\n"
    page = _preview(client, csrf, body)
    data = re.search(r'name="data" value="([^"]+)"', page)
    shown = re.search(r'name="shown" value="([^"]+)"', page)
    assert data and shown
    with admin_world.world.db.write() as session:  # someone edits Anna meanwhile
        members.update_member(session, 10001, display_name="Anna Other")
    stale = client.post("/admin/import/commit", data={"csrf": csrf, "data": data[1], "shown": shown[1]})
    assert stale.status_code == 409 and "Seit der Vorschau" in stale.text
    with admin_world.world.db.read() as session:
        assert members.get_member(session, 10001).display_name == "Anna Other"
        assert session.get(type(members.get_member(session, 10001)), 30001) is None
    fresh = re.search(r'name="shown" value="([^"]+)"', stale.text)
    assert fresh
    done = client.post("/admin/import/commit", data={"csrf": csrf, "data": data[1], "shown": fresh[1]})
    assert done.status_code == 200 and "Importiert: 1 neu, 1 geändert" in done.text
    with admin_world.world.db.read() as session:
        assert members.get_member(session, 10001).display_name == "Anna Neu"


def test_a_space_manager_cannot_import_members_of_another_space(admin_world: AdminWorld) -> None:
    with admin_world.client() as client:
        csrf = sign_in(client, "werben")
        page = _preview(client, csrf, b"number;name;home space\n30001;Carla;werben\n10001;Anna;stendal\n")
        assert "gehört zu einem anderen Space als Ihrem" in page
        assert "/admin/import/commit" not in page


def test_the_settlement_of_a_space_manager_has_only_their_rows(admin_world: AdminWorld) -> None:
    _redeem(admin_world, admin_world.world.anna.text, space_id=2)  # Stendal member at Werben
    _redeem(admin_world, admin_world.world.ben.text, space_id=3)  # Stendal member at Tangermünde
    with admin_world.client() as client:
        sign_in(client, "coord")
        assert b"tangermuende,stendal" in client.get("/admin/report/download?format=csv").content
        sign_in(client, "werben")
        page = client.get("/admin/report").text
        assert "Gasttage" in page and "Tangermünde" not in page
        csv = client.get("/admin/report/download?format=csv")
        assert csv.status_code == 200
        assert b"werben,stendal" in csv.content and b"tangermuende" not in csv.content
        assert client.get("/admin/report/download?format=excel-de").content.startswith(b"\xef\xbb\xbf")
        assert client.get("/admin/report/download?format=xlsx").content[:2] == b"PK"


def test_the_kiosks_page_shows_what_kiosks_report(
    coord: tuple[TestClient, str], admin_world: AdminWorld
) -> None:
    client, csrf = coord
    from tests.server.conftest import enroll

    headers = enroll(client, admin_world.world.werben_code, "Werben Eingang")
    page = client.get("/admin/kiosks").text
    assert "Werben Eingang" in page and "App-Version" not in page  # no report yet: no column
    report = {"version": "1.4.2", "queue": 7, "camera": "out_of_order"}
    assert client.post("/api/v1/kiosk/health", json=report, headers=headers).status_code == 200
    page = client.get("/admin/kiosks").text
    assert "App-Version" in page and "1.4.2" in page and "out_of_order" in page and ">7<" in page
    code = client.post("/admin/kiosks/code", data={"csrf": csrf, "space": "werben"})
    assert code.status_code == 200 and 'src="data:image/png;base64,' in code.text


def test_the_dashboard_counts_by_the_networks_hours_across_the_autumn_change(admin_world: AdminWorld) -> None:
    """26 Oct 2025 in Berlin: 02:00-03:00 happens twice (both in hour 2), the day has 25 hours."""
    from datetime import UTC, date, datetime

    from kiosk.core.calendar import NetworkCalendar
    from netserver.db import Checkin
    from netserver.services.dashboard import checkins_by_hour

    day = date(2025, 10, 26)
    instants = [datetime(2025, 10, 26, h, m, tzinfo=UTC) for h, m in ((0, 30), (1, 30), (22, 59), (21, 0))]
    with admin_world.world.db.write() as session:
        for index, at in enumerate(instants):
            session.add(
                Checkin(
                    nonce=f"n{index}",
                    member_number=10001,
                    space_id=1,
                    occurred_at=at,
                    day=day,
                    reason="home_member",
                    admitted=True,
                    received_at=at,
                )
            )
    with admin_world.world.db.read() as session:
        hours = checkins_by_hour(session, None, day, NetworkCalendar("Europe/Berlin"))
    assert hours[2] == 2 and hours[23] == 1 and hours[22] == 1 and sum(hours) == 4
