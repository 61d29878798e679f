"""The lobby board: today here, the week in the region, series hints, equipment, paging, no names."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.core import messages
from kiosk.i18n import Translations
from kiosk.ui.lobby_board import TODAY_PER_PAGE, LobbyBoard
from kiosk.ui.lobby_content import build_lobby
from kiosk.ui.viewmodels import EquipmentItem, EventItem

from .conftest import QT_NOISE

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)

TZ = ZoneInfo("Europe/Berlin")


def texts(widget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget))


def test_lobby_alone_shows_series_hint_regional_equipment_and_never_a_name(qtbot, world, services, make_app):
    app = make_app(services, camera=None, lobby=True)
    assert app.window.current() is app.lobby
    qtbot.waitUntil(lambda: app.lobby.content is not None and bool(app.lobby.content.hints), timeout=10_000)
    content = app.lobby.content
    # The breakfast ran here today; its next date is next week, here in Stendal.
    hint = next(h for h in content.hints if h.title == "Coworking-Frühstück")
    assert hint.space_name == "Stendal" and hint.day == world.network.today + timedelta(days=7)
    expected = f"Nächster Termin: Stendal, {messages.short_date(hint.day, 'de')}"
    qtbot.waitUntil(lambda: expected in texts(app.lobby), timeout=5000)
    board = texts(app.lobby)
    assert f"Nächster Termin: Stendal, {messages.short_date(hint.day, 'de')}" in board
    # Stendal has no 3D printer: the board says where in the region there is one.
    assert "3D-Drucker (Prusa MK4)\nin Tangermünde" in board
    assert "Podcast-Studio" in board  # ours, with status
    assert "Digital-Stammtisch" in board  # the coming week across the region
    # Never a member's name.
    names = [services.store.member(n).display_name for n in world.network.passes]
    assert names and not [n for n in names if n in board]


def test_paging_and_english(qtbot, tmp_path):
    translations = Translations(tmp_path)
    translations.set_language("en")
    try:
        _paging(qtbot)
    finally:
        translations.set_language("de")


def _paging(qtbot):
    today = date(2026, 11, 26)
    events = [
        EventItem(i, f"Talk {i}", 1, "Werben", datetime(2026, 11, 26, 8 + i, tzinfo=TZ), url=f"https://e/{i}")
        for i in range(TODAY_PER_PAGE + 2)
    ]
    events.append(EventItem(99, "Talk 0", 2, "Werben", datetime(2026, 11, 28, 19, tzinfo=TZ), series_key="t"))
    events[0] = EventItem(0, "Talk 0", 1, "Werben", datetime(2026, 11, 26, 8, tzinfo=TZ), series_key="t")
    equipment = [EquipmentItem(1, "Laser", "laser", 2, "Osterburg", "ok")]
    content = build_lobby(events, equipment, 1, {1: "Werben", 2: "Osterburg"}, today)
    board = LobbyBoard(lambda: datetime(2026, 11, 26, 9, 41, tzinfo=TZ))
    qtbot.addWidget(board)
    board.resize(1920, 1080)  # a TV: three of today's events per page
    board.set_language("en")
    board.set_content(content)
    assert board.page_count() == 2
    board.show()
    qtbot.waitUntil(lambda: "Talk 1" in texts(board))
    board.next_page()
    qtbot.waitUntil(lambda: "Talk 1" not in texts(board) and "Talk 4" in texts(board))
    assert board.page == 1
    board.next_page()
    assert board.page == 0
    qtbot.waitUntil(lambda: "Talk 1" in texts(board))
    assert "Next date: Werben, Sat 28 Nov" in texts(board)
    assert "Laser\nin Osterburg" in texts(board)
