"""Render the member page (phone size, 390x844) in German and English into docs/screenshots/.

Runs the real thing: the seeded Altmark demo network, a real server process, Debian's chromium
driven by Playwright:

    python docs/render_member_screenshots.py

Writes member-page-{de,en}.png (the first screen, as a phone shows it) and
member-page-full-{de,en}.png (the whole page).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import httpx2 as httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from netserver import demo  # noqa: E402
from netserver.db import Database  # noqa: E402
from netserver.db.migrate import upgrade  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def serve(url: str, port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "COWORKING_DATABASE_URL": url,
        "PYTHONPATH": str(ROOT),
        "COWORKING_FEED_FETCH": "false",
    }
    cmd = [sys.executable, "-m", "uvicorn", "netserver.api.app:create_app", "--factory", "--port", str(port)]
    process = subprocess.Popen(cmd, env=env, cwd=ROOT, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the server did not start")


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/network.db"
        Database(url).dispose()
        upgrade(url)
        db = Database(url)
        network = demo.seed(db, date.today())
        db.dispose()
        secret = network.member_links[demo.HOME_MEMBER]
        port = 8790
        process = serve(url, port)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=shutil.which("chromium"))
                for lang in ("de", "en"):
                    context = browser.new_context(
                        viewport={"width": 390, "height": 844}, device_scale_factor=2
                    )
                    page = context.new_page()
                    page.goto(f"http://127.0.0.1:{port}/me/{secret}" + ("?lang=en" if lang == "en" else ""))
                    page.screenshot(path=str(OUT / f"member-page-{lang}.png"))
                    page.screenshot(path=str(OUT / f"member-page-full-{lang}.png"), full_page=True)
                    print(f"wrote member-page-{lang}.png, member-page-full-{lang}.png")
                    context.close()
                browser.close()
        finally:
            process.terminate()
            process.wait(timeout=10)


if __name__ == "__main__":
    main()
