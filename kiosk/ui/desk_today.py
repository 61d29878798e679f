"""Desk tab: today's check-ins here, and undo of a wrong one (with a reason).

Signals:
    undo_requested(str, str): nonce, reason
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.desk_table import DeskTable
from kiosk.ui.viewmodels import CheckinRow
from kiosk.ui.widgets import hhmm, label

# Reasons for which the code names no member that staff can trust.
_NOBODY_KNOWN = frozenset({"unknown_pass", "invalid_code", "foreign_code"})


class TodayTab(QWidget):
    undo_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = label(role="muted")
        self.table = DeskTable(5)
        self.reason = QLineEdit()
        self.undo = QPushButton()
        self.undo.setProperty("role", "danger")
        self.undo.clicked.connect(self._undo)
        self.result = label(wrap=True)
        row = QHBoxLayout()
        row.addWidget(self.reason, 1)
        row.addWidget(self.undo)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.result)
        self._rows: tuple[CheckinRow, ...] = ()
        self.retranslate()

    def reason_text(self, reason: str) -> str:
        names = {
            "home_member": self.tr("Home member"),
            "guest_day": self.tr("Guest day"),
            "already_today": self.tr("Again today"),
            "staff_override": self.tr("Admitted by staff"),
            "day_pass": self.tr("Day pass"),
            "popup_visit": self.tr("Pop-up visit"),
            "guest_days_used": self.tr("Guest days used"),
            "membership_inactive": self.tr("Membership not active"),
            "pass_replaced": self.tr("Old card"),
            "unknown_pass": self.tr("Unknown pass"),
            "day_pass_not_valid": self.tr("Day pass not valid"),
            "invalid_code": self.tr("Unreadable code"),
            "foreign_code": self.tr("Foreign code"),
        }
        return names.get(reason, reason)

    def who(self, reason: str, member_number: int | None, display_name: str | None) -> str:
        """Who it was, as staff may read it: an unknown (maybe forged) pass never shows the name of
        the member it claims to be."""
        if reason in _NOBODY_KNOWN:
            if reason == "unknown_pass" and member_number is not None:
                return self.tr("Unknown pass (claims no. %1)").replace("%1", str(member_number))
            return self.reason_text(reason)
        return display_name or ("" if member_number is None else str(member_number))

    def show_checkins(self, rows: Sequence[CheckinRow]) -> None:
        self._rows = tuple(rows)
        people = len(
            {r.person if r.person is not None else r.nonce for r in rows if r.admitted and not r.annulled}
        )
        self.summary.setText(
            self.tr("%n person(s) admitted today", "", people)
            + ", "
            + self.tr("%n scan(s) in all", "", len(rows))
        )
        table_rows = []
        for r in rows:
            marks = [self.tr("undone")] if r.annulled else []
            if r.offline:
                marks.append(self.tr("offline"))
            if r.override_reason:
                marks.append(self.tr("reason: %1").replace("%1", r.override_reason))
            if r.left_at is not None:
                marks.append(self.tr("left %1").replace("%1", hhmm(r.left_at)))
            verdict = ("✔ " if r.admitted else "✖ ") + self.reason_text(r.reason)
            who = self.who(r.reason, r.member_number, r.display_name)
            table_rows.append((hhmm(r.at), who, verdict, self._method(r.method), ", ".join(marks)))
        self.table.set_rows(table_rows, [r.nonce for r in rows])

    def _method(self, method: str) -> str:
        return {
            "scan": self.tr("camera"),
            "wedge": self.tr("scanner"),
            "manual": self.tr("by hand"),
            "override": self.tr("override"),
        }.get(method, method)

    def _undo(self) -> None:
        nonce = self.table.current_key()
        reason = self.reason.text().strip()
        if not isinstance(nonce, str):
            self.result.setText(self.tr("Select a check-in first."))
            return
        if not reason:
            self.result.setText(self.tr("Please give a reason for the undo."))
            self.reason.setFocus()
            return
        self.undo_requested.emit(nonce, reason)
        self.reason.clear()

    def show_result(self, text: str) -> None:
        self.result.setText(text)

    def focus_chain(self) -> list[QWidget]:
        """The controls in the order Tab walks them (the desk sets it with setTabOrder)."""
        return [self.table, self.reason, self.undo]

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.table.set_headers(
            [self.tr("Time"), self.tr("Who"), self.tr("Result"), self.tr("How"), self.tr("Notes")]
        )
        self.table.setAccessibleName(self.tr("Today's check-ins"))
        self.reason.setPlaceholderText(self.tr("Reason for the undo, e.g. scanned twice by mistake"))
        self.reason.setAccessibleName(self.tr("Reason for the undo"))
        self.undo.setText(self.tr("Undo check-in"))
        self.undo.setAccessibleName(self.tr("Undo the selected check-in"))
        self.show_checkins(self._rows)
