"""Events and equipment from the store -> lobby board and the check-in screen's "today here"."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QObject, QTimer

from kiosk.presenters import adapters
from kiosk.presenters.tasks import TaskRunner
from kiosk.ui.lobby_board import LobbyBoard
from kiosk.ui.lobby_content import build_lobby
from kiosk.ui.today_panel import TodayPanel
from kiosk.ui.viewmodels import LobbyContent

REFRESH_MS = 60_000
PAST_DAYS = 8  # events read from this many days back (the "missed it?" hints look back a week)
# ... and this many ahead: the next date of a monthly or bimonthly series ("the 2nd Saturday of
# every other month" is at most ~9.5 weeks after the last) is found wherever in the region it is.
SERIES_AHEAD_DAYS = 75
POPUP_AHEAD_DAYS = 14  # pop-ups of the region on the board: running now or starting within two weeks


def load_lobby(services: Any) -> LobbyContent:
    """Runs in the pool: read the store and build the board's content."""
    store = services.store
    cal = store.calendar()
    now = services.clock.now()
    today = cal.local_date(now)
    start, _ = cal.day_bounds(today - timedelta(days=PAST_DAYS))
    _, end = cal.day_bounds(today + timedelta(days=SERIES_AHEAD_DAYS))
    names = store.space_names()
    events = [adapters.event_item(e, names, cal) for e in store.events_between(start, end)]
    equipment = [adapters.equipment_item(q, names) for q in store.equipment()]
    content = build_lobby(events, equipment, store.space_id or 0, names, cal.local(now))
    popups = store.popups(now, now + timedelta(days=POPUP_AHEAD_DAYS))
    return replace(content, popups=tuple(adapters.popup_item(p, names, cal) for p in popups))


class LobbyPresenter(QObject):
    def __init__(
        self,
        services: Any,
        tasks: TaskRunner,
        board: LobbyBoard | None,
        today: TodayPanel | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.tasks, self.board, self.today = services, tasks, board, today
        self.content: LobbyContent | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)

    def start(self) -> None:
        self.refresh()
        self.timer.start(REFRESH_MS)

    def stop(self) -> None:
        self.timer.stop()

    def refresh(self) -> None:
        self.tasks.run(lambda: load_lobby(self.services), self._show)

    def _show(self, content: LobbyContent) -> None:
        self.content = content
        if self.board is not None:
            self.board.set_content(content)
        if self.today is not None:
            self.today.set_events(content.today_here)
