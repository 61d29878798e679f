"""The member page in a real browser (Playwright driving Debian's chromium) against a real
server process: phone-size layout, language switch, the pass offline once opened, the lost-card
confirmation; and the pass read back from a screenshot of the page by the kiosk's real decoder."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import cv2
import httpx2 as httpx
import numpy as np
import pytest

from kiosk.core.models import new_nonce

from .conftest import Site, enroll


def _wait_until(page: object, expression: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not page.evaluate(expression):  # type: ignore[attr-defined]
        assert time.monotonic() < deadline, f"not true within {seconds} s: {expression}"
        time.sleep(0.1)


sync_api = pytest.importorskip("playwright.sync_api")
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=shutil.which("chromium"))
        yield chromium
        chromium.close()


def _phone(browser: object) -> object:
    return browser.new_context(viewport=PHONE, device_scale_factor=2, locale="de-DE")  # type: ignore[attr-defined]


def test_phone_page_switches_language_and_shows_the_pass_offline(site: Site, browser: object) -> None:
    context = _phone(browser)
    page = context.new_page()
    page.goto(site.page)
    assert page.get_by_role("heading", name="Dein Ausweis").is_visible()
    qr = page.get_by_role("img", name="QR-Code deines Ausweises " + site.world.anna.text)
    box = qr.bounding_box()
    assert box is not None and box["width"] >= 300  # nearly the phone's width
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scroll
    page.get_by_role("link", name="English").click()
    assert page.get_by_role("heading", name="Your pass").is_visible()
    page.get_by_role("link", name="Deutsch").click()
    # polled from here: wait_for_function evaluates a string inside the page, which the page's
    # CSP (script-src 'self', no unsafe-eval) refuses whenever the first check is not yet true
    _wait_until(page, "navigator.serviceWorker && navigator.serviceWorker.controller !== null", 15.0)
    page.reload()  # now through the service worker, which keeps a copy
    context.set_offline(True)
    page.reload()
    assert page.get_by_role("heading", name="Dein Ausweis").is_visible()
    assert page.get_by_role("img", name="QR-Code deines Ausweises " + site.world.anna.text).is_visible()
    assert page.get_by_text("Offline: Der auf diesem Telefon gespeicherte Ausweis.").is_visible()
    context.close()


def test_lost_card_is_confirmed_then_blocked(site: Site, browser: object) -> None:
    context = _phone(browser)
    page = context.new_page()
    page.goto(site.page)
    page.get_by_role("button", name="Ich habe meine Karte verloren").click()
    assert page.get_by_role("heading", name="Karte sperren?").is_visible()
    page.get_by_role("link", name="Abbrechen").click()
    assert page.get_by_role("heading", name="Dein Ausweis").is_visible()  # cancel: nothing happened
    page.get_by_role("button", name="Ich habe meine Karte verloren").click()
    page.get_by_role("button", name="Ja, Karte sperren").click()
    assert page.get_by_text("Deine Karte ist gesperrt.").is_visible()
    assert page.get_by_role("img", name="QR-Code deines Ausweises " + site.world.anna.text).count() == 0
    context.close()


def decode_png(path: Path) -> str | None:
    from kiosk.scanner import QrDecoder

    frame = cv2.imdecode(np.frombuffer(path.read_bytes(), np.uint8), cv2.IMREAD_COLOR)
    found = QrDecoder().decode(frame)
    return found.text if found else None


def test_a_screenshot_of_the_page_is_read_by_the_kiosk_decoder_and_admitted(
    site: Site, browser: object, tmp_path: Path
) -> None:
    from kiosk.camera.scene import HoldUpStyle, compose
    from kiosk.scanner import QrDecoder

    context = _phone(browser)
    page = context.new_page()
    page.goto(site.page)
    shot = tmp_path / "member-page.png"
    page.screenshot(path=str(shot))
    context.close()
    assert decode_png(shot) == site.world.anna.text
    # Held up to the (demo) camera on a phone: the kiosk's decoder reads it from the frame.
    frame, _ = compose("", HoldUpStyle(scale=0.8, angle=4, phone=True, screen=str(shot)))
    found = QrDecoder().decode(frame)
    assert found is not None and found.text == site.world.anna.text
    client = httpx.Client(base_url=site.server.base_url, timeout=10)
    werben = enroll(client, site.world.werben_code)
    body = {"nonce": new_nonce(), "code": found.text, "scanned_at": datetime.now(UTC).isoformat()}
    answer = client.post("/api/v1/checkins/redeem", json=body, headers=werben).json()
    assert answer["verdict"]["admitted"] is True and answer["verdict"]["reason"] == "guest_day"
