"""The web admin's pop-up page over HTTP (session and CSRF): plan with translated messages at
a refusal, the list scoped to the manager's space, the kiosk code, cancel, the network setting,
and each change in the audit log."""

from __future__ import annotations

import re
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select

from kiosk.core.calendar import NetworkCalendar
from netserver.db import AuditEntry
from netserver.services import network, popups
from netserver.services.clock import utc_now

from .conftest import AdminWorld, sign_in


def _tomorrow() -> str:
    return (NetworkCalendar("Europe/Berlin").local_date(utc_now()) + timedelta(days=1)).isoformat()


def _form(csrf: str, **changes: str) -> dict[str, str]:
    form = {"csrf": csrf, "place": "Café Kranich", "address": "Markt 3", "town": "Werben",
            "date": _tomorrow(), "start": "09:00", "end": "13:00", "host": "Uta",
            "space": "werben"}  # fmt: skip
    return {**form, **changes}


def test_the_coordinator_plans_codes_and_cancels_a_popup(
    coord: tuple[TestClient, str], admin_world: AdminWorld
) -> None:
    client, csrf = coord
    added = client.post("/admin/popups", data=_form(csrf), follow_redirects=False)
    assert added.status_code == 303 and added.headers["location"] == "/admin/popups?notice=added"
    listing = client.get(added.headers["location"])
    assert "Pop-up geplant." in listing.text and "Café Kranich, Markt 3, Werben" in listing.text
    with admin_world.world.db.read() as session:
        (popup,) = popups.list_popups(session)
        actions = [a.action for a in session.scalars(select(AuditEntry).order_by(AuditEntry.at))]
    assert "popup.add" in actions
    code = client.post(f"/admin/popups/{popup.id}/code", data={"csrf": csrf})
    assert code.status_code == 200 and 'src="data:image/png;base64,' in code.text
    grouped = re.search(r'<code class="code"[^>]*>([^<]+)</code>', code.text)
    assert grouped and grouped.group(1).startswith("CWE1")
    assert "gültig bis zum Ende des Pop-ups" in code.text
    cancelled = client.post(f"/admin/popups/{popup.id}/cancel", data={"csrf": csrf}, follow_redirects=False)
    assert cancelled.status_code == 303
    assert "Café Kranich" not in client.get("/admin/popups").text
    refused = client.post(f"/admin/popups/{popup.id}/code", data={"csrf": csrf})
    assert refused.status_code == 409 and "Pop-up abgesagt" in refused.text
    with admin_world.world.db.read() as session:
        actions = [a.action for a in session.scalars(select(AuditEntry))]
    assert {"popup.code", "popup.cancel"} <= set(actions)


def test_a_refused_popup_says_why_in_the_users_language(coord: tuple[TestClient, str]) -> None:
    client, csrf = coord
    backwards = client.post("/admin/popups", data=_form(csrf, start="13:00", end="09:00"))
    assert backwards.status_code == 422
    assert "Ende vor Beginn: Das Pop-up muss nach seinem Beginn enden (13:00 bis 09:00)." in backwards.text
    assert 'value="Café Kranich"' in backwards.text  # what was typed stays in the form
    past = client.post("/admin/popups", data=_form(csrf, date="2020-05-05"))
    assert past.status_code == 422 and "Schon vorbei" in past.text
    client.get("/admin/lang/en")
    english = client.post("/admin/popups", data=_form(csrf, place=" "))
    assert english.status_code == 422 and "Place missing" in english.text


def test_a_manager_sees_and_plans_only_their_own_space(admin_world: AdminWorld) -> None:
    with admin_world.world.db.write() as session:
        request = popups.PopupRequest(
            "Lesecafé", "Stendal", _tomorrow(), "09:00", "12:00", "Kim", space="stendal"
        )
        popups.add_popup(session, request, actor="test")
    with admin_world.client() as client:
        csrf = sign_in(client, "werben")
        assert "Lesecafé" not in client.get("/admin/popups").text
        form = _form(csrf)
        del form["space"]  # a manager has no choice: their own space
        assert client.post("/admin/popups", data=form, follow_redirects=False).status_code == 303
        page = client.get("/admin/popups").text
        assert "Café Kranich" in page and "Lesecafé" not in page
        assert 'action="/admin/popups/setting"' not in page  # the coordinator's setting
    with admin_world.world.db.read() as session:
        assert {p.place: p.space_id for p in popups.list_popups(session)} == {
            "Lesecafé": 1,
            "Café Kranich": 2,
        }


def test_the_coordinator_sets_whether_popups_use_a_guest_day(
    coord: tuple[TestClient, str], admin_world: AdminWorld
) -> None:
    client, csrf = coord
    assert "Check-ins bei Pop-ups kosten keinen Gasttag." in client.get("/admin/popups").text
    saved = client.post(
        "/admin/popups/setting", data={"csrf": csrf, "guest_day": "on"}, follow_redirects=False
    )
    assert saved.status_code == 303
    assert "Check-ins bei Pop-ups kosten einen Gasttag." in client.get("/admin/popups").text
    with admin_world.world.db.read() as session:
        assert network.get_policy(session).popup_guest_day is True
    client.post("/admin/popups/setting", data={"csrf": csrf})
    with admin_world.world.db.read() as session:
        assert network.get_policy(session).popup_guest_day is False


def test_the_settlement_page_shows_the_visits_at_popups(
    coord: tuple[TestClient, str], admin_world: AdminWorld
) -> None:
    import uuid

    from netserver.services import redeem

    client, csrf = coord
    assert client.post("/admin/popups", data=_form(csrf), follow_redirects=False).status_code == 303
    world = admin_world.world
    with world.db.write() as session:
        (popup,) = popups.list_popups(session)
        verdict = redeem.redeem(
            session, space_id=2, kiosk_id=None, nonce=uuid.uuid4().hex, code=world.anna.text,
            scanned_at=utc_now(), popup_id=popup.id,
        ).verdict  # fmt: skip
    assert verdict["reason"] == "popup_visit"
    month = NetworkCalendar("Europe/Berlin").local_date(utc_now()).strftime("%Y-%m")
    page = client.get(f"/admin/report?month={month}").text
    assert "Besuche bei Pop-ups" in page


def test_the_kiosks_page_shows_a_popup_kiosk_and_its_end(
    coord: tuple[TestClient, str], admin_world: AdminWorld
) -> None:
    client, csrf = coord
    assert client.post("/admin/popups", data=_form(csrf), follow_redirects=False).status_code == 303
    with admin_world.world.db.write() as session:
        (popup,) = popups.list_popups(session)
        code = popups.popup_code(session, popup.id).text
    enrolled = client.post("/api/v1/enroll", json={"code": code, "kiosk_name": "Laptop Kranich"})
    assert enrolled.status_code == 200
    page = client.get("/admin/kiosks?space=werben").text
    row = next(line for line in page.split("<tr>") if "Laptop Kranich" in line)
    assert "Pop-up-Terminal bis" in row and "13:00" in row and "entfernt" not in row
    cancelled = client.post(f"/admin/popups/{popup.id}/cancel", data={"csrf": csrf}, follow_redirects=False)
    assert cancelled.status_code == 303  # its kiosk ends now
    after = client.get("/admin/kiosks?space=werben").text
    row = next(line for line in after.split("<tr>") if "Laptop Kranich" in line)
    assert "entfernt" in row
