"""The lobby board: where to hold up the pass, today here, the coming week in the region, series
hints, the equipment board, a clock; pages through long lists by itself. Shows no member's name,
except the first names members opted in to show on the here-today skills board.

Each column is a PagedList: it shows as many rows as fit in the height the screen leaves it
(measured, so a TV at 1920x1080 shows many of today's events and a 1280x800 kiosk fewer), and
the board turns all columns to their next page together.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core import messages
from kiosk.ui.lobby_occupancy import OccupancyCard
from kiosk.ui.lobby_popups import PopupBoard
from kiosk.ui.lobby_rows import EquipmentRow, EventRow
from kiosk.ui.lobby_skills import SkillsBoard
from kiosk.ui.paged_list import PagedList
from kiosk.ui.viewmodels import LobbyContent
from kiosk.ui.widgets import Clock, card, hhmm, label

PAGE_MS = 12_000
MAX_HINTS = 4  # "missed it?" lines on the board, soonest next date first
COMPACT_BELOW = 1600  # narrower than a TV: smaller type and QR codes
SHORT_BELOW = 760  # less height than a kiosk screen gives the board (e.g. under the demo panel)
SCAN_HINTS = ("camera", "scanner", None)  # None: no reader here (a TV): check in at the door


@dataclass(frozen=True)
class _Sizes:
    today_px: int
    week_px: int
    equipment_px: int
    qr_today: int
    qr_week: int
    scan_px: int
    heading_px: int


_WIDE = _Sizes(32, 24, 24, 104, 72, 30, 64)
_COMPACT = _Sizes(24, 20, 18, 80, 60, 24, 52)
_SHORT = _Sizes(22, 18, 18, 72, 52, 21, 40)


def _sizes_for(width: int, height: int) -> _Sizes:
    if height < SHORT_BELOW:
        return _SHORT
    return _COMPACT if width < COMPACT_BELOW else _WIDE


class LobbyBoard(QWidget):
    def __init__(self, now=None, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.lang = messages.DEFAULT_LANGUAGE
        self.content: LobbyContent | None = None
        self.page = 0
        self.scan_hint_kind: str | None = "camera"
        self.heading = label()
        self.clock = Clock(now)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        self.occupancy = OccupancyCard()  # how many are in, desks free (kiosk/ui/lobby_occupancy.py)
        top.addWidget(self.occupancy)
        top.addSpacing(32)
        top.addWidget(self.clock)
        self.scan_frame = QFrame()
        self.scan_frame.setProperty("role", "card")
        scan_row = QHBoxLayout(self.scan_frame)
        scan_row.setContentsMargins(28, 14, 28, 14)
        self.scan_hint = label(wrap=True)
        scan_row.addWidget(self.scan_hint, 1)
        self.today_title = label(role="small")
        self.week_title = label(role="small")
        self.pager = label(role="small")
        self.today_list = PagedList()
        self.week_list = PagedList()
        self.equipment_list = PagedList(spacing=6)
        columns = QHBoxLayout()
        columns.setSpacing(32)
        for title, paged, stretch in (
            (self.today_title, self.today_list, 5),
            (self.week_title, self.week_list, 4),
            (None, self.equipment_list, 3),
        ):
            column = QVBoxLayout()
            column.setSpacing(12)
            if title is not None:
                column.addWidget(title)
            column.addWidget(paged, 1)
            if paged is self.week_list:
                self.skills = SkillsBoard()  # the opt-in here-today board (kiosk/ui/lobby_skills.py)
                column.addWidget(self.skills)
                self.popups = PopupBoard()  # the region's coming pop-ups (kiosk/ui/lobby_popups.py)
                column.addWidget(self.popups)
            paged.pages_changed.connect(self._show_pager)
            columns.addLayout(column, stretch)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 28, 48, 24)
        outer.setSpacing(18)
        outer.addLayout(top)
        outer.addWidget(self.scan_frame)
        outer.addLayout(columns, 1)
        outer.addWidget(self.pager)
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

    def set_scan_hint(self, kind: str | None) -> None:
        """Where a person holds up the pass here: "camera", "scanner", or None (a board without
        a reader, e.g. a TV: it says to check in at the kiosk by the entrance)."""
        assert kind in SCAN_HINTS, kind
        self.scan_hint_kind = kind
        self._render_scan_hint()

    def set_content(self, content: LobbyContent) -> None:
        self.content = content
        self._render()
        self.page = min(self.page, self.page_count() - 1)
        self._show_page()

    def lists(self) -> tuple[PagedList, PagedList, PagedList]:
        return self.today_list, self.week_list, self.equipment_list

    def page_count(self) -> int:
        self._settle()
        return max(paged.page_count() for paged in self.lists())

    def _settle(self) -> None:
        """Lay the board out now (also while hidden) so the columns know their height."""
        layout = self.layout()
        if layout is not None:
            layout.activate()

    def _sizes(self) -> _Sizes:
        return _sizes_for(self.width(), self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        old, new = event.oldSize(), event.size()
        if _sizes_for(old.width(), old.height()) is not _sizes_for(new.width(), new.height()):
            self.page = 0
            self._render()
        super().resizeEvent(event)
        self._show_pager()

    def next_page(self) -> None:
        self.page = (self.page + 1) % self.page_count()
        self._show_page()

    def _show_page(self) -> None:
        for paged in self.lists():
            paged.show_page(self.page)
        self._show_pager()

    def _show_pager(self) -> None:
        if self.content is None:
            self.pager.setText("")
            return
        pages = max(paged.page_count() for paged in self.lists())
        self.page = self.page % pages
        self.pager.setText(
            self.tr("Page %1 of %2").replace("%1", str(self.page + 1)).replace("%2", str(pages))
            if pages > 1
            else ""
        )

    def _render(self) -> None:
        self._render_scan_hint()
        c = self.content
        if c is None:
            return
        self.heading.setText(self.tr("Today at %1").replace("%1", c.space_name))
        size = self._sizes()
        today: list[QWidget] = []
        for event in c.today_here:
            span = hhmm(event.starts_at) + (f" – {hhmm(event.ends_at)}" if event.ends_at else "")
            today.append(EventRow(event, span, size.today_px, size.qr_today))
        if not c.today_here:
            today.append(label(self.tr("No events here today."), role="muted", wrap=True))
        if c.hints:
            today.append(self._hints_card(c))
        self.today_list.set_rows(today)
        week: list[QWidget] = []
        for event in c.week_region:
            day = messages.short_date(event.starts_at.date(), self.lang)
            meta = f"{day}  ·  {hhmm(event.starts_at)}  ·  {event.space_name}"
            week.append(EventRow(event, meta, size.week_px, size.qr_week))
        if not c.week_region:
            week.append(label(self.tr("Nothing planned in the region this week."), role="muted", wrap=True))
        self.week_list.set_rows(week)
        self.popups.set_items(c.popups, self.lang)
        self._render_equipment(c, size)
        self._show_page()

    def _render_scan_hint(self) -> None:
        size = self._sizes()
        self.heading.setStyleSheet(f"font-size: {size.heading_px}px; font-weight: 700;")
        self.clock.setStyleSheet(f"font-size: {size.heading_px}px; font-weight: 700;")
        kind = self.scan_hint_kind
        if kind == "camera":
            text = self.tr("To check in, hold your pass (card or phone) up to the camera.")
        elif kind == "scanner":
            text = self.tr("To check in, hold your pass (card or phone) to the scanner.")
        else:
            text = self.tr("To check in, show your pass at the kiosk by the entrance.")
        self.scan_hint.setText(text)
        self.scan_hint.setStyleSheet(f"font-size: {size.scan_px}px; font-weight: 700;")
        self.scan_frame.setAccessibleName(text)

    def _hints_card(self, c: LobbyContent) -> QFrame:
        frame, box = card()
        box.addWidget(label(self.tr("MISSED IT?"), role="small"))
        for hint in c.hints[:MAX_HINTS]:
            text = (
                self.tr("Missed “%1”? Next date: %2, %3")
                .replace("%1", hint.title)
                .replace("%2", hint.space_name)
                .replace("%3", messages.short_date(hint.day, self.lang))
            )
            box.addWidget(label(text, wrap=True))
        return frame

    def _render_equipment(self, c: LobbyContent, size: _Sizes) -> None:
        rows: list[QWidget] = []
        headings: list[QWidget] = []
        ours_title = label(self.tr("OUR EQUIPMENT"), role="small", wrap=True)
        rows.append(ours_title)
        headings.append(ours_title)
        for item in c.ours:
            mark = "✔" if item.status == "ok" else "✖"
            state = (
                self.tr("working")
                if item.status == "ok"
                else (self.tr("out of order") if item.status == "out_of_order" else self.tr("in maintenance"))
            )
            detail = f"{state} · {item.note}" if item.note else state
            rows.append(EquipmentRow(mark, item.name, detail, size.equipment_px))
        if not c.ours:
            rows.append(label(self.tr("No shared equipment here."), role="muted", wrap=True))
        if c.elsewhere:  # the heading only with something under it
            spacer = QWidget()
            spacer.setStyleSheet("background: transparent;")
            spacer.setFixedHeight(14)
            elsewhere_title = label(self.tr("ELSEWHERE IN THE REGION"), role="small", wrap=True)
            rows += [spacer, elsewhere_title]
            headings += [spacer, elsewhere_title]
            for other in c.elsewhere:
                where = self.tr("in %1").replace("%1", ", ".join(other.space_names))
                rows.append(EquipmentRow("➜", other.name, where, size.equipment_px))
        self.equipment_list.set_rows(rows, keep_with_next=headings)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.today_title.setText(self.tr("TODAY HERE"))
        self.week_title.setText(self.tr("THIS WEEK IN THE REGION"))
        self.setAccessibleName(self.tr("Lobby board"))
        self._render()
