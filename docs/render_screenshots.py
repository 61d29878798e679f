"""Render every kiosk screen in German and English into docs/screenshots/*.png.

Runs the real thing: an embedded demo server seeded with the Altmark network, an enrolled
kiosk with its real SQLite store, real check-ins. Offscreen Qt, so no display is needed:

    python docs/render_screenshots.py            # all screens, de + en
    python docs/render_screenshots.py --only lobby
    python docs/render_screenshots.py --only admin   # the web admin (render_admin_screenshots.py)

Screens: 1280x800; the lobby board, the check-in screen and the desk also at 1920x1080; the PIN
pad and the desk also at 1024x600. The
lobby is rendered last, after a day's programme (PROGRAMME, as an iCalendar file through the
server's importer) was added to the demo space, so it shows a real day of events.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402
from PySide6.QtCore import QBuffer, QEventLoop, QIODevice, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from kiosk.camera.scene import HoldUpStyle  # noqa: E402
from kiosk.core.presence import GOODBYE_KEY  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def wait(ms: int) -> None:
    """Let the event loop (and the worker threads) run; QTest.qWait keeps the GIL in PySide6."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(condition, timeout_ms: int = 15_000) -> None:  # type: ignore[no-untyped-def]
    for _ in range(timeout_ms // 50):
        if condition():
            return
        wait(50)
    raise TimeoutError("the screen did not reach the expected state")


def save(widget: QWidget, name: str) -> None:
    wait(120)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().toImage().save(buffer, "PNG")  # type: ignore[call-overload]
    image = Image.open(io.BytesIO(buffer.data().data())).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        OUT / f"{name}.png", optimize=True
    )
    print("wrote", f"docs/screenshots/{name}.png")


def render(only: str | None) -> None:
    from kiosk import demo
    from kiosk.app import KioskApp, Options
    from kiosk.ui.enroll_screen import EnrollScreen

    app = QApplication.instance() or QApplication([])
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        server = demo.start_server(Path(tmp))
        services = demo.enroll_kiosk(server, Path(tmp))
        camera = demo.UnpluggableDemoCamera()
        kiosk = KioskApp(services, camera, Options(windowed=True, sound=False, lobby_idle_ms=0))
        try:
            kiosk.start()
            kiosk.window.resize(1280, 800)
            samples = server.network.samples
            results = {
                key: services.checkin.check_in(samples[key].text)
                for key in ("guest_free", "guest_used", "replaced", "forged", "home_member")
            }
            pin = server.network.staff_pins[server.network.space_slug]
            services.checkin.issue_day_pass(staff_id=0, note="Demo")
            wait(600)
            shots = Shots(kiosk, app, results, pin, camera, only)
            shots.hold_text = samples["home_member"].text
            for lang in ("de", "en"):
                kiosk.set_language(lang)
                wait(200)
                shots.all(lang)
            if shots.want("lobby"):  # last: the day's programme would change the other screens
                todays_programme(Path(tmp), services)
                kiosk.lobby_presenter.refresh()
                wait_for(lambda: len(kiosk.lobby.content.today_here) > 3 if kiosk.lobby.content else False)
                for lang in ("de", "en"):
                    kiosk.set_language(lang)
                    wait(200)
                    shots.lobby(lang)
            screen = EnrollScreen()
            screen.resize(1280, 800)
            screen.server.setText(server.url)
            screen.code.setText("CWE1 01 0001 ...")
            screen.show()
            for lang in ("de", "en"):
                kiosk.set_language(lang)
                screen.lang = lang
                screen.show_error("code.check_symbol")
                if only in (None, "enroll"):
                    save(screen, f"enroll-{lang}")
            screen.close()
            kiosk.set_language("de")
            if only in (None, "high-contrast"):
                high_contrast(kiosk, app, results)
        finally:
            kiosk.shutdown()
            services.close()
            server.stop()


# A space's day as its calendar app exports it (iCalendar, Nextcloud style), imported through the
# server's own importer: long titles, times, links; dated today so the lobby shows it as today's.
PROGRAMME = [
    ("0900", "0930", "Hausführung für neue Mitglieder und alle, die es werden wollen", ""),
    ("1000", "1130", "Sprechstunde Existenzgründung mit der IHK Magdeburg", "sprechstunde-gruendung"),
    ("1200", "1300", "Mittagstisch für Selbstständige und Freiberufler:innen", ""),
    ("1400", "1600", "Workshop: Förderanträge für Vereine im ländlichen Raum schreiben", "workshop-antraege"),
    ("1630", "1730", "Einführung in den Großformat-Drucker A1", "einfuehrung-grossformat"),
    ("1800", "2000", "Abendvortrag: Glasfaser in der Altmark – wie weit sind wir?", "vortrag-glasfaser"),
    ("2000", "2200", "Spieleabend im Coworking", ""),
]


def todays_programme(root: Path, services) -> None:  # type: ignore[no-untyped-def]
    from kiosk.core.calendar import NetworkCalendar, utc_now
    from kiosk.demo import DEMO_SPACE
    from netserver import demo as seed_demo
    from netserver.db import Database
    from netserver.importers.ical import import_ics

    today = NetworkCalendar(seed_demo.TIMEZONE).local_date(utc_now())
    day = today.strftime("%Y%m%d")
    events = "".join(
        "BEGIN:VEVENT\r\n"
        f"UID:{day}-{start}@cloud.coworking-stendal.example\r\nDTSTAMP:{day}T060000Z\r\n"
        f"SUMMARY:{title}\r\nLOCATION:Coworking Stendal\\, Breite Straße 12\r\n"
        f"DTSTART;TZID=Europe/Berlin:{day}T{start}00\r\nDTEND;TZID=Europe/Berlin:{day}T{end}00\r\n"
        + (f"URL:https://coworking-stendal.example/termine/{slug}\r\n" if slug else "")
        + "END:VEVENT\r\n"
        for start, end, title, slug in PROGRAMME
    )
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//IDN nextcloud.com//Calendar app 4.7.4//EN\r\n"
        f"X-WR-CALNAME:Coworking Stendal\r\n{events}END:VCALENDAR\r\n"
    )
    db = Database(f"sqlite:///{root / 'server' / 'network.db'}")
    with db.write() as session:
        import_ics(session, ics, today=today, default_space=DEMO_SPACE)
    db.dispose()
    services.engine.run_once()


def high_contrast(kiosk, app, results) -> None:  # type: ignore[no-untyped-def]
    from kiosk.ui import theme

    theme.apply(app, high_contrast=True)
    kiosk.window.resize(1280, 800)
    kiosk.go_home()
    kiosk.checkin.show_verdict(results["guest_free"].verdict)
    save(kiosk.window, "high-contrast-verdict-admitted-de")
    kiosk.checkin.show_verdict(results["guest_used"].verdict)
    save(kiosk.window, "high-contrast-verdict-denied-de")
    kiosk.checkin.show_scanning()
    save(kiosk.window, "high-contrast-checkin-de")
    theme.apply(app, high_contrast=False)


def at_1920(window: QWidget, name: str) -> None:
    at_size(window, 1920, 1080, name)


def at_size(window: QWidget, width: int, height: int, name: str) -> None:
    window.resize(width, height)
    wait(200)
    assert window.width() == width and window.height() == height, (name, window.size())
    save(window, name)
    window.resize(1280, 800)
    wait(200)


class Shots:
    def __init__(self, kiosk, app, results, pin, camera, only) -> None:  # type: ignore[no-untyped-def]
        self.kiosk, self.app, self.results, self.pin, self.camera, self.only = (
            kiosk,
            app,
            results,
            pin,
            camera,
            only,
        )
        self.hold_text = ""

    def want(self, name: str) -> bool:
        return self.only is None or name.startswith(self.only)

    def all(self, lang: str) -> None:
        k, w = self.kiosk, self.kiosk.window
        k.go_home()
        if self.want("checkin"):
            k.checkin_presenter.active = False  # show the picture, do not check in
            self.camera.hold_up(self.hold_text, HoldUpStyle(scale=0.36, angle=-7, tilt=10))
            wait(900)
            save(w, f"checkin-scanning-{lang}")
            at_1920(w, f"checkin-scanning-1920-{lang}")
            self.camera.take_away()
            k.checkin_presenter.active = True
        for key, name in (
            ("guest_free", "admitted-guest"),
            ("guest_used", "denied-days-used"),
            ("replaced", "denied-replaced"),
            ("forged", "denied-unknown"),
        ):
            if self.want("verdict"):
                k.checkin.show_verdict(self.results[key].verdict)
                save(w, f"verdict-{name}-{lang}")
        if self.want("verdict"):
            offline = dataclasses.replace(self.results["home_member"].verdict, offline=True)
            k.checkin.show_verdict(offline)
            save(w, f"verdict-offline-home-{lang}")
            # who is here (docs/presence.md): a check-out, and a guest while every desk is taken
            goodbye = dataclasses.replace(self.results["home_member"].verdict, message_key=GOODBYE_KEY)
            k.checkin.show_verdict(goodbye)
            save(w, f"verdict-goodbye-{lang}")
            k.checkin.show_verdict(self.results["guest_free"].verdict, space_full=True)
            save(w, f"verdict-space-full-{lang}")
            k.checkin.show_scanning()
        if self.want("out-of-order"):
            k.checkin.set_camera_ok(False)
            save(w, f"out-of-order-{lang}")
            k.checkin.set_camera_ok(True)
        if self.want("scanner-only"):  # `--camera none --scanner`: a USB scanner and no camera
            k.checkin.set_camera_ok(False)
            k.checkin.set_scanner_ready(True)
            save(w, f"scanner-only-{lang}")
            k.checkin.set_scanner_ready(False)
            k.checkin.set_camera_ok(True)
        if self.want("pin"):
            k.open_pin()
            save(w, f"pin-{lang}")
            k.pin.show_wrong_pin()
            save(w, f"pin-wrong-{lang}")
            at_size(w, 1024, 600, f"pin-1024-{lang}")  # a small panel: the whole pad on screen
            k.go_home()
        if self.want("desk"):
            self.desk(lang)

    def lobby(self, lang: str) -> None:
        k, w = self.kiosk, self.kiosk.window
        k.window.show_screen(k.lobby)
        for size, name in (((1280, 800), f"lobby-{lang}"), ((1920, 1080), f"lobby-1920-{lang}")):
            w.resize(*size)
            wait(300)
            while k.lobby.page != 0:  # the first page
                k.lobby.next_page()
            save(w, name)
        w.resize(1280, 800)
        wait(200)
        k.go_home()

    def desk(self, lang: str) -> None:
        k, w = self.kiosk, self.kiosk.window
        for key in ("guest_used", "forged"):  # denied at the door a moment ago: the desk's list
            k.checkin_presenter.result_shown.emit(self.results[key])
        k.open_pin()
        k.desk_presenter.try_pin(self.pin[1])
        wait_for(lambda: k.window.current() is k.desk)
        wait(300)
        members = k.desk.members
        members.search.setText("a")
        wait(300)
        save(w, f"desk-members-{lang}")
        at_1920(w, f"desk-members-1920-{lang}")
        at_size(w, 1024, 600, f"desk-members-1024-{lang}")
        for index, name in enumerate(("today", "conflicts", "sync", "equipment"), start=1):
            k.desk.tabs.setCurrentIndex(index)
            save(w, f"desk-{name}-{lang}")
            if name == "sync":
                at_size(w, 1024, 600, f"desk-sync-1024-{lang}")
        k.desk.tabs.setCurrentIndex(5)
        k.desk_presenter.issue_day_pass("Demo")
        wait(500)
        save(w, f"desk-daypass-{lang}")
        k.desk_presenter.lock()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default=None, help="prefix of the screens to render")
    only = parser.parse_args().only
    if only is None or not only.startswith("admin"):
        render(only)
    if only is None or only.startswith("admin"):  # the web admin's pages, in a browser
        import render_admin_screenshots

        render_admin_screenshots.render()


if __name__ == "__main__":
    main()
