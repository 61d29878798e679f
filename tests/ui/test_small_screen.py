"""The kiosk on a 1024×600 screen (a common 7" and 10" panel) and on 1280×800: the window is
allowed to be that small, the staff PIN pad is fully on screen (every key and the way back),
also with the longest message it shows, and every desk section fits without the window growing
(the members' with search results and two denials waiting)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect

from .conftest import QT_NOISE
from .test_desk_denials import at_the_door
from .test_desk_flow import unlock

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)

SIZES = [(1024, 600), (1280, 800)]


def inside(window, widget) -> bool:
    top_left = widget.mapTo(window, widget.rect().topLeft())
    return QRect(0, 0, window.width(), window.height()).contains(QRect(top_left, widget.size()))


@pytest.mark.parametrize(("width", "height"), SIZES)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_pin_pad_and_desk_fit_the_screen(qtbot, world, services, make_app, width, height, lang) -> None:
    app = make_app(services, camera=None, scanner=True, lang=lang)
    for key in ("replaced", "forged"):  # two denials a moment ago: the desk lists them
        at_the_door(qtbot, app, world.pass_text(key))
    window = app.window
    assert window.minimumSizeHint().height() <= height and window.minimumSizeHint().width() <= width
    window.resize(width, height)
    app.open_pin()
    app.pin.show_locked(services.clock.now())  # the longest message the pad shows
    app.pin.show_locked(None)
    app.pin.show_wrong_pin()
    qtbot.waitUntil(lambda: window.size().width() == width and window.size().height() == height)
    qtbot.wait(50)
    for key in [*app.pin.keys, app.pin.pin, app.pin.back]:
        assert key.isVisible() and inside(window, key), (key.text(), key.geometry())
    app.pin.show_locked(services.clock.now())
    qtbot.wait(50)
    assert window.height() == height and all(inside(window, key) for key in app.pin.keys)
    app.pin.show_locked(None)
    unlock(qtbot, app, world.pin)
    qtbot.keyClicks(app.desk.members.search, "a")
    qtbot.waitUntil(lambda: app.desk.members.table.rowCount() > 0)
    assert not app.desk.members.denials.isHidden()
    for i, page in enumerate(app.desk.pages):
        app.desk.tabs.setCurrentIndex(i)
        qtbot.wait(20)
        assert window.height() == height and window.width() == width, app.desk.tabs.tabText(i)
        assert page.minimumSizeHint().height() <= page.height(), app.desk.tabs.tabText(i)
        assert inside(window, app.desk.lock) and inside(window, app.desk.exit)
