"""The pieces of `coworking-kiosk --demo` (put together by kiosk/launch.py): everything on one
machine, no setup.

An embedded network server (uvicorn in a background thread) on 127.0.0.1 at a free port, with
its SQLite database in a temporary folder; the seeded Altmark demo network; this kiosk enrolled
as one of its spaces with an in-memory token store (never the system keyring); the check-in
screen with the demo camera and a panel of sample passes to "hold up". `--camera N` uses a real
webcam instead. Everything is removed again on exit.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.camera.demo import DemoCamera
from kiosk.camera.sources import CameraLost, CameraUnavailable

log = logging.getLogger("kiosk.ui")

DEMO_SPACE = "stendal"


class UnpluggableDemoCamera(DemoCamera):
    """The demo camera plus a plug to pull, to show "out of order, please ring"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unplugged = False

    def unplug(self) -> None:
        self.unplugged = True

    def plug_in(self) -> None:
        self.unplugged = False

    def open(self) -> None:
        if self.unplugged:
            raise CameraUnavailable("demo camera unplugged")
        super().open()

    def read(self) -> Any:
        if self.unplugged:
            raise CameraLost("demo camera unplugged")
        return super().read()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class DemoServer:
    url: str
    network: Any  # netserver.demo.DemoNetwork
    server: Any  # uvicorn.Server
    thread: threading.Thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def start_server(root: Path, space: str = DEMO_SPACE, today: Any = None) -> DemoServer:
    """Migrate, seed and serve a demo network from `root`; returns once it answers."""
    import uvicorn

    from kiosk.core.calendar import NetworkCalendar, utc_now
    from netserver import demo as seed_demo
    from netserver.api.app import create_app
    from netserver.db import Database
    from netserver.db.migrate import upgrade
    from netserver.settings import Settings

    port = free_port()
    (root / "server").mkdir(parents=True, exist_ok=True)
    settings = Settings(data_dir=root / "server", host="127.0.0.1", port=port)
    upgrade(settings.url)
    db = Database(settings.url)
    day = today or NetworkCalendar(seed_demo.TIMEZONE).local_date(utc_now())
    network = seed_demo.seed(db, day, space=space)
    config = uvicorn.Config(
        create_app(settings, db=db), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="demo-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the demo server did not start")
        time.sleep(0.02)
    log.info("demo server on 127.0.0.1:%d", port)
    return DemoServer(f"http://127.0.0.1:{port}", network, server, thread)


def admin_lines(server: DemoServer) -> list[str]:
    """What `--demo` prints so the whole network can be seen: the web admin and its sign-ins."""
    lines = [f"Web admin of the demo network: {server.url}/admin/"]
    lines += [
        f"  user {name}, password {password} ({what})" for name, password, what in server.network.admins
    ]
    return lines


def enroll_kiosk(server: DemoServer, root: Path) -> Any:
    """Enroll a kiosk (data in root/kiosk, token in memory) and run its first sync."""
    from kiosk.services.composition import KioskServices
    from kiosk.services.config import KioskConfig, MemoryTokenStore
    from kiosk.services.enroll import enroll

    tokens = MemoryTokenStore()
    config = enroll(
        server.url,
        server.network.enrollment_code,
        config=KioskConfig.load(root / "kiosk"),
        token_store=tokens,
        kiosk_name="Demo",
    )
    services = KioskServices.open(config, token_store=tokens)
    services.engine.run_once()
    return services


MEMBER_PAGE_SIZE = (390, 844)  # a phone's screen in CSS pixels


def member_page_url(server: DemoServer) -> str | None:
    """The demo member's page (the home member's link that `demo-seed` prints), if seeded."""
    links = getattr(server.network, "member_links", {})
    secret = next(iter(links.values()), None)
    return f"{server.url}/me/{secret}" if secret else None


def member_page_screenshot(server: DemoServer, root: Path) -> Path:
    """Render the demo member's page as a phone screenshot (headless chromium, in a background
    thread, bounded by a timeout) into root/member-page.png, and return that path. Until the file
    exists, or without chromium, the "phone" sample shows the pass drawn instead."""
    target = root / "member-page.png"
    url, chromium = member_page_url(server), shutil.which("chromium") or shutil.which("chromium-browser")
    if url is None or chromium is None:
        return target
    width, height = MEMBER_PAGE_SIZE
    cmd = [
        chromium, "--headless", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=2",
        f"--window-size={width},{height}", f"--user-data-dir={root / 'chromium'}",
        f"--screenshot={target}", url,
    ]  # fmt: skip
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.insert(1, "--no-sandbox")  # chromium refuses to run as root with its sandbox

    def render() -> None:
        try:
            process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError as exc:
            log.warning("no member page screenshot for the demo: %s", exc)
            return
        _RENDERERS.append(process)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            log.warning("no member page screenshot for the demo: chromium took over 60 s")
            process.kill()

    threading.Thread(target=render, name="demo-member-page", daemon=True).start()
    return target


_RENDERERS: list[subprocess.Popen[bytes]] = []  # chromium processes of member_page_screenshot


def stop_member_page_render() -> None:
    """End a screenshot still being rendered (the demo stops before chromium is done), so its
    profile directory is not written to while the demo's temporary directory is removed."""
    while _RENDERERS:
        process = _RENDERERS.pop()
        if process.poll() is None:
            process.kill()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            log.warning("chromium (pid %s) did not end within 5 s", process.pid)


def sample_buttons(network: Any, member_page: Path | None = None) -> list[Any]:
    from kiosk.camera.scene import HoldUpStyle
    from kiosk.ui.demo_panel import SampleButton

    s = network.samples
    card = HoldUpStyle(scale=0.38, angle=-6, tilt=12)
    return [
        SampleButton("home_member", s["home_member"].text, card),
        SampleButton("guest_free", s["guest_free"].text, HoldUpStyle(scale=0.34, angle=5, phone=True)),
        SampleButton("guest_used", s["guest_used"].text, card),
        SampleButton("replaced", s["replaced"].text, HoldUpStyle(scale=0.36, angle=10)),
        SampleButton("forged", s["forged"].text, card),
        SampleButton(
            "dark_phone", s["home_member"].text, HoldUpStyle(scale=0.34, phone=True, dark_mode=True)
        ),
        *(
            [
                SampleButton(
                    "member_page",
                    s["home_member"].text,
                    HoldUpStyle(scale=0.85, angle=-4, phone=True, screen=str(member_page)),
                )
            ]
            if member_page is not None
            else []
        ),
    ]
