"""Start of an installed kiosk: the enrollment screen on first run, then the kiosk itself."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtWidgets import QApplication

from kiosk.app import KioskApp, Options, camera_source
from kiosk.i18n import Translations
from kiosk.presenters.enroll import EnrollPresenter
from kiosk.presenters.tasks import TaskRunner
from kiosk.ui import theme
from kiosk.ui.enroll_screen import EnrollScreen
from kiosk.ui.main_window import MainWindow

log = logging.getLogger("ui")


def _enroll(config: Any, options: Options, app: QApplication, source: Any | None) -> Any | None:
    """Show the enrollment screen until it succeeds (the new config) or the window closes (None).

    The code can be typed, typed by a USB scanner into the field, or held up to the camera.
    """
    from kiosk.camera.worker import CameraWorker
    from kiosk.config import KeyringTokenStore
    from kiosk.scanner import DecodeWorker

    translations = Translations()
    lang = translations.set_language(options.lang)
    theme.apply(app, options.high_contrast)
    tasks = TaskRunner()
    window = MainWindow(kiosk_mode=False)  # staff sets it up; they need a pointer and a close box
    screen = EnrollScreen()
    screen.lang = lang
    if config.server_url:
        screen.server.setText(config.server_url)
    window.add_screen(screen)
    window.show_screen(screen)
    presenter = EnrollPresenter(screen, tasks, config, KeyringTokenStore())
    result: list[Any] = []

    def enrolled(new: Any) -> None:
        result.append(new)
        window.close()

    presenter.enrolled.connect(enrolled)
    decoder = DecodeWorker()
    decoder.scanned.connect(lambda event: screen.set_code(event.text))
    camera = CameraWorker(source, sink=decoder.submit, preview_fps=0) if source is not None else None
    window.present()
    decoder.start()
    if camera is not None:
        camera.start()
    try:
        app.exec()
    finally:
        if camera is not None:
            camera.stop()
        decoder.stop()
        tasks.shutdown()
    return result[0] if result else None


def run_enrolled_or_enroll(args: Any, app: QApplication, options: Options) -> int:
    from kiosk.config import KioskConfig
    from kiosk.services import KioskServices

    config: Any = KioskConfig.load(args.data_dir)
    if not config.enrolled:
        config = _enroll(config, options, app, None if options.lobby else camera_source(args.camera))
        if config is None:
            return 3  # the cli's EXIT_NOT_ENROLLED
    services = KioskServices.open(config)
    kiosk = KioskApp(services, None if options.lobby else camera_source(args.camera), options)
    app.aboutToQuit.connect(kiosk.shutdown)
    try:
        kiosk.start()
        return int(app.exec())
    finally:
        kiosk.shutdown()
        services.close()
