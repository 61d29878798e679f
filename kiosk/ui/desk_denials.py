"""The desk's short list of recent denials at the door, newest first: each can be admitted anyway.

Two people denied one after the other: both stay in the list until staff admit them or newer
denials push them out (`MAX_DENIALS`).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from kiosk.ui.desk_table import DeskTable

MAX_DENIALS = 5


@dataclass(frozen=True)
class Denial:
    member_number: int | None
    nonce: str
    when: str  # "14:05", network-local
    who: str
    why: str


class RecentDenials(DeskTable):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(3, parent)
        self.horizontalHeader().setVisible(False)
        self._items: list[Denial] = []
        self.setMaximumHeight(40 * 3 + 8)

    def add(self, denial: Denial) -> None:
        self._items = [denial, *[d for d in self._items if d.nonce != denial.nonce]][:MAX_DENIALS]
        self._show(0)

    def remove(self, nonce: str) -> None:
        row = max(self.currentRow(), 0)
        self._items = [d for d in self._items if d.nonce != nonce]
        self._show(min(row, len(self._items) - 1))

    def selected(self) -> Denial | None:
        key = self.current_key()
        return next((d for d in self._items if d.nonce == key), None)

    @property
    def denials(self) -> tuple[Denial, ...]:
        return tuple(self._items)

    def _show(self, row: int) -> None:
        self.set_rows([(d.when, d.who, d.why) for d in self._items], [d.nonce for d in self._items])
        if self._items:
            self.selectRow(max(row, 0))
        self.setVisible(bool(self._items))
