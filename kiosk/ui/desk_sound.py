"""The desk's sound controls: mute switch and volume (kept by the kiosk across restarts).

Signals:
    changed(bool, int): muted, volume in percent
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QSlider, QWidget

from kiosk.ui.widgets import label


class SoundControls(QWidget):
    changed = Signal(bool, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mute = QCheckBox()
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setSingleStep(5)
        self.volume.setPageStep(10)
        self.value = label(role="muted")
        self.value.setMinimumWidth(60)
        self.volume_name = label(role="muted")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        row.addWidget(self.mute)
        row.addSpacing(24)
        row.addWidget(self.volume_name)
        row.addWidget(self.volume, 1)
        row.addWidget(self.value)
        self.mute.toggled.connect(self._changed)
        self.volume.valueChanged.connect(self._changed)
        self.retranslate()

    def show_settings(self, muted: bool, volume: int) -> None:
        """The current settings, without announcing them as a change."""
        for widget in (self.mute, self.volume):
            widget.blockSignals(True)
        self.mute.setChecked(muted)
        self.volume.setValue(volume)
        for widget in (self.mute, self.volume):
            widget.blockSignals(False)
        self._show_value()

    def _changed(self, *_args: object) -> None:
        self._show_value()
        self.changed.emit(self.mute.isChecked(), self.volume.value())

    def _show_value(self) -> None:
        self.value.setText(f"{self.volume.value()} %")
        self.volume.setEnabled(not self.mute.isChecked())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.mute.setText(self.tr("Sound off"))
        self.mute.setAccessibleName(self.tr("Sound off"))
        self.volume_name.setText(self.tr("Volume"))
        self.volume.setAccessibleName(self.tr("Volume"))
