"""Render every web admin page in German and English into docs/screenshots/admin-*.png.

The real thing: the demo server (the seeded Altmark network, a kiosk enrolled), Playwright
driving Debian's Chromium, signed in as the demo coordinator; the refused page as the Stendal
manager. Called by docs/render_screenshots.py (also alone: `python docs/render_admin_screenshots.py`).
"""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx2 as httpx  # noqa: E402
from PIL import Image  # noqa: E402
from playwright.sync_api import Page, sync_playwright  # noqa: E402

from kiosk import demo  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
MEMBERS_CSV = (
    "Nummer;Name;Heimat-Space;Tarif\n10001;Anna Schulz;stendal;flex\n"
    "20001;Neu Mitglied;werben;basis\n20002;Ohne Space;nirgendwo;basis\n"
)


def save(page: Page, name: str) -> None:
    image = Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        OUT / f"{name}.png", optimize=True
    )
    print("wrote", f"docs/screenshots/{name}.png")


def sign_in(page: Page, name: str, password: str) -> None:
    page.goto("/admin/signin")
    page.fill("#f-name", name)
    page.fill("#f-password", password)
    page.click("button[type=submit]")


def pages(page: Page, lang: str, tmp: Path, member: int) -> None:
    page.goto("/admin/dashboard?space=stendal")
    save(page, f"admin-dashboard-{lang}")
    page.goto("/admin/members?q=an")
    save(page, f"admin-members-{lang}")
    page.goto(f"/admin/members/{member}")
    save(page, f"admin-member-{lang}")
    csv = tmp / "mitglieder.csv"
    csv.write_text(MEMBERS_CSV, encoding="utf-8")
    page.goto("/admin/import")
    page.set_input_files("#f-file", str(csv))
    page.click("form[action='/admin/import/preview'] button[type=submit]")
    save(page, f"admin-import-{lang}")
    page.goto("/admin/staff?space=stendal")
    save(page, f"admin-staff-{lang}")
    page.goto("/admin/kiosks")
    page.click("form[action='/admin/kiosks/code'] button[type=submit]")
    save(page, f"admin-kiosks-{lang}")
    for name in ("events", "equipment", "report", "conflicts", "audit", "users"):
        page.goto(f"/admin/{name}")
        save(page, f"admin-{name}-{lang}")
    page.goto(f"/admin/members/{member}")
    page.click(f"form[action='/admin/members/{member}/link'] button[type=submit]")
    save(page, f"admin-member-link-{lang}")


def hold_facts(client: httpx.Client, token: str, network: Any) -> None:
    """Two check-ins the kiosk uploads that the server holds for staff (the held facts page):
    one dated before the kiosk was enrolled, one later than the server's time."""
    space, guest = network.space_id, sorted(network.passes)[-1]
    now = datetime.now(UTC)
    items = [
        {
            "nonce": uuid.uuid4().hex,
            "occurred_at": (now + shift).isoformat(),
            "space_id": space,
            "member_number": guest,
            "pass_serial": 1,
            "reason": "guest_day",
            "admitted": True,
            "counted": True,
            "offline": True,
        }
        for shift in (timedelta(days=-2), timedelta(days=3))
    ]
    client.post("/api/v1/checkins", json={"items": items}, headers={"Authorization": f"Bearer {token}"})


def render() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="admin-shots-") as tmp:
        server = demo.start_server(Path(tmp))
        try:
            with httpx.Client(base_url=server.url, timeout=10) as client:
                enrolled = client.post(
                    "/api/v1/enroll", json={"code": server.network.enrollment_code, "kiosk_name": "Eingang"}
                )
                hold_facts(client, enrolled.json()["token"], server.network)
            (coordinator, coordinator_pw, _), (manager, manager_pw, _) = server.network.admins
            member = min(server.network.passes)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=shutil.which("chromium"), args=["--no-sandbox"]
                )
                for lang in ("de", "en"):
                    context = browser.new_context(
                        base_url=server.url,
                        viewport={"width": 1280, "height": 800},
                        locale="de-DE" if lang == "de" else "en-GB",
                    )
                    context.add_cookies([{"name": "cw_lang", "value": lang, "url": f"{server.url}/admin/"}])
                    page = context.new_page()
                    page.goto("/admin/signin")
                    save(page, f"admin-signin-{lang}")
                    sign_in(page, coordinator, coordinator_pw)
                    pages(page, lang, Path(tmp), member)
                    context.close()
                    context = browser.new_context(
                        base_url=server.url,
                        viewport={"width": 1280, "height": 800},
                        locale="de-DE" if lang == "de" else "en-GB",
                    )
                    context.add_cookies([{"name": "cw_lang", "value": lang, "url": f"{server.url}/admin/"}])
                    page = context.new_page()
                    sign_in(page, manager, manager_pw)
                    page.goto("/admin/members?space=werben")
                    save(page, f"admin-refused-{lang}")
                    context.close()
                browser.close()
        finally:
            server.stop()


if __name__ == "__main__":
    render()
