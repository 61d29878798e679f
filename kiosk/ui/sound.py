"""The two verdict sounds: a chime for admitted, a low double tone for denied (assets/sounds)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QUrl

from kiosk.ui.icons import SOUNDS

log = logging.getLogger("kiosk.ui")


class Sounds(QObject):
    """`play(kind)` with kind "admitted", "denied" or "attention". Disabled: silent (tests, --mute)."""

    def __init__(self, enabled: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self.played: list[str] = []  # what would have been heard, for tests and the log
        self._effects: dict[str, object] = {}

    def play(self, kind: str) -> None:
        name = "admitted" if kind == "admitted" else "denied"
        self.played.append(name)
        if not self.enabled:
            return
        try:
            from PySide6.QtMultimedia import QSoundEffect
        except ImportError:  # pragma: no cover - QtMultimedia missing: stay silent
            self.enabled = False
            return
        effect = self._effects.get(name)
        if effect is None:
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(SOUNDS / f"{name}.wav")))
            effect.setVolume(0.8)
            self._effects[name] = effect
        effect.play()  # type: ignore[attr-defined]
