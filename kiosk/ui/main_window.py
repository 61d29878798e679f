"""The main window: a QStackedWidget switcher plus kiosk mode (DESIGN.md §7). Nothing more.

Kiosk mode: frameless full screen, no window controls, the cursor hidden on the check-in
screen, and closing refused unless `allow_close()` was called (only the staff desk does).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QCursor
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QVBoxLayout, QWidget


class MainWindow(QMainWindow):
    def __init__(self, kiosk_mode: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kiosk_mode = kiosk_mode
        self.stack = QStackedWidget()
        self.body = QWidget()
        self._layout = QVBoxLayout(self.body)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._layout.addWidget(self.stack, 1)
        self.setCentralWidget(self.body)
        self._may_close = not kiosk_mode
        self._cursor_hidden = False
        self.setWindowTitle("Coworking Kiosk")
        if kiosk_mode:
            self.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)

    def add_screen(self, screen: QWidget) -> None:
        self.stack.addWidget(screen)

    def add_footer(self, widget: QWidget) -> None:
        """Extra strip under the screens (the demo's pass panel)."""
        self._layout.addWidget(widget)

    def show_screen(self, screen: QWidget) -> None:
        self.stack.setCurrentWidget(screen)
        # The cursor hides only where nobody needs a pointer: everywhere but the staff screens.
        self.hide_cursor(self.kiosk_mode and not bool(screen.property("needsPointer")))

    def current(self) -> QWidget | None:
        return self.stack.currentWidget()

    def present(self) -> None:
        if self.kiosk_mode:
            self.showFullScreen()
        else:
            self.resize(1280, 800)
            self.show()

    def hide_cursor(self, hidden: bool) -> None:
        if hidden == self._cursor_hidden:
            return
        if hidden:
            QApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
        else:
            QApplication.restoreOverrideCursor()
        self._cursor_hidden = hidden

    def allow_close(self) -> None:
        self._may_close = True

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if not self._may_close:
            event.ignore()  # Alt+F4 and friends: the only way out is the staff desk
            return
        self.hide_cursor(False)
        super().closeEvent(event)
