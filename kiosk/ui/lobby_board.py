"""The lobby board: today here, the coming week in the region, series hints, the equipment board,
a clock; pages through long lists by itself. Shows no member's name, except the first names
members opted in to show on the here-today skills board."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core import messages
from kiosk.ui.lobby_occupancy import OccupancyCard
from kiosk.ui.lobby_rows import EquipmentRow, EventRow
from kiosk.ui.lobby_skills import SkillsBoard
from kiosk.ui.viewmodels import LobbyContent
from kiosk.ui.widgets import Clock, card, hhmm, label

PAGE_MS = 12_000
TODAY_PER_PAGE = 3
WEEK_PER_PAGE = 5
ELSEWHERE_PER_PAGE = 6
COMPACT_BELOW = 1600  # narrower than a TV: fewer rows per page, smaller type
SHORT_BELOW = 760  # less height than a kiosk screen gives the board (e.g. under the demo panel)


@dataclass(frozen=True)
class _Layout:
    today: int
    week: int
    elsewhere: int
    today_px: int
    week_px: int
    qr_today: int
    qr_week: int


_WIDE = _Layout(TODAY_PER_PAGE, WEEK_PER_PAGE, ELSEWHERE_PER_PAGE, 30, 24, 112, 76)
_COMPACT = _Layout(2, 4, 4, 24, 20, 88, 64)
_SHORT = _Layout(1, 3, 2, 22, 18, 72, 56)


def _layout_for(width: int, height: int) -> _Layout:
    if height < SHORT_BELOW:
        return _SHORT
    return _COMPACT if width < COMPACT_BELOW else _WIDE


class LobbyBoard(QWidget):
    def __init__(self, now=None, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.lang = messages.DEFAULT_LANGUAGE
        self.content: LobbyContent | None = None
        self.page = 0
        self.heading = label(role="headline")
        self.clock = Clock(now)
        self.clock.setStyleSheet("font-size: 60px; font-weight: 700;")
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        self.occupancy = OccupancyCard()  # how many are in, desks free (kiosk/ui/lobby_occupancy.py)
        top.addWidget(self.occupancy)
        top.addSpacing(32)
        top.addWidget(self.clock)
        self.today_title = label(role="small")
        self.week_title = label(role="small")
        self.hints_title = label(role="small")
        self.ours_title = label(role="small")
        self.elsewhere_title = label(role="small")
        self.pager = label(role="small")
        self.today_box = QVBoxLayout()
        self.week_box = QVBoxLayout()
        hint_frame, self.hints_box = card()
        equip_frame, self.equip_box = card()
        self.hint_frame = hint_frame
        left = QVBoxLayout()
        left.setSpacing(12)
        left.addWidget(self.today_title)
        left.addLayout(self.today_box)
        left.addSpacing(12)
        left.addWidget(hint_frame)
        left.addStretch(1)
        mid = QVBoxLayout()
        mid.setSpacing(12)
        mid.addWidget(self.week_title)
        mid.addLayout(self.week_box)
        self.skills = SkillsBoard()  # the opt-in here-today board (kiosk/ui/lobby_skills.py)
        mid.addWidget(self.skills)
        mid.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(equip_frame)
        right.addStretch(1)
        cols = QHBoxLayout()
        cols.setSpacing(32)
        cols.addLayout(left, 4)
        cols.addLayout(mid, 4)
        cols.addLayout(right, 3)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 32, 48, 28)
        outer.setSpacing(24)
        outer.addLayout(top)
        outer.addLayout(cols, 1)
        outer.addWidget(self.pager)
        self._dynamic: list[QWidget] = []
        self._pager = QTimer(self)
        self._pager.timeout.connect(self.next_page)
        self.retranslate()

    def start(self) -> None:
        self.clock.start()
        self._pager.start(PAGE_MS)

    def stop(self) -> None:
        self.clock.stop()
        self._pager.stop()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self._render()

    def set_content(self, content: LobbyContent) -> None:
        self.content = content
        self.page = min(self.page, self.page_count() - 1)
        self._render()

    def page_count(self) -> int:
        if self.content is None:
            return 1
        size = self._size()
        today = -(-len(self.content.today_here) // size.today)
        week = -(-len(self.content.week_region) // size.week)
        elsewhere = -(-len(self.content.elsewhere) // size.elsewhere)
        return max(1, today, week, elsewhere)

    def _size(self) -> _Layout:
        return _layout_for(self.width(), self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        old, new = event.oldSize(), event.size()
        if _layout_for(old.width(), old.height()) is not _layout_for(new.width(), new.height()):
            self.page = 0
            self._render()
        super().resizeEvent(event)

    @staticmethod
    def _slice(items: tuple, page: int, per_page: int) -> tuple:  # type: ignore[type-arg]
        return items[page * per_page : (page + 1) * per_page] or items[:per_page]

    def next_page(self) -> None:
        self.page = (self.page + 1) % self.page_count()
        self._render()

    def _render(self) -> None:
        for widget in self._dynamic:
            widget.hide()
            widget.deleteLater()
        self._dynamic = []
        c = self.content
        if c is None:
            return
        self.heading.setText(self.tr("Today at %1").replace("%1", c.space_name))
        pages = self.page_count()
        self.pager.setText(
            self.tr("Page %1 of %2").replace("%1", str(self.page + 1)).replace("%2", str(pages))
            if pages > 1
            else ""
        )
        size = self._size()
        today = self._slice(c.today_here, self.page, size.today)
        for event in today:
            span = hhmm(event.starts_at) + (f" – {hhmm(event.ends_at)}" if event.ends_at else "")
            self._add(self.today_box, EventRow(event, span, size.today_px, size.qr_today))
        if not c.today_here:
            self._add(self.today_box, label(self.tr("No events here today."), role="muted", wrap=True))
        week = self._slice(c.week_region, self.page, size.week)
        for event in week:
            day = messages.short_date(event.starts_at.date(), self.lang)
            meta = f"{day}  ·  {hhmm(event.starts_at)}  ·  {event.space_name}"
            self._add(self.week_box, EventRow(event, meta, size.week_px, size.qr_week))
        if not c.week_region:
            self._add(self.week_box, label(self.tr("Nothing planned in the region this week."), role="muted"))
        self.hint_frame.setVisible(bool(c.hints))
        self._add(self.hints_box, self.hints_title, dynamic=False)
        for hint in c.hints:
            text = (
                self.tr("Missed “%1”? Next date: %2, %3")
                .replace("%1", hint.title)
                .replace("%2", hint.space_name)
                .replace("%3", messages.short_date(hint.day, self.lang))
            )
            self._add(self.hints_box, label(text, wrap=True))
        self._render_equipment(c)

    def _render_equipment(self, c: LobbyContent) -> None:
        self._add(self.equip_box, self.ours_title, dynamic=False)
        for item in c.ours:
            mark = "✔" if item.status == "ok" else "✖"
            state = (
                self.tr("working")
                if item.status == "ok"
                else (self.tr("out of order") if item.status == "out_of_order" else self.tr("in maintenance"))
            )
            detail = f"{state} · {item.note}" if item.note else state
            self._add(self.equip_box, EquipmentRow(mark, item.name, detail, self._size().week_px))
        if not c.ours:
            self._add(self.equip_box, label(self.tr("No shared equipment here."), role="muted", wrap=True))
        spacer = QWidget()
        spacer.setStyleSheet("background: transparent;")
        spacer.setFixedHeight(10)
        self._add(self.equip_box, spacer)
        self._add(self.equip_box, self.elsewhere_title, dynamic=False)
        for other in self._slice(c.elsewhere, self.page, self._size().elsewhere):
            where = self.tr("in %1").replace("%1", ", ".join(other.space_names))
            self._add(self.equip_box, EquipmentRow("➜", other.name, where, self._size().week_px))

    def _add(self, box: QVBoxLayout, widget: QWidget, dynamic: bool = True) -> None:
        box.addWidget(widget)
        if dynamic:
            self._dynamic.append(widget)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.today_title.setText(self.tr("TODAY HERE"))
        self.week_title.setText(self.tr("THIS WEEK IN THE REGION"))
        self.hints_title.setText(self.tr("MISSED IT?"))
        self.ours_title.setText(self.tr("OUR EQUIPMENT"))
        self.elsewhere_title.setText(self.tr("ELSEWHERE IN THE REGION"))
        self.setAccessibleName(self.tr("Lobby board"))
        self._render()
