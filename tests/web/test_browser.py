"""The web admin in a real browser: Playwright driving Debian's Chromium against a real server
process on 127.0.0.1 with a real database (production argon2 parameters in that process).

The accessible names (labels, button texts) are the selectors, as a screen reader finds them.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from netserver.db import Database
from netserver.db.migrate import upgrade
from netserver.services import admin_users
from tests.server.conftest import LiveServer, World, enroll, seed, start_server, stop_server

from .conftest import PASSWORD, USERS

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.slow,
    # CI installs chromium (.ci/run), so there a missing browser fails instead of skipping
    pytest.mark.skipif(
        CHROMIUM is None and not os.environ.get("CI"), reason="needs chromium (apt-get install chromium)"
    ),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, World]]:
    directory = tmp_path_factory.mktemp("browser")
    url = f"sqlite:///{directory / 'network.db'}"
    Database(url).dispose()
    upgrade(url)
    world = seed(url)
    with world.db.write() as session:
        for name, (role, space) in USERS.items():
            admin_users.set_password(
                session, admin_users.add_user(session, name=name, role=role, space=space), PASSWORD
            )
    live = start_server(url, directory / "uvicorn.log")
    import httpx2 as httpx

    with httpx.Client(base_url=live.base_url) as client:
        enroll(client, world.stendal_code, "Eingang Stendal")
    yield live, world
    stop_server(live)
    world.db.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object, server: tuple[LiveServer, World]) -> Iterator[object]:
    context = browser.new_context(base_url=server[0].base_url, accept_downloads=True)  # type: ignore[attr-defined]
    yield context.new_page()
    context.close()


def sign_in(page: object, name: str) -> None:
    page.goto("/admin/")  # type: ignore[attr-defined]
    page.get_by_label("Benutzername").fill(name)  # type: ignore[attr-defined]
    page.get_by_label("Passwort").fill(PASSWORD)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Anmelden").click()  # type: ignore[attr-defined]
    sync_api.expect(page.get_by_role("heading", level=1)).to_contain_text("Heute")  # type: ignore[attr-defined]


def test_sign_in_and_search_a_member(page: object) -> None:
    p = page
    sign_in(p, "coord")
    p.get_by_role("link", name="Mitglieder").click()  # type: ignore[attr-defined]
    p.get_by_label("Nummer oder Name").fill("ann")  # type: ignore[attr-defined]
    p.get_by_role("button", name="Suchen").click()  # type: ignore[attr-defined]
    p.get_by_role("link", name="Anna").click()  # type: ignore[attr-defined]
    sync_api.expect(p.get_by_role("heading", level=1)).to_contain_text("Anna")
    assert "/admin/members/10001" in p.url  # type: ignore[attr-defined]


def test_import_preview_shows_the_refused_line(page: object, tmp_path: Path) -> None:
    p = page
    sign_in(p, "coord")
    members = tmp_path / "members.csv"
    members.write_text("number;name;home space\n30001;Carla;werben\n30002;Dora;nowhere\n", encoding="utf-8")
    p.goto("/admin/import")  # type: ignore[attr-defined]
    p.get_by_label("Mitglieder-Datei (CSV oder XLSX)").set_input_files(str(members))  # type: ignore[attr-defined]
    p.get_by_role("button", name="Vorschau").click()  # type: ignore[attr-defined]
    sync_api.expect(p.get_by_text("1 neu, 0 geändert, 0 unverändert, 1 abgelehnt")).to_be_visible()
    row = p.get_by_role("row").filter(has_text="abgelehnt")  # type: ignore[attr-defined]
    sync_api.expect(row).to_contain_text("nowhere")
    sync_api.expect(p.get_by_role("button", name="importieren")).to_have_count(0)


def test_reissue_a_pass_downloads_the_new_card(page: object) -> None:
    p = page
    sign_in(p, "stendal")
    p.goto("/admin/members/10002")  # type: ignore[attr-defined]
    with p.expect_download() as info:  # type: ignore[attr-defined]
        p.get_by_role("button", name="Ausweis neu ausstellen (PDF)").click()  # type: ignore[attr-defined]
    download = info.value
    assert download.suggested_filename == "pass-10002-2.pdf"
    assert Path(download.path()).read_bytes().startswith(b"%PDF")
    p.reload()  # type: ignore[attr-defined]
    sync_api.expect(p.get_by_text("Aktueller Ausweis: Nr. 2")).to_be_visible()


def test_a_new_member_link_is_shown_once_and_its_card_downloads(page: object) -> None:
    p = page
    sign_in(p, "stendal")
    p.goto("/admin/members/10001")  # type: ignore[attr-defined]
    p.get_by_role("button", name="Mitgliederlink neu erzeugen").click()  # type: ignore[attr-defined]
    sync_api.expect(p.get_by_role("region", name="Link zum Mitgliederbereich")).to_contain_text("/me/")  # type: ignore[attr-defined]
    url = p.get_by_text(re.compile("/me/")).inner_text()  # type: ignore[attr-defined]
    sync_api.expect(p.get_by_role("img", name="QR-Code des Links zum Mitgliederbereich")).to_be_visible()  # type: ignore[attr-defined]
    with p.expect_download() as info:  # type: ignore[attr-defined]
        p.get_by_role("link", name="Karte herunterladen (PDF)").click()  # type: ignore[attr-defined]
    download = info.value
    assert download.suggested_filename == "pass-10001-2.pdf"  # a data: URL download under the CSP
    assert Path(download.path()).read_bytes().startswith(b"%PDF")
    p.goto(urlsplit(url).path)  # type: ignore[attr-defined]  # COWORKING_PUBLIC_URL is not this test server
    sync_api.expect(p.get_by_text("Anna").first).to_be_visible()  # type: ignore[attr-defined]
    p.goto("/admin/members/10001")  # type: ignore[attr-defined]
    sync_api.expect(p.get_by_text("Aktueller Link erzeugt am")).to_be_visible()  # type: ignore[attr-defined]
    assert url not in p.content()  # type: ignore[attr-defined]


def test_revoke_a_kiosk(page: object) -> None:
    p = page
    sign_in(p, "stendal")
    p.get_by_role("link", name="Terminals").click()  # type: ignore[attr-defined]
    p.get_by_role("button", name="Entfernen: Eingang Stendal").click()  # type: ignore[attr-defined]
    sync_api.expect(p.get_by_role("status")).to_contain_text("Terminal entfernt")
    sync_api.expect(p.get_by_role("row").filter(has_text="Eingang Stendal")).to_contain_text("entfernt")


def test_download_the_settlement(page: object) -> None:
    p = page
    sign_in(p, "coord")
    p.get_by_role("link", name="Abrechnung").click()  # type: ignore[attr-defined]
    with p.expect_download() as info:  # type: ignore[attr-defined]
        p.get_by_role("link", name="CSV für deutsches Excel").click()  # type: ignore[attr-defined]
    download = info.value
    assert download.suggested_filename.endswith("-excel-de.csv")
    assert Path(download.path()).read_bytes().startswith("\ufeffmonth;".encode())


def test_a_space_manager_is_refused_on_another_spaces_pages(page: object) -> None:
    p = page
    sign_in(p, "werben")
    response = p.goto("/admin/members/10001")  # type: ignore[attr-defined]
    assert response.status == 403
    sync_api.expect(p.get_by_role("heading", level=1)).to_have_text("Nicht erlaubt")
    assert "Anna" not in p.content()  # type: ignore[attr-defined]
    assert p.goto("/admin/kiosks?space=stendal").status == 403  # type: ignore[attr-defined]
    p.get_by_role("link", name="English").click()  # type: ignore[attr-defined]
    sync_api.expect(p.get_by_role("heading", level=1)).to_have_text("Not allowed")


def test_the_member_search_updates_while_typing(page: object) -> None:
    """htmx: the results follow the search field without a click (and the address keeps the query)."""
    p = page
    sign_in(p, "coord")
    p.goto("/admin/members")  # type: ignore[attr-defined]
    sync_api.expect(p.get_by_role("link", name="Ben")).to_be_visible()
    p.get_by_label("Nummer oder Name").press_sequentially("ann", delay=50)  # type: ignore[attr-defined]
    sync_api.expect(p.get_by_role("link", name="Ben")).to_have_count(0)
    sync_api.expect(p.get_by_role("link", name="Anna")).to_be_visible()
    assert "q=ann" in p.url  # type: ignore[attr-defined]


def test_a_manager_plans_a_popup_and_gets_its_kiosk_code(page: object) -> None:
    from datetime import timedelta

    from kiosk.core.calendar import NetworkCalendar
    from netserver.services.clock import utc_now

    day = (NetworkCalendar("Europe/Berlin").local_date(utc_now()) + timedelta(days=2)).isoformat()
    p = page
    sign_in(p, "stendal")
    p.get_by_role("link", name="Pop-ups").click()  # type: ignore[attr-defined]
    p.get_by_label("Ort", exact=True).fill("Café Kranich")  # type: ignore[attr-defined]
    p.get_by_label("Adresse").fill("Markt 3")  # type: ignore[attr-defined]
    p.get_by_label("Stadt / Dorf").fill("Werben")  # type: ignore[attr-defined]
    p.get_by_label("Datum").fill(day)  # type: ignore[attr-defined]
    p.get_by_label("Von").fill("09:00")  # type: ignore[attr-defined]
    p.get_by_label("Bis").fill("13:00")  # type: ignore[attr-defined]
    p.get_by_label("Gastgeber (Mitgliedsnummer oder Name)").fill("Kim")  # type: ignore[attr-defined]
    p.get_by_role("button", name="Pop-up planen").click()  # type: ignore[attr-defined]
    sync_api.expect(p.get_by_role("status")).to_contain_text("Pop-up geplant")
    p.get_by_role("button", name="Terminal-Code: Café Kranich").click()  # type: ignore[attr-defined]
    sync_api.expect(p.get_by_role("region", name="Terminal-Code")).to_contain_text("CWE1")
    sync_api.expect(p.get_by_role("img", name="QR-Code des Terminal-Codes")).to_be_visible()
