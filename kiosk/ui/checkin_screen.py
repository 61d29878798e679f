"""The check-in screen: camera, verdict card, today's events, language switch, out of order.

Signals:
    language_requested(str): the guest picked "de" or "en".
    staff_requested(): someone pressed the discreet staff button.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from kiosk.core import messages
from kiosk.core.verdicts import Verdict
from kiosk.ui import icons, theme
from kiosk.ui.camera_view import CameraView
from kiosk.ui.out_of_order import OutOfOrderView
from kiosk.ui.today_panel import TodayPanel
from kiosk.ui.verdict_card import VerdictCard, verdict_kind
from kiosk.ui.viewmodels import EventItem
from kiosk.ui.widgets import Clock, label

ADMITTED_MS = 4000
DENIED_MS = 7000


class CheckinScreen(QWidget):
    language_requested = Signal(str)
    staff_requested = Signal()

    def __init__(self, now=None, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.lang = messages.DEFAULT_LANGUAGE
        self._space_names: Mapping[int, str] = {}
        self.space = label(role="title")
        self.clock = Clock(now)
        self.lang_buttons: dict[str, QPushButton] = {}
        top = QHBoxLayout()
        top.addWidget(self.space)
        top.addSpacing(24)
        top.addWidget(self.clock)
        top.addStretch(1)
        for code, name in (("de", "Deutsch"), ("en", "English")):
            button = QPushButton(name)
            button.setProperty("role", "lang")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, c=code: self.language_requested.emit(c))
            self.lang_buttons[code] = button
            top.addWidget(button)
        self.staff_button = QPushButton()
        self.staff_button.setIcon(icons.pixmap("lock", 28, theme.current().muted))
        self.staff_button.setIconSize(QSize(28, 28))
        self.staff_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.staff_button.clicked.connect(self.staff_requested)
        top.addSpacing(16)
        top.addWidget(self.staff_button)

        self.camera = CameraView()
        self.prompt = label(role="title", wrap=True)
        self.hint = label(role="muted", wrap=True)
        self.status = label(role="small", wrap=True)
        self.today = TodayPanel()
        side = QVBoxLayout()
        side.setSpacing(14)
        side.addWidget(self.prompt)
        side.addWidget(self.hint)
        side.addWidget(self.status)
        side.addSpacing(16)
        side.addWidget(self.today, 1)
        scanning = QWidget()
        row = QHBoxLayout(scanning)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(36)
        row.addWidget(self.camera, 3)
        self.scanner_art = QLabel()  # in the camera's place when only the USB scanner reads passes
        self.scanner_art.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scanner_art.setPixmap(icons.pixmap("scanner", 220, theme.current().muted))
        self.scanner_art.hide()
        row.addWidget(self.scanner_art, 3)
        row.addLayout(side, 2)

        self.card = VerdictCard()
        self.broken = OutOfOrderView()
        self.stack = QStackedWidget()
        for page in (scanning, self.card, self.broken):
            self.stack.addWidget(page)
        self._scanning_page = scanning
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 28, 40, 36)
        outer.setSpacing(24)
        outer.addLayout(top)
        outer.addWidget(self.stack, 1)
        self._back = QTimer(self)
        self._back.setSingleShot(True)
        self._back.timeout.connect(self.show_scanning)
        self.camera_ok = True
        self.scanner_ready = False
        self.revoked = False  # the server revoked this kiosk: out of order until enrolled anew
        self.retranslate()
        self.set_language(self.lang)

    # --- state in -------------------------------------------------------------------------
    def set_space(self, name: str, space_names: Mapping[int, str]) -> None:
        self.space.setText(name)
        self._space_names = space_names

    def set_language(self, lang: str) -> None:
        self.lang = lang
        for code, button in self.lang_buttons.items():
            button.setChecked(code == lang)

    def set_frame(self, image: QImage) -> None:
        self.camera.set_frame(image)

    def set_detection(self, corners: Sequence[Sequence[int]]) -> None:
        self.camera.set_detection(corners)

    def set_today(self, events: Sequence[EventItem]) -> None:
        self.today.set_events(events)

    def set_busy(self, busy: bool) -> None:
        self.status.setText(self.tr("Checking your pass…") if busy else "")

    def set_camera_ok(self, ok: bool) -> None:
        self.camera_ok = ok
        self._inputs_changed()

    def set_scanner_ready(self, ready: bool) -> None:
        """A USB (keyboard-wedge) scanner is attached: without a camera the kiosk still works."""
        self.scanner_ready = ready
        self._inputs_changed()

    @property
    def out_of_order(self) -> bool:
        """Revoked by the server, or no input works: neither the camera nor a scanner."""
        return self.revoked or (not self.camera_ok and not self.scanner_ready)

    def _inputs_changed(self) -> None:
        self.camera.setVisible(self.camera_ok)
        self.scanner_art.setVisible(not self.camera_ok)
        self.retranslate_prompt()
        if self.out_of_order:
            self._back.stop()
            self.stack.setCurrentWidget(self.broken)
        elif self.stack.currentWidget() is self.broken:
            self.show_scanning()

    def set_revoked(self, revoked: bool) -> None:
        if revoked == self.revoked:
            return
        self.revoked = revoked
        self.broken.set_revoked(revoked)
        if revoked:
            self._back.stop()
            self.stack.setCurrentWidget(self.broken)
        else:
            self.show_scanning()

    def show_verdict(self, verdict: Verdict, space_full: bool = False) -> None:
        self.set_busy(False)
        self.card.show_verdict(verdict, self._space_names, self.lang, space_full)
        self.stack.setCurrentWidget(self.card)
        calm = verdict_kind(verdict) in ("admitted", "goodbye") and not space_full
        self._back.start(ADMITTED_MS if calm else DENIED_MS)

    def show_problem(self) -> None:
        """The check-in could not be recorded (e.g. the disk is full): never a verdict then."""
        self.set_busy(False)
        self.card.show_message(
            "attention",
            self.tr("Sorry, that did not work"),
            self.tr("Your pass could not be checked just now. Please ask at the desk."),
        )
        self.stack.setCurrentWidget(self.card)
        self._back.start(DENIED_MS)

    def show_clock_wrong(self) -> None:
        """The kiosk's clock is off by minutes: it decides nothing (kiosk/services/checkin.py)."""
        self.set_busy(False)
        self.card.show_message(
            "attention",
            self.tr("Please ask at the desk"),
            self.tr(
                "This kiosk's clock is more than 5 minutes wrong, so it cannot check passes. "
                "Staff: please check the time synchronisation."
            ),
        )
        self.stack.setCurrentWidget(self.card)
        self._back.start(DENIED_MS)

    def show_scanning(self) -> None:
        self._back.stop()
        self.stack.setCurrentWidget(self.broken if self.out_of_order else self._scanning_page)

    @property
    def showing_verdict(self) -> bool:
        return self.stack.currentWidget() is self.card

    # --- language -------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.retranslate_prompt()
        self.staff_button.setAccessibleName(self.tr("Staff desk"))
        self.staff_button.setToolTip(self.tr("Staff desk"))
        self.lang_buttons["de"].setAccessibleName(self.tr("Switch to German"))
        self.lang_buttons["en"].setAccessibleName(self.tr("Switch to English"))
        if self.showing_verdict and self.card._verdict is not None:
            self.card.show_verdict(self.card._verdict, self._space_names, self.lang, self.card._full)

    def retranslate_prompt(self) -> None:
        if self.camera_ok:
            self.prompt.setText(self.tr("Hold your pass up to the camera"))
            self.hint.setText(self.tr("Printed card or phone screen. You will hear a sound when it is read."))
        else:
            self.prompt.setText(self.tr("Hold your pass under the scanner"))
            self.hint.setText(
                self.tr("Printed card or phone screen, code facing the scanner's light. You will hear a sound.")  # noqa: E501
            )
