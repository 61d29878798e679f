"""The lobby board: today here, the week in the region, series hints, equipment, paging, no names."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.core import messages
from kiosk.i18n import Translations
from kiosk.ui import theme
from kiosk.ui.lobby_board import LobbyBoard
from kiosk.ui.lobby_content import build_lobby
from kiosk.ui.lobby_rows import EventRow
from kiosk.ui.viewmodels import EquipmentItem, EventItem

from .conftest import QT_NOISE

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)

TZ = ZoneInfo("Europe/Berlin")


def texts(widget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget))


def every_page(board) -> str:
    """The visible text of each page in turn (the board pages by itself every PAGE_MS)."""
    shown = []
    for _ in range(board.page_count()):
        shown.append(texts(board))
        board.next_page()
    return "\n".join(shown)


def test_lobby_alone_shows_series_hint_regional_equipment_and_never_a_name(qtbot, world, services, make_app):
    app = make_app(services, camera=None, lobby=True)
    assert app.window.current() is app.lobby
    qtbot.waitUntil(lambda: app.lobby.content is not None and bool(app.lobby.content.hints), timeout=10_000)
    content = app.lobby.content
    # The Digital-Stammtisch ran in Seehausen two days ago; its next date is in Werben.
    hint = next(h for h in content.hints if h.title == "Digital-Stammtisch")
    assert hint.space_name == "Werben" and hint.day == world.network.today + timedelta(days=5)
    expected = f"Nächster Termin: Werben, {messages.short_date(hint.day, 'de')}"
    qtbot.waitUntil(lambda: expected in every_page(app.lobby), timeout=5000)
    # A monthly series (met three days ago in Gardelegen) and a bimonthly one (four days ago in
    # Salzwedel): their next dates are four and eight weeks ahead, elsewhere in the region.
    by_title = {h.title: h for h in content.hints}
    monthly, bimonthly = by_title["Gründertreff Altmark"], by_title["Repair-Café"]
    assert (monthly.space_name, monthly.day) == ("Osterburg", world.network.today + timedelta(days=25))
    assert (bimonthly.space_name, bimonthly.day) == ("Tangermünde", world.network.today + timedelta(days=52))
    board = every_page(app.lobby)
    # Stendal has no 3D printer: the board says where in the region there is one.
    assert "3D-Drucker (Prusa MK4)\nin Tangermünde" in board
    assert "Podcast-Studio" in board  # ours, with status
    assert "Digital-Stammtisch" in board  # the coming week across the region
    # Never a member's name.
    names = [services.store.member(n).display_name for n in world.network.passes]
    assert names and not [n for n in names if n in board]


def test_paging_and_english(qtbot, tmp_path):
    translations = Translations()
    translations.set_language("en")
    try:
        _paging(qtbot)
    finally:
        translations.set_language("de")


def _paging(qtbot):
    today = date(2026, 11, 26)
    events = [
        EventItem(i, f"Talk {i}", 1, "Werben", datetime(2026, 11, 26, 8 + i, tzinfo=TZ), url=f"https://e/{i}")
        for i in range(14)
    ]
    events.append(EventItem(99, "Talk 0", 2, "Werben", datetime(2026, 11, 28, 19, tzinfo=TZ), series_key="t"))
    events[0] = EventItem(
        0,
        "Talk 0",
        1,
        "Werben",
        datetime(2026, 11, 26, 8, tzinfo=TZ),
        datetime(2026, 11, 26, 9, tzinfo=TZ),
        series_key="t",
    )  # over at 09:41: missed
    equipment = [EquipmentItem(1, "Laser", "laser", 2, "Osterburg", "ok")]
    now = datetime(2026, 11, 26, 9, 41, tzinfo=TZ)
    content = build_lobby(events, equipment, 1, {1: "Werben", 2: "Osterburg"}, now)
    assert now.date() == today
    board = LobbyBoard(lambda: datetime(2026, 11, 26, 9, 41, tzinfo=TZ))
    qtbot.addWidget(board)
    board.resize(1920, 1080)  # a TV: fourteen of today's events do not fit on one page
    board.set_language("en")
    board.set_content(content)
    pages = board.page_count()
    assert pages >= 2
    board.show()

    def shown() -> set[str]:
        return {r.title.text() for r in board.findChildren(EventRow) if r.isVisibleTo(board)}

    qtbot.waitUntil(lambda: "Talk 1" in shown())
    seen, board_text = shown(), texts(board)
    for page in range(1, pages):
        board.next_page()
        assert board.page == page and "Talk 1" not in shown()
        assert f"Page {page + 1} of {pages}" in texts(board)
        seen, board_text = seen | shown(), board_text + texts(board)
    assert {f"Talk {i}" for i in range(14)} <= seen
    assert "Next date: Werben, Sat 28 Nov" in board_text  # after today's events
    board.next_page()
    assert board.page == 0
    qtbot.waitUntil(lambda: "Talk 1" in shown())
    assert "Laser\nin Osterburg" in texts(board)


def test_series_hints_only_for_a_recent_past_date_with_a_future_one():
    now = datetime(2026, 11, 26, 12, 0, tzinfo=TZ)

    def at(day: int, hour: int) -> datetime:
        return datetime(2026, 11, day, hour, tzinfo=TZ)

    events = sorted(
        [
            EventItem(1, "Stammtisch", 6, "Seehausen", at(24, 19), series_key="st"),  # elsewhere, 2 days ago
            EventItem(2, "Stammtisch", 7, "Werben", at(28, 19), series_key="st"),
            EventItem(3, "Stammtisch", 4, "Salzwedel", datetime(2026, 12, 5, 19, tzinfo=TZ), series_key="st"),
            EventItem(4, "Frühstück", 1, "Stendal", at(26, 8), series_key="fr"),  # here, this morning
            EventItem(5, "Frühstück", 1, "Stendal", datetime(2026, 12, 3, 8, tzinfo=TZ), series_key="fr"),
            EventItem(6, "Later today", 2, "Gardelegen", at(26, 18), series_key="lt"),  # not yet missed
            EventItem(7, "Later today", 2, "Gardelegen", at(29, 18), series_key="lt"),
            EventItem(8, "Old", 3, "Osterburg", at(10, 18), series_key="old"),  # too long ago
            EventItem(9, "Old", 3, "Osterburg", at(30, 18), series_key="old"),
            EventItem(10, "Ended", 5, "Tangermünde", at(25, 18), series_key="end"),  # no next date
        ],
        key=lambda e: e.starts_at,
    )
    hints = build_lobby(events, [], 1, {1: "Stendal"}, now).hints
    assert [(h.title, h.space_name, h.day) for h in hints] == [
        ("Stammtisch", "Werben", date(2026, 11, 28)),
        ("Frühstück", "Stendal", date(2026, 12, 3)),
    ]


BREAKFAST = [
    EventItem(1, "Gründerfrühstück", 1, "Stendal", datetime(2026, 11, 26, 8, 30, tzinfo=TZ),
              datetime(2026, 11, 26, 10, 0, tzinfo=TZ), series_key="gf"),  # last Thursday, here
    EventItem(2, "Gründerfrühstück", 1, "Stendal", datetime(2026, 12, 3, 8, 30, tzinfo=TZ),
              datetime(2026, 12, 3, 10, 0, tzinfo=TZ), series_key="gf"),  # today
    EventItem(3, "Gründerfrühstück", 3, "Osterburg", datetime(2026, 12, 10, 8, 30, tzinfo=TZ),
              datetime(2026, 12, 10, 10, 0, tzinfo=TZ), series_key="gf"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("clock", "hint"),
    [
        ((7, 0), None),  # today's breakfast is still to come: nothing was missed
        ((8, 30), None),  # it is starting
        ((9, 59), None),  # it is running: whoever comes now still catches it
        ((10, 0), ("Osterburg", date(2026, 12, 10))),  # it has ended: missed, next in Osterburg
        ((18, 0), ("Osterburg", date(2026, 12, 10))),
    ],
)
def test_missed_means_ended(clock: tuple[int, int], hint: tuple[str, date] | None) -> None:
    now = datetime(2026, 12, 3, *clock, tzinfo=TZ)  # Thursday 3 December 2026, Berlin time
    content = build_lobby(BREAKFAST, [], 1, {1: "Stendal", 3: "Osterburg"}, now)
    assert [e.id for e in content.today_here] == [2]
    assert [(h.space_name, h.day) for h in content.hints] == ([hint] if hint else [])


def test_an_event_without_an_end_time_is_missed_two_hours_after_it_began() -> None:
    talk = [
        EventItem(1, "Vortrag", 2, "Werben", datetime(2026, 12, 3, 18, 0, tzinfo=TZ), series_key="v"),
        EventItem(2, "Vortrag", 4, "Salzwedel", datetime(2026, 12, 10, 18, 0, tzinfo=TZ), series_key="v"),
    ]

    def hints(hour: int, minute: int = 0) -> list[str]:
        now = datetime(2026, 12, 3, hour, minute, tzinfo=TZ)
        return [h.space_name for h in build_lobby(talk, [], 1, {1: "Stendal"}, now).hints]

    assert hints(19, 59) == [] and hints(20) == ["Salzwedel"]


def _squeezed(board) -> list[str]:
    """Visible labels that got less height than their text needs."""
    bad = []
    for lab in board.findChildren(QLabel):
        if not lab.isVisibleTo(board) or not lab.text():
            continue
        needed = lab.heightForWidth(lab.width()) if lab.wordWrap() else lab.sizeHint().height()
        if lab.height() + 1 < needed:
            bad.append(f"{lab.text()!r}: {lab.height()} < {needed}")
    return bad


@pytest.mark.parametrize("size", [(1280, 800), (1280, 700), (1920, 1080), (1920, 980)])
def test_every_row_fits_whatever_height_the_board_gets(qtbot, size):
    # Under the demo panel the board gets ~700 px of a 1280x800 screen: it must page sooner
    # rather than squeeze two-line names into one line.
    now = datetime(2026, 11, 26, 9, 41, tzinfo=TZ)
    long_names = ["Großformat-Drucker A1", "3D-Drucker (Prusa MK4)", "Vinyl-Schneideplotter"]
    equipment = [EquipmentItem(1, long_names[0], "printer", 1, "Stendal", "ok")] + [
        EquipmentItem(10 + i, f"{long_names[i % 3]} {i}", f"cat{i}", 2 + i % 5, "Werben", "ok")
        for i in range(9)
    ]
    events = [
        EventItem(
            i,
            f"Förderprogramme für Gründer:innen {i}",
            2 + i % 5,
            "Tangermünde",
            datetime(2026, 11, 26 + i % 4, 10 + i % 8, tzinfo=TZ),
            url=f"https://e/{i}",
        )
        for i in range(9)
    ]
    names = {1: "Stendal", 2: "Werben", 3: "Tangermünde", 4: "Osterburg", 5: "Salzwedel", 6: "Seehausen"}
    content = build_lobby(events, equipment, 1, names, now)
    board = LobbyBoard(lambda: now)
    qtbot.addWidget(board)
    board.resize(*size)
    board.set_content(content)
    board.show()
    qtbot.waitExposed(board)
    for _page in range(board.page_count()):
        qtbot.waitUntil(lambda: not _squeezed(board), timeout=1000)
        board.next_page()


LONG_TITLES = [
    "Workshop: Förderanträge für Vereine im ländlichen Raum schreiben",
    "Coworking-Frühstück",
    "Sprechstunde Existenzgründung mit der IHK Magdeburg",
    "Mittagstisch für Selbstständige und Freiberufler:innen",
    "Einführung in den Großformatdrucker",
    "Digital-Stammtisch: Website-Baukästen im Vergleich",
    "Yoga am Schreibtisch",
    "Podcast-Sprechstunde",
    "Abendvortrag: Glasfaser in der Altmark – wie weit sind wir?",
    "Filmabend: Digitales Dorf",
]


@pytest.mark.parametrize(("size", "at_least"), [((1920, 1080), 4), ((1280, 800), 3)])
def test_todays_events_fill_the_board(qtbot, size: tuple[int, int], at_least: int) -> None:
    """Ten of today's events with long names and QR codes: several on each page, down to the
    bottom of the board; no "elsewhere" heading over nothing; the line saying where to scan."""
    now = datetime(2026, 12, 3, 7, 41, tzinfo=TZ)
    events = [
        EventItem(
            i, title, 1, "Stendal", datetime(2026, 12, 3, 8 + i, tzinfo=TZ),
            datetime(2026, 12, 3, 9 + i, tzinfo=TZ), url=f"https://coworking-altmark.example/termine/{i}",
        )
        for i, title in enumerate(LONG_TITLES)
    ]  # fmt: skip
    equipment = [
        EquipmentItem(1, "Großformat-Drucker A1", "printer", 1, "Stendal", "ok")
    ]  # nothing elsewhere
    content = build_lobby(events, equipment, 1, {1: "Stendal"}, now)
    assert content.elsewhere == ()
    theme.apply(QApplication.instance(), False)  # the kiosk's type sizes, as the app sets them
    translations = Translations()  # kept: the translator lives as long as this object
    translations.set_language("de")
    board = LobbyBoard(lambda: now)
    qtbot.addWidget(board)
    board.resize(*size)
    board.set_content(content)
    board.show()
    qtbot.waitExposed(board)
    seen: set[str] = set()
    for page in range(board.page_count()):
        rows = [r for r in board.findChildren(EventRow) if r.isVisibleTo(board)]
        seen |= {r.title.text() for r in rows}
        if page < board.page_count() - 1:  # a full page: several events, down to the bottom
            assert len(rows) >= at_least, (page, [r.title.text() for r in rows])
            bottom = max(r.mapTo(board, r.rect().bottomLeft()).y() for r in rows)
            assert bottom > 0.75 * board.height(), (bottom, board.height())
        assert not _squeezed(board)
        board.next_page()
    assert seen == set(LONG_TITLES)  # every event on some page
    board_text = texts(board)
    assert "ANDERSWO IN DER REGION" not in board_text and "UNSERE GERÄTE" in board_text
    assert "Zum Einchecken" in board_text and "Kamera" in board_text


@pytest.mark.parametrize(
    ("kind", "de", "en"),
    [
        ("camera", "halte deinen Ausweis (Karte oder Handy) vor die Kamera", "up to the camera"),
        ("scanner", "halte deinen Ausweis (Karte oder Handy) an den Scanner", "to the scanner"),
        (None, "am Terminal am Eingang", "at the kiosk by the entrance"),
    ],
)
def test_the_board_says_where_to_hold_up_the_pass(qtbot, kind: str | None, de: str, en: str) -> None:
    now = datetime(2026, 12, 3, 7, 41, tzinfo=TZ)
    translations = Translations()
    translations.set_language("de")
    board = LobbyBoard(lambda: now)
    qtbot.addWidget(board)
    board.set_scan_hint(kind)
    board.set_content(build_lobby([], [], 1, {1: "Stendal"}, now))
    assert de in board.scan_hint.text()
    translations.set_language("en")
    try:
        qtbot.waitUntil(lambda: en in board.scan_hint.text(), timeout=2000)
    finally:
        translations.set_language("de")
