"""The staff desk behind the PIN: tabs for members, today, conflicts, sync, equipment, day pass.

Locks itself after IDLE_MS without input while shown.

Signals:
    lock_requested(): the Lock button, Ctrl+L, or the idle timer.
    exit_requested(): leave kiosk mode (closes the app).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from kiosk.ui import theme
from kiosk.ui.desk_conflicts import ConflictsTab
from kiosk.ui.desk_daypass import DayPassTab
from kiosk.ui.desk_equipment import EquipmentTab
from kiosk.ui.desk_members import MembersTab
from kiosk.ui.desk_sync import SyncTab
from kiosk.ui.desk_today import TodayTab
from kiosk.ui.widgets import label, tab_order

IDLE_MS = 90_000
# The desk is read from arm's length, not from 1.5 m: denser type than the guest screens.
DESK_STYLE = f"""
QLabel {{ font-size: {theme.DESK_PX + 2}px; }}
QLabel[role="title"] {{ font-size: 34px; font-weight: 700; }}
QLabel[role="small"] {{ font-size: {theme.DESK_PX - 2}px; }}
"""
_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class DeskScreen(QWidget):
    lock_requested = Signal()
    exit_requested = Signal()

    def __init__(self, idle_ms: int = IDLE_MS, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = label(role="title")
        self.who = label(role="muted")
        self.lock = QPushButton()
        self.lock.setProperty("role", "primary")
        self.lock.clicked.connect(self.lock_requested)
        self.exit = QPushButton()
        self.exit.setProperty("role", "danger")
        self.exit.clicked.connect(self.exit_requested)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(18)
        top.addWidget(self.who, 1)
        top.addWidget(self.exit)
        top.addWidget(self.lock)
        self.members = MembersTab()
        self.today = TodayTab()
        self.conflicts = ConflictsTab()
        self.sync = SyncTab()
        self.equipment = EquipmentTab()
        self.daypass = DayPassTab()
        self.tabs = QTabWidget()
        self.pages = (self.members, self.today, self.conflicts, self.sync, self.equipment, self.daypass)
        for page in self.pages:
            self.tabs.addTab(page, "")
        self.setStyleSheet(DESK_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 16, 40, 16)  # fits a 1024x600 screen
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        # Tab: the section tabs, the shown section's controls top to bottom, left to right, then
        # the top row (leave, lock). Hidden sections are skipped, so one chain serves them all.
        controls = [w for page in self.pages for w in page.focus_chain()]
        tab_order([self.tabs.tabBar(), *controls, self.exit, self.lock])
        for i in range(len(self.pages)):
            QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self, lambda i=i: self._go(i))
        QShortcut(QKeySequence("Ctrl+L"), self, lambda: self.lock_requested.emit())
        QShortcut(QKeySequence("Ctrl+F"), self, lambda: self._go(0))
        QShortcut(QKeySequence("Ctrl+S"), self, lambda: self.sync.sync_requested.emit())
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(idle_ms)
        self.idle.timeout.connect(self.lock_requested)
        self._filtering = False
        self.retranslate()

    def _go(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        if index == 0:
            self.members.search.setFocus()
            self.members.search.selectAll()

    def open_for(self, staff_name: str) -> None:
        self.who.setText(staff_name)
        self._go(0)
        self.idle.start()
        app = QApplication.instance()
        if app is not None and not self._filtering:
            app.installEventFilter(self)
            self._filtering = True

    def close_desk(self) -> None:
        self.idle.stop()
        app = QApplication.instance()
        if app is not None and self._filtering:
            app.removeEventFilter(self)
            self._filtering = False
        self.members.search.clear()
        self.members.show_members([])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in _INPUT and self.idle.isActive():
            self.idle.start()
        return False

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Staff desk"))
        self.lock.setText(self.tr("Lock (Ctrl+L)"))
        self.lock.setAccessibleName(self.tr("Lock the desk"))
        self.exit.setText(self.tr("Leave kiosk mode"))
        self.exit.setAccessibleName(self.tr("Leave kiosk mode and close the app"))
        names = (
            self.tr("Members"),
            self.tr("Today"),
            self.tr("Conflicts"),
            self.tr("Sync"),
            self.tr("Equipment"),
            self.tr("Day pass"),
        )
        for i, name in enumerate(names):
            self.tabs.setTabText(i, name)
            self.tabs.setTabToolTip(i, f"Ctrl+{i + 1}")
        self.tabs.setAccessibleName(self.tr("Desk sections"))
        self.tabs.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
