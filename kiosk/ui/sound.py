"""The verdict sounds (assets/sounds): a rising chime for admitted, a falling one for goodbye
(a check-out), a low double tone for denied.

Staff set mute and volume at the desk (Sync tab); the kiosk keeps them in its store.
`coworking-kiosk --mute` starts muted.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QUrl

from kiosk.ui.icons import SOUNDS

log = logging.getLogger("kiosk.ui")

DEFAULT_VOLUME = 80  # percent


class Sounds(QObject):
    """`play(kind)` with kind "admitted", "goodbye" (a check-out), "denied" or "attention".

    `enabled` False: no audio device is used at all (tests, machines without QtMultimedia);
    `muted`: staff turned the sound off. `played` lists what was to be heard (not while muted).
    """

    def __init__(
        self,
        enabled: bool = True,
        muted: bool = False,
        volume: int = DEFAULT_VOLUME,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.enabled, self.muted = enabled, muted
        self.volume = clamp_volume(volume)
        self.played: list[str] = []
        self._effects: dict[str, object] = {}

    def set_muted(self, muted: bool) -> None:
        self.muted = muted

    def set_volume(self, volume: int) -> None:
        self.volume = clamp_volume(volume)
        for effect in self._effects.values():
            effect.setVolume(self.volume / 100)  # type: ignore[attr-defined]

    def play(self, kind: str) -> None:
        name = kind if kind in ("admitted", "goodbye") else "denied"
        if self.muted:
            return
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
            self._effects[name] = effect
        effect.setVolume(self.volume / 100)  # type: ignore[attr-defined]
        effect.play()  # type: ignore[attr-defined]


def clamp_volume(value: object) -> int:
    try:
        return max(0, min(100, int(str(value))))
    except ValueError:
        return DEFAULT_VOLUME
