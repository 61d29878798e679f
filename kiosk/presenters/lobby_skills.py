"""Who is here today -> the lobby's OccupancyCard (counts) and SkillsBoard (opt-in names and
topics), refreshed every minute, after every sync and after every scan."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer

from kiosk.presenters.tasks import TaskRunner
from kiosk.store import presence
from kiosk.ui.lobby_occupancy import OccupancyCard
from kiosk.ui.lobby_skills import SkillsBoard

REFRESH_MS = 60_000


HereToday = tuple[tuple[int, int], list[tuple[str, list[str]]]]


def load_here_today(services: Any) -> HereToday:
    """Runs in the pool: who is here now (present: checked in today, stay not ended; see
    docs/presence.md) against the desks, and today's board of this space."""
    store = services.store
    now = services.clock.now()
    here = presence.occupancy(store, store.space_id or 0, now)
    return (here.present, here.capacity), store.skills_board(store.calendar().local_date(now))


class SkillsPresenter(QObject):
    def __init__(
        self,
        services: Any,
        tasks: TaskRunner,
        board: SkillsBoard,
        occupancy: OccupancyCard,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.services, self.tasks, self.board, self.occupancy = services, tasks, board, occupancy
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)

    def start(self) -> None:
        self.refresh()
        self.timer.start(REFRESH_MS)

    def stop(self) -> None:
        self.timer.stop()

    def refresh(self) -> None:
        self.tasks.run(lambda: load_here_today(self.services), self._show)

    def _show(self, here_today: HereToday) -> None:
        (here, capacity), entries = here_today
        self.occupancy.set_occupancy(here, capacity)
        self.board.set_entries(entries)
