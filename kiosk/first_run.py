"""The first-run window: enrollment by a typed, USB-scanned or camera-read code (kiosk/launch.py
shows it when the kiosk is not enrolled yet)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from kiosk.i18n import Translations
from kiosk.presenters.enroll import EnrollPresenter
from kiosk.presenters.tasks import TaskRunner
from kiosk.ui import theme
from kiosk.ui.enroll_screen import EnrollScreen
from kiosk.ui.main_window import MainWindow

log = logging.getLogger("kiosk.ui")


class EnrollFlow(QObject):
    """The first-run enrollment window: the screen, its presenter, the camera and the decoder.

    The code can be typed, typed by a USB scanner into the field, or held up to the camera (the
    real decoder path). `start()`, then `stop()` exactly once; `result` holds the new config.

    Signals:
        enrolled(object): the new KioskConfig (the window closes itself then).
    """

    enrolled = Signal(object)

    def __init__(
        self,
        config: Any,
        lang: str,
        high_contrast: bool,
        app: QApplication,
        source: Any | None,
        token_store: Any | None = None,
        parent: QObject | None = None,
    ) -> None:
        from kiosk.camera.decode_worker import DecodeWorker
        from kiosk.camera.worker import CameraWorker
        from kiosk.services.config import KeyringTokenStore

        super().__init__(parent)
        self.translations = Translations()
        lang = self.translations.set_language(lang)
        theme.apply(app, high_contrast)
        self.tasks = TaskRunner()
        # Staff set the kiosk up: they need a pointer and a close box, so never kiosk mode here.
        self.window = MainWindow(kiosk_mode=False)
        self.screen = EnrollScreen()
        self.screen.lang = lang
        if config.server_url:
            self.screen.server.setText(config.server_url)
        self.window.add_screen(self.screen)
        self.window.show_screen(self.screen)
        tokens = token_store if token_store is not None else KeyringTokenStore()
        self.presenter = EnrollPresenter(self.screen, self.tasks, config, tokens)
        self.result: Any | None = None
        self.presenter.enrolled.connect(self._enrolled)
        self.decoder = DecodeWorker()
        self.decoder.scanned.connect(self._scanned)  # a bound method: queued into the GUI thread
        self.camera = (
            CameraWorker(source, sink=self.decoder.submit, preview_fps=0) if source is not None else None
        )
        self._stopped = False

    def _scanned(self, event: Any) -> None:
        self.screen.set_code(event.text)

    def _enrolled(self, config: Any) -> None:
        self.result = config
        self.enrolled.emit(config)
        self.window.close()

    def start(self) -> None:
        self.window.present()
        self.decoder.start()
        if self.camera is not None:
            self.camera.start()

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        if self.camera is not None:
            self.camera.stop()
        self.decoder.stop()
        self.tasks.shutdown()
        self.window.close()
