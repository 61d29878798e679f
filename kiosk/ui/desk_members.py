"""Desk tab: find a member by name or number, check them in by hand, or admit despite a denial
(any of the recent denials at the door, or the member selected above).

Signals:
    search_requested(str)
    checkin_requested(int): member number
    override_requested(object, str, object): member number or None, reason, denied nonce or None
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.desk_denials import Denial, RecentDenials
from kiosk.ui.desk_table import DeskTable
from kiosk.ui.viewmodels import MemberRow
from kiosk.ui.widgets import card, label

TABLE_MIN_HEIGHT = 110  # px: the header and two members (one and a half at least), on 1024x600 too


class MembersTab(QWidget):
    search_requested = Signal(str)
    checkin_requested = Signal(int)
    override_requested = Signal(object, str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.search_requested)
        self.search.returnPressed.connect(self._checkin)  # number typed, Enter: checked in
        self.table = DeskTable(4)
        self.checkin = QPushButton()
        self.checkin.setProperty("role", "primary")
        self.checkin.clicked.connect(self._checkin)
        self.table.activated.connect(lambda _index: self._checkin())
        self.reason = QLineEdit()
        self.override = QPushButton()
        self.override.clicked.connect(self._override)
        self.last_denial = label(role="muted", wrap=True)
        self.denials = RecentDenials()
        self.denials.hide()
        self.result = label(wrap=True)

        over_frame, over = card()
        over.setContentsMargins(24, 14, 24, 14)  # compact: the tab fits a 1024x600 screen
        over.setSpacing(8)
        self.over_title = label(role="small")
        over.addWidget(self.over_title)
        over.addWidget(self.last_denial)
        over.addWidget(self.denials)
        row = QHBoxLayout()
        row.addWidget(self.reason, 1)
        row.addWidget(self.override)
        over.addLayout(row)
        find = QHBoxLayout()  # the button beside the search: room for the results on 600 px
        find.addWidget(self.search, 1)
        find.addWidget(self.checkin)
        self.table.setMinimumHeight(TABLE_MIN_HEIGHT)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(find)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.result)
        layout.addWidget(over_frame)
        self.retranslate()
        self.show_members([])

    def show_members(self, members: Sequence[MemberRow]) -> None:
        self.table.set_rows(
            [(str(m.number), m.display_name, m.home_space, self.state_text(m.state)) for m in members],
            [m.number for m in members],
        )
        self.checkin.setEnabled(bool(members))

    def state_text(self, state: str) -> str:
        return {"active": self.tr("active"), "paused": self.tr("paused"), "ended": self.tr("ended")}.get(
            state, state
        )

    def add_denial(self, denial: Denial) -> None:
        """A denial at the door: at the top of the list, selected (the person probably came over)."""
        self.denials.add(denial)
        self._explain_denials()

    @property
    def _denied(self) -> tuple[int | None, str] | None:
        """The denial that "Admit anyway" admits: (member number, nonce), or None."""
        d = self.denials.selected()
        return None if d is None else (d.member_number, d.nonce)

    def _explain_denials(self) -> None:
        if self.denials.denials:
            self.last_denial.setText(self.tr("Recent denials: select one, give a reason, admit anyway."))
        else:
            self.last_denial.setText(self.tr("No recent denial. Select a member above to admit them."))

    def show_result(self, text: str) -> None:
        self.result.setText(text)

    def _checkin(self) -> None:
        number = self.table.current_key()
        if isinstance(number, int):
            self.checkin_requested.emit(number)

    def _override(self) -> None:
        reason = self.reason.text().strip()
        if not reason:
            self.result.setText(self.tr("Please give a reason for admitting despite the denial."))
            self.reason.setFocus()
            return
        denied = self._denied
        if denied is not None:
            self.override_requested.emit(denied[0], reason, denied[1])
            self.denials.remove(denied[1])
            self._explain_denials()
        else:
            number = self.table.current_key()
            self.override_requested.emit(number if isinstance(number, int) else None, reason, None)
        self.reason.clear()

    def focus_chain(self) -> list[QWidget]:
        """The controls in the order Tab walks them (the desk sets it with setTabOrder)."""
        return [self.search, self.checkin, self.table, self.denials, self.reason, self.override]

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search by name or member number (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search members"))
        self.table.set_headers([self.tr("Number"), self.tr("Name"), self.tr("Home space"), self.tr("State")])
        self.table.setAccessibleName(self.tr("Members found"))
        self.checkin.setText(self.tr("Check in (Enter)"))
        self.checkin.setAccessibleName(self.tr("Check in the selected member"))
        self.over_title.setText(self.tr("ADMIT DESPITE A DENIAL"))
        self.reason.setPlaceholderText(self.tr("Reason, e.g. paid at the desk"))
        self.reason.setAccessibleName(self.tr("Reason for admitting"))
        self.override.setText(self.tr("Admit anyway"))
        self.override.setAccessibleName(self.tr("Admit despite the denial"))
        self.denials.setAccessibleName(self.tr("Recent denials"))
        self._explain_denials()
