"""Enrollment screen -> kiosk.enroll.enroll (in the pool); every failure explained by its key.

Signals:
    enrolled(object): the new KioskConfig
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.presenters.tasks import TaskRunner
from kiosk.ui.enroll_screen import EnrollScreen

log = logging.getLogger("kiosk.ui")


class EnrollPresenter(QObject):
    enrolled = Signal(object)

    def __init__(
        self,
        screen: EnrollScreen,
        tasks: TaskRunner,
        config: Any,
        token_store: Any,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.screen, self.tasks, self.config, self.tokens = screen, tasks, config, token_store
        screen.enroll_requested.connect(self.enroll)

    def enroll(self, server_url: str, code: str, kiosk_name: str) -> None:
        from kiosk.services.enroll import EnrollmentError, enroll, parse_code

        if not server_url.startswith(("http://", "https://")):
            self.screen.show_error("error.unreachable")
            return
        try:
            parse_code(code)  # a mistyped code is explained at once, without the network
        except EnrollmentError as exc:
            self.screen.show_error(exc.key)
            return
        self.screen.set_busy(True)
        self.tasks.run(
            lambda: enroll(
                server_url, code, config=self.config, token_store=self.tokens, kiosk_name=kiosk_name
            ),
            self._done,
            self._failed,
        )

    def _done(self, config: Any) -> None:
        self.screen.set_busy(False)
        self.enrolled.emit(config)

    def _failed(self, exc: Exception) -> None:
        self.screen.set_busy(False)
        key = getattr(exc, "key", None)
        if not isinstance(key, str):
            log.error("enrollment failed", exc_info=exc)
            key = "error.server_error"
        self.screen.show_error(key)
