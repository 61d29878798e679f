"""The kiosk while idle is the lobby board; any scan, key or click brings check-in back at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kiosk.app import LOBBY_IDLE_MS, Options
from kiosk.core.verdicts import Reason

from .conftest import QT_NOISE

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)

IDLE_MS = 400


def texts(widget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget))


def every_page(board) -> str:
    """The visible text of each of the board's pages in turn."""
    shown = []
    for _ in range(board.page_count()):
        shown.append(texts(board))
        board.next_page()
    return "\n".join(shown)


def wait_for_lobby(qtbot, app) -> None:
    qtbot.waitUntil(lambda: app.window.current() is app.lobby, timeout=5000)
    assert not app.checkin_presenter.active


def back_to_scanning(qtbot, app) -> None:
    app.checkin.show_scanning()  # what the verdict card's timer does after 4 or 7 s
    app.idle.restart()


def test_idle_default_is_a_minute():
    assert Options().lobby_idle_ms == LOBBY_IDLE_MS == 60_000


def test_idle_check_in_screen_becomes_the_lobby_and_a_camera_scan_there_is_checked_in(
    qtbot, world, services, make_app
):
    app = make_app(services, lobby_idle_ms=IDLE_MS)
    assert app.window.current() is app.checkin
    wait_for_lobby(qtbot, app)
    qtbot.waitUntil(lambda: app.lobby.content is not None and "Digital-Stammtisch" in every_page(app.lobby))
    # The camera keeps running while the lobby shows.
    frames = app.camera.frames
    qtbot.waitUntil(lambda: app.camera.frames > frames + 5, timeout=5000)
    # A guest holds up a pass at the lobby: the check-in screen comes back and shows the verdict.
    with qtbot.waitSignal(app.checkin_presenter.result_shown, timeout=10_000) as blocker:
        app.camera.source.hold_up(world.pass_text("guest_free"))
    app.camera.source.take_away()
    assert blocker.args[0].verdict.reason is Reason.GUEST_DAY
    assert app.window.current() is app.checkin and app.checkin.showing_verdict
    name = world.network.samples["guest_free"].display_name
    assert name in app.checkin.card.headline.text()
    # The verdict stays up: being idle does not hide it.
    qtbot.wait(IDLE_MS * 2)
    assert app.window.current() is app.checkin and app.checkin.showing_verdict
    # Back to scanning, idle again: the lobby never carries a member's name.
    back_to_scanning(qtbot, app)
    wait_for_lobby(qtbot, app)
    board = every_page(app.lobby)
    names = [services.store.member(n).display_name for n in world.network.passes]
    assert names and not [n for n in names if n in board]


def test_a_key_a_click_or_a_wedge_scan_brings_check_in_back_at_once(qtbot, world, services, make_app):
    app = make_app(services, lobby_idle_ms=IDLE_MS)
    wait_for_lobby(qtbot, app)
    qtbot.keyClick(app.window, Qt.Key.Key_Space)
    assert app.window.current() is app.checkin and app.checkin_presenter.active
    wait_for_lobby(qtbot, app)
    qtbot.mouseClick(app.lobby, Qt.MouseButton.LeftButton)
    assert app.window.current() is app.checkin
    wait_for_lobby(qtbot, app)
    # A USB wedge scanner types the code: the first key wakes the screen, the scan is checked in.
    with qtbot.waitSignal(app.checkin_presenter.result_shown, timeout=10_000) as blocker:
        qtbot.keyClicks(app.window, world.pass_text("home_member"))
        qtbot.keyClick(app.window, Qt.Key.Key_Return)
    assert blocker.args[0].verdict.reason is Reason.HOME_MEMBER
    assert blocker.args[0].method == "wedge"
    assert app.window.current() is app.checkin and app.checkin.showing_verdict


def test_no_idle_lobby_behind_the_pin_or_while_out_of_order(qtbot, services, make_app):
    app = make_app(services, lobby_idle_ms=IDLE_MS)
    app.open_pin()
    qtbot.wait(IDLE_MS * 2)
    assert app.window.current() is app.pin
    app.go_home()
    app.camera.source.unplug()
    qtbot.waitUntil(lambda: not app.checkin.camera_ok, timeout=10_000)
    app.idle.restart()
    qtbot.wait(IDLE_MS * 2)
    assert app.window.current() is app.checkin  # "out of order, please ring" stays up
    app.camera.source.plug_in()
    qtbot.waitUntil(lambda: app.checkin.camera_ok, timeout=15_000)
    wait_for_lobby(qtbot, app)
