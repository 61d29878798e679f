"""The store's here-today skills board -> the lobby's SkillsBoard, refreshed with the lobby."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer

from kiosk.presenters.tasks import TaskRunner
from kiosk.ui.lobby_skills import SkillsBoard

REFRESH_MS = 60_000


def load_skills(services: Any) -> list[tuple[str, list[str]]]:
    """Runs in the pool: today's entries (the network's calendar day) of this space."""
    store = services.store
    today = store.calendar().local_date(services.clock.now())
    entries: list[tuple[str, list[str]]] = store.skills_board(today)
    return entries


class SkillsPresenter(QObject):
    def __init__(self, services: Any, tasks: TaskRunner, board: SkillsBoard, parent: QObject | None = None):
        super().__init__(parent)
        self.services, self.tasks, self.board = services, tasks, board
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)

    def start(self) -> None:
        self.refresh()
        self.timer.start(REFRESH_MS)

    def stop(self) -> None:
        self.timer.stop()

    def refresh(self) -> None:
        self.tasks.run(lambda: load_skills(self.services), self.board.set_entries)
