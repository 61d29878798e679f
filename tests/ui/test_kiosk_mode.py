"""Kiosk mode (DESIGN.md section 7): frameless full screen, no way out but the staff desk, no cursor."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from .conftest import QT_NOISE
from .test_desk_flow import unlock

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)


def cursor_hidden() -> bool:
    cursor = QApplication.overrideCursor()
    return cursor is not None and cursor.shape() == Qt.CursorShape.BlankCursor


def test_kiosk_mode_is_frameless_full_screen_refuses_close_and_hides_the_cursor(
    qtbot, world, services, make_app
):
    app = make_app(services, windowed=False)
    window = app.window
    qtbot.waitUntil(window.isVisible)
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert window.isFullScreen()
    assert cursor_hidden()  # the check-in screen: nobody needs a pointer
    # Alt+F4, the window manager, anything: closing is refused.
    assert not window.close()
    assert window.isVisible()
    # The lobby (idle) hides it too; the PIN pad and the desk show it.
    app._show(app.lobby)
    assert cursor_hidden()
    app.go_home()
    unlock(qtbot, app, world.pin)
    assert not cursor_hidden()
    assert not window.close() and window.isVisible()  # an unlocked desk alone is no way out
    app.desk_presenter.lock()
    qtbot.waitUntil(lambda: app.window.current() is app.checkin)
    assert cursor_hidden()
    # Staff leave kiosk mode: now the window closes, and the cursor is back.
    unlock(qtbot, app, world.pin)
    qtbot.mouseClick(app.desk.exit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert not cursor_hidden()


def test_windowed_has_frame_closes_and_keeps_the_cursor(qtbot, services, make_app):
    app = make_app(services, windowed=True)
    window = app.window
    qtbot.waitUntil(window.isVisible)
    assert not window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert not window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert not window.isFullScreen()
    assert not cursor_hidden()
    app._show(app.lobby)
    assert not cursor_hidden()
    assert window.close()
    assert not window.isVisible()
