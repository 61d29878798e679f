"""Pop-up coworking on the member page (real server process): the region's coming pop-ups are
listed; a member hosts one with a small form (its token, translated refusals, a limit)."""

from __future__ import annotations

import re
from datetime import timedelta

import httpx2 as httpx
from sqlalchemy import select

from kiosk.core.calendar import NetworkCalendar
from netserver.db import AuditEntry
from netserver.services import popups
from netserver.services.clock import utc_now

from .conftest import Site


def _token(html: str) -> str:
    match = re.search(r'action="[^"]*/popup[^"]*">\s*<input type="hidden" name="token" value="(\w+)"', html)
    assert match, html
    return match.group(1)


def _day(days: int = 1) -> str:
    return (NetworkCalendar("Europe/Berlin").local_date(utc_now()) + timedelta(days=days)).isoformat()


def _form(token: str, **changes: str) -> dict[str, str]:
    form = {"token": token, "place": "Stadtbibliothek", "address": "Mönchskirchhof 1", "town": "Stendal",
            "date": _day(2), "start": "10:00", "end": "12:30"}  # fmt: skip
    return {**form, **changes}


def test_the_page_lists_the_regions_popups(site: Site) -> None:
    with site.world.db.write() as session:
        request = popups.PopupRequest("Café Kranich", "Werben", _day(), "09:00", "13:00", "Uta",
                                      address="Markt 3", space="werben")  # fmt: skip
        popups.add_popup(session, request, actor="test")
    html = httpx.get(site.page, timeout=10).text
    assert "Pop-up-Coworking" in html and "<strong>Café Kranich</strong>" in html
    assert re.search(r"09:00–13:00 Uhr · Markt 3, Werben · mit Werben", html)
    english = httpx.get(site.page, params={"lang": "en"}, timeout=10).text
    assert "09:00–13:00 · Markt 3, Werben · with Werben" in english


def test_a_member_hosts_a_popup_for_their_home_space(site: Site) -> None:
    client = httpx.Client(timeout=10)
    html = client.get(site.page).text
    assert "Noch keine Pop-ups geplant." in html
    done = client.post(f"{site.page}/popup", data=_form(_token(html)))
    assert done.status_code == 303 and done.headers["location"].endswith("?done=popups.added")
    page = client.get(f"{site.server.base_url}{done.headers['location']}").text
    assert "Dein Pop-up ist geplant." in page and "Stadtbibliothek" in page and "du lädst ein" in page
    with site.world.db.read() as session:
        (popup,) = popups.list_popups(session)
        assert (popup.space_id, popup.host_member, popup.host_name) == (
            1,
            site.world.anna.member_number,
            "Anna",
        )
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "popup.add")).one()
        assert audit.actor == f"member:{site.world.anna.member_number}"


def test_a_refusal_says_why_and_keeps_what_was_typed(site: Site) -> None:
    client = httpx.Client(timeout=10)
    token = _token(client.get(site.page).text)
    backwards = client.post(f"{site.page}/popup", data=_form(token, start="12:00", end="11:00"))
    assert backwards.status_code == 200
    assert "Ende vor Beginn: Das Pop-up muss nach seinem Beginn enden (12:00 bis 11:00)." in backwards.text
    assert 'value="Stadtbibliothek"' in backwards.text
    past = client.post(f"{site.page}/popup", params={"lang": "en"}, data=_form(token, date="2020-03-03"))
    assert "Already over" in past.text
    forged = client.post(f"{site.page}/popup", data=_form("0" * 32))
    assert forged.status_code == 403
    for n in range(popups.MAX_PER_MEMBER):
        assert client.post(f"{site.page}/popup", data=_form(token, date=_day(3 + n))).status_code == 303
    refused = client.post(f"{site.page}/popup", data=_form(token, date=_day(9)))
    assert "Erst einmal genug Pop-ups" in refused.text
    with site.world.db.read() as session:
        assert len(popups.list_popups(session)) == popups.MAX_PER_MEMBER


def test_a_wrong_link_cannot_host(site: Site) -> None:
    answer = httpx.post(f"{site.server.base_url}/me/{'x' * 30}/popup", data={"token": "t"}, timeout=10)
    assert answer.status_code == 404 and "Stadtbibliothek" not in answer.text


def test_a_paused_member_cannot_host(site: Site) -> None:
    from netserver.services import members

    client = httpx.Client(timeout=10)
    token = _token(client.get(site.page).text)
    with site.world.db.write() as session:
        members.update_member(session, site.world.anna.member_number, state="paused")
    refused = client.post(f"{site.page}/popup", data=_form(token))
    assert refused.status_code == 200 and "Mitgliedschaft nicht aktiv" in refused.text
    with site.world.db.read() as session:
        assert popups.list_popups(session) == []
