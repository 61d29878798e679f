"""A USB keyboard-wedge scanner at the running kiosk: real key events into the real window."""

from __future__ import annotations

import pytest

from kiosk.core.verdicts import Reason
from tests.scanner.keystrokes import Typist, scan_events

from .conftest import QT_NOISE

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)


def scan(qtbot, app, text: str, **how):
    """Type `text` as a scanner does, through the window system into the kiosk's window."""
    # Started: the first sync is shown (its work would otherwise run between the keys the test sends;
    # a real scanner's keys queue up meanwhile and arrive together).
    qtbot.waitUntil(lambda: bool(app.checkin.space.text()), timeout=10_000)
    typist = Typist(app.window.windowHandle(), advance=lambda _s: None)  # real time, real clock
    with qtbot.waitSignal(app.checkin_presenter.result_shown, timeout=10_000) as blocker:
        typist.send(scan_events(text, **how), gap_s=0)
    return blocker.args[0]


@pytest.mark.parametrize(
    "how",
    [{}, {"layout": "de", "suffix": "keypad_enter", "prefix": "]Q1"}],
    ids=["us-return", "de-keypad-enter-aim-prefix"],
)
def test_a_scanner_typing_a_real_pass_in_capitals_with_shift_checks_the_guest_in(
    qtbot, world, services, make_app, how
):
    app = make_app(services)
    text = world.pass_text("guest_free")
    assert text == text.upper() and any(c.isalpha() for c in text)  # as printed: Shift for each letter
    result = scan(qtbot, app, text, **how)
    assert result.method == "wedge"
    assert result.verdict.reason in (Reason.GUEST_DAY, Reason.ALREADY_TODAY)
    assert result.verdict.admitted
    assert app.checkin.showing_verdict
    assert world.network.samples["guest_free"].display_name in app.checkin.card.headline.text()


# --- A kiosk with a USB scanner and no camera works; "out of order" only when no input works ---


def scanning(app) -> bool:
    return app.checkin.stack.currentWidget() is app.checkin._scanning_page


def test_a_kiosk_with_a_scanner_and_no_camera_is_a_working_kiosk(qtbot, world, services, make_app):
    app = make_app(services, camera=None, scanner=True)  # `coworking-kiosk --camera none --scanner`
    assert not app.checkin.out_of_order and scanning(app)
    assert "Scanner" in app.checkin.prompt.text()  # "Halte deinen Ausweis unter den Scanner"
    assert app.checkin.camera.isHidden() and not app.checkin.scanner_art.isHidden()
    result = scan(qtbot, app, world.pass_text("home_member"))
    assert result.verdict.reason is Reason.HOME_MEMBER and app.checkin.showing_verdict
    app.checkin.show_scanning()
    assert scanning(app)  # back to scanning after the verdict, not to "out of order"


def test_no_camera_and_no_scanner_is_out_of_order_until_a_scanner_types(qtbot, world, services, make_app):
    app = make_app(services, camera=None)
    assert app.checkin.out_of_order
    assert app.checkin.stack.currentWidget() is app.checkin.broken
    # Someone scans at a scanner nobody told the kiosk about: checked in, and it is remembered.
    result = scan(qtbot, app, world.pass_text("home_member"))
    assert result.verdict.admitted and not app.checkin.out_of_order
    app.checkin.show_scanning()
    assert scanning(app)
    qtbot.waitUntil(lambda: services.store.get_meta("wedge_scanner_seen") == "1")
    app.shutdown()
    again = make_app(services, camera=None)  # after a restart: still a working kiosk
    assert not again.checkin.out_of_order and scanning(again)


def test_a_lost_camera_with_a_scanner_attached_asks_for_the_scanner(qtbot, world, services, make_app):
    app = make_app(services, scanner=True)
    qtbot.waitUntil(lambda: scanning(app))
    app.camera.source.unplug()
    qtbot.waitUntil(lambda: not app.checkin.camera_ok, timeout=10_000)
    assert scanning(app) and "Scanner" in app.checkin.prompt.text()
    app.camera.source.plug_in()
    qtbot.waitUntil(lambda: app.checkin.camera_ok, timeout=15_000)
    assert "Kamera" in app.checkin.prompt.text() and not app.checkin.camera.isHidden()
