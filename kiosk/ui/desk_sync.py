"""Desk tab: online or offline and why, last sync, pending uploads, clock skew; "sync now";
the door's sound (mute, volume).

Signals:
    sync_requested()
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFormLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.core import messages
from kiosk.ui.desk_sound import SoundControls
from kiosk.ui.viewmodels import SyncView
from kiosk.ui.widgets import label

SKEW_WARN_S = 120


class SyncTab(QWidget):
    sync_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = messages.DEFAULT_LANGUAGE
        self.state = label(role="title", wrap=True)
        self.why = label(role="muted", wrap=True)
        self.last = label()
        self.pending = label()
        self.skew = label(wrap=True)
        self.next = label()
        self.form = QFormLayout()
        self.form.setVerticalSpacing(14)
        self.form.setHorizontalSpacing(28)
        self.names = [label(role="muted") for _ in range(4)]
        for name, value in zip(self.names, (self.last, self.pending, self.skew, self.next), strict=True):
            self.form.addRow(name, value)
        self.sync = QPushButton()
        self.sync.setProperty("role", "primary")
        self.sync.clicked.connect(self.sync_requested)
        layout = QVBoxLayout(self)
        layout.setSpacing(16)
        layout.addWidget(self.state)
        layout.addWidget(self.why)
        layout.addSpacing(8)
        layout.addLayout(self.form)
        layout.addSpacing(8)
        layout.addWidget(self.sync)
        layout.addSpacing(16)
        self.sound_title = label(role="small")
        self.sound = SoundControls()
        layout.addWidget(self.sound_title)
        layout.addWidget(self.sound)
        layout.addStretch(1)
        self._view: SyncView | None = None
        self.retranslate()

    def show_state(self, view: SyncView, lang: str | None = None) -> None:
        self._view = view
        self.lang = lang or self.lang
        self.state.setText(("● " + self.tr("Online")) if view.online else ("○ " + self.tr("Offline")))
        why = ""
        key = view.reason_key or view.last_error_key
        if not view.online and key:
            title, detail = messages.text(key, None, self.lang)
            why = f"{title.rstrip('.')}. {detail}"
        if not view.online:
            why += " " + self.tr("The kiosk keeps checking people in and tries again by itself.")
        self.why.setText(why.strip())
        self.last.setText(self._when(view.last_success) or self.tr("never"))
        self.pending.setText(self.tr("%n check-in(s) waiting to upload", "", view.pending))
        skew = round(view.clock_skew_seconds)
        text = self.tr("%1 s").replace("%1", f"{skew:+d}")
        if abs(skew) >= SKEW_WARN_S:
            text += "  ⚠ " + self.tr("This computer's clock is off; the kiosk uses the server's time.")
        self.skew.setText(text)
        self.next.setText(self._when(view.next_attempt) or "–")

    def set_busy(self, busy: bool) -> None:
        self.sync.setEnabled(not busy)
        self.sync.setText(self.tr("Syncing…") if busy else self.tr("Sync now (Ctrl+S)"))

    @staticmethod
    def _when(moment: datetime | None) -> str:
        """Network-local (the presenter converts), labelled with the zone: "03.12. 14:32:45 CET"."""
        return "" if moment is None else moment.strftime("%d.%m. %H:%M:%S %Z").rstrip()

    def focus_chain(self) -> list[QWidget]:
        """The controls in the order Tab walks them (the desk sets it with setTabOrder)."""
        return [self.sync, self.sound.mute, self.sound.volume]

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        for name, text in zip(
            self.names,
            (self.tr("Last sync"), self.tr("Uploads"), self.tr("Clock offset"), self.tr("Next attempt")),
            strict=True,
        ):
            name.setText(text)
        self.sound_title.setText(self.tr("SOUND AT THE DOOR"))
        self.set_busy(False)
        self.sync.setAccessibleName(self.tr("Sync now"))
        if self._view is not None:
            self.show_state(self._view)
        else:
            self.state.setText(self.tr("Waiting for the first sync…"))
