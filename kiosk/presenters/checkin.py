"""Scans -> check-in service (in the pool) -> verdict card and sound; camera state -> screen.

Signals:
    result_shown(object): the CheckinResult just shown (tests, and the desk's "last denial").
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.presenters.tasks import TaskRunner
from kiosk.services.checkin import ClockWrong, KioskRevoked
from kiosk.ui.checkin_screen import CheckinScreen
from kiosk.ui.sound import Sounds
from kiosk.ui.verdict_card import verdict_kind

log = logging.getLogger("kiosk.ui")


class CheckinPresenter(QObject):
    result_shown = Signal(object)

    def __init__(
        self,
        services: Any,
        screen: CheckinScreen,
        tasks: TaskRunner,
        sounds: Sounds,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.screen, self.tasks, self.sounds = services, screen, tasks, sounds
        self.active = True  # False while the desk, PIN pad or enrollment screen is shown
        self.in_flight = False
        self.last_denial: Any = None

    def on_scan_event(self, event: Any) -> None:
        """DecodeWorker.scanned(ScanEvent)."""
        self.check_in(event.text, "scan")

    def on_wedge(self, text: str) -> None:
        """WedgeListener.scanned(str)."""
        self.check_in(text, "wedge")

    def on_detection(self, detection: Any) -> None:
        self.screen.set_detection(detection.corners)

    def on_camera_status(self, status: Any) -> None:
        state = getattr(getattr(status, "state", None), "value", status)
        self.screen.set_camera_ok(state != "out_of_order")
        health = getattr(self.services, "health", None)
        if health is not None:
            health.set_camera("out_of_order" if state == "out_of_order" else "ok")
        if state == "out_of_order":
            log.warning("camera out of order: %s", getattr(status, "reason", ""))

    def check_in(self, text: str, method: str) -> None:
        if not self.active or self.in_flight:
            return
        self.in_flight = True
        self.screen.set_busy(True)
        checkin = self.services.checkin
        self.tasks.run(lambda: checkin.check_in(text, method=method), self._show, self._failed)

    def _show(self, result: Any) -> None:
        self.in_flight = False
        verdict = result.verdict
        self.screen.show_verdict(verdict, getattr(result, "space_full", False))
        self.sounds.play(verdict_kind(verdict))
        if not verdict.admitted:
            self.last_denial = result
        self.result_shown.emit(result)

    def _failed(self, exc: Exception) -> None:
        self.in_flight = False
        if isinstance(exc, KioskRevoked):
            self.screen.set_busy(False)
            self.screen.set_revoked(True)
            log.warning("scan refused: this kiosk was revoked")
            return
        if isinstance(exc, ClockWrong):
            self.screen.show_clock_wrong()
            self.sounds.play("denied")
            log.warning("scan refused: %s", exc)
            return
        self.screen.show_problem()
        self.sounds.play("denied")
        log.error("check-in failed", exc_info=exc)
