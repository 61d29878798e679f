"""The demo's "Done when": the member page link from the seeded demo, rendered as a phone
screenshot, held up to the demo camera, read by the real decoder and admitted by the kiosk."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import httpx2 as httpx
import pytest

from kiosk import demo
from kiosk.camera import scene
from kiosk.core.verdicts import Reason
from kiosk.scanner import QrDecoder


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium for the screenshot")
def test_the_demo_phone_shows_the_member_page_and_the_kiosk_admits_it(tmp_path: Path) -> None:
    server = demo.start_server(tmp_path)
    services = None
    try:
        url = demo.member_page_url(server)
        assert url is not None and httpx.get(url, timeout=10).status_code == 200
        shot = demo.member_page_screenshot(server, tmp_path)
        deadline = time.monotonic() + 60
        while not (shot.exists() and shot.stat().st_size > 0) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert shot.exists(), "chromium wrote no screenshot"
        assert scene._screenshot(str(shot)) is not None  # the page itself is held up, not a drawn code
        services = demo.enroll_kiosk(server, tmp_path)
        sample = next(b for b in demo.sample_buttons(server.network, shot) if b.key == "member_page")
        camera = demo.UnpluggableDemoCamera()
        camera.open()
        camera.hold_up(sample.text, sample.style)
        frame = camera.read()
        found = QrDecoder().decode(frame)
        camera.close()
        assert found is not None and found.text == server.network.samples["home_member"].text
        result = services.checkin.check_in(found.text)
        assert result.admitted and result.verdict.reason is Reason.HOME_MEMBER
    finally:
        if services is not None:
            services.close()
        server.stop()
