"""The demo's pass panel: "hold up" sample passes to the demo camera, or pull its plug.

Each button holds a pass into the camera picture for a few seconds, so the real decoder path runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.widgets import label

HOLD_MS = 3000


@dataclass(frozen=True)
class SampleButton:
    key: str
    text: str  # the pass text
    style: Any  # kiosk.camera.scene.HoldUpStyle


class DemoPanel(QFrame):
    def __init__(
        self,
        camera: Any,
        samples: Sequence[SampleButton],
        staff: tuple[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.camera = camera
        self.setObjectName("demoPanel")
        self.setStyleSheet(
            "#demoPanel { border-top: 1px solid palette(mid); }"
            " QPushButton { font-size: 16px; padding: 8px 14px; }"
        )
        self.title = label(role="small")
        self.staff = staff
        self.hint = label(role="small")
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.setSpacing(10)
        for sample in samples:
            button = QPushButton()
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, s=sample: self.hold_up(s))
            self.buttons[sample.key] = button
            row.addWidget(button)
        row.addStretch(1)
        self.unplug = QPushButton()
        self.unplug.setCheckable(True)
        self.unplug.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.unplug.toggled.connect(self._plug)
        self.unplug.setVisible(hasattr(camera, "unplug"))
        row.addWidget(self.unplug)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 10, 24, 12)
        layout.addLayout(head)
        layout.addLayout(row)
        self._away = QTimer(self)
        self._away.setSingleShot(True)
        self._away.timeout.connect(self.camera.take_away)
        self.retranslate()

    def hold_up(self, sample: SampleButton) -> None:
        self.camera.hold_up(sample.text, sample.style)
        self._away.start(HOLD_MS)

    def _plug(self, unplugged: bool) -> None:
        if unplugged:
            self.camera.unplug()
        else:
            self.camera.plug_in()

    def stop(self) -> None:
        self._away.stop()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("DEMO: HOLD UP A PASS"))
        names = {
            "home_member": self.tr("Home member"),
            "guest_free": self.tr("Guest, day free"),
            "guest_used": self.tr("Guest, day used"),
            "replaced": self.tr("Old card"),
            "forged": self.tr("Forged code"),
            "dark_phone": self.tr("Phone, dark mode"),
            "member_page": self.tr("Member page on a phone"),
        }
        for key, button in self.buttons.items():
            button.setText(names.get(key, key))
            button.setAccessibleName(self.tr("Hold up: %1").replace("%1", button.text()))
        self.unplug.setText(self.tr("Unplug camera"))
        self.hint.setText(
            self.tr("Staff PIN for the desk (%1): %2")
            .replace("%1", self.staff[0])
            .replace("%2", self.staff[1])
        )
