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
from pathlib import Path

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
    for name in ("events", "equipment", "report", "audit", "users"):
        page.goto(f"/admin/{name}")
        save(page, f"admin-{name}-{lang}")


def render() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="admin-shots-") as tmp:
        server = demo.start_server(Path(tmp))
        try:
            with httpx.Client(base_url=server.url, timeout=10) as client:
                client.post(
                    "/api/v1/enroll", json={"code": server.network.enrollment_code, "kiosk_name": "Eingang"}
                )
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
