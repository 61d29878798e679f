"""`coworking-kiosk`: the one launcher. Every start path goes through `main()`.

Headless commands (`enroll`, `sync`, `status`) run through the Qt-free kiosk/cli.py. The GUI
paths (the installed kiosk, its first-run enrollment window, the demo) are started here, after
the same preparation for all of them:

1. logging into the `kiosk` logger tree: the daily rotating file `<log dir>/kiosk.log` (the data
   dir's `logs/`, else the platform's log dir) and standard error (the journal under systemd);
2. `sys.excepthook` (and `threading.excepthook`): an unexpected error is logged with its
   traceback and the check-in screen says "please ask staff"; no developer dialog;
3. `faulthandler` into `<log dir>/crash.log`, for crashes below Python (Qt, a C extension);
4. SIGTERM and SIGINT end the event loop with `QApplication.exit(0)`, which no window can veto
   (Qt's `quit()` asks the windows first, and the kiosk-mode window refuses to close), so the
   shutdown order in KioskApp.shutdown runs before the process ends;
5. one kiosk per data directory (kiosk/instance.py): a second check-in kiosk on the same data
   refuses with a clear message; `--lobby` beside a running kiosk shows the board read-only.

`app.py` never imports this module back.
"""

from __future__ import annotations

import faulthandler
import logging
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from kiosk import cli
from kiosk.core import messages
from kiosk.logs import log_to_stderr, setup_logging
from kiosk.services import sdnotify

log = logging.getLogger("kiosk.ui")

EXIT_ALREADY_RUNNING = 5

_error_listeners: list[Callable[[], None]] = []
_crash_file: IO[str] | None = None  # kept open for faulthandler for the life of the process


def main(argv: Sequence[str] | None = None) -> int:
    args = cli.build_parser().parse_args(argv)
    if args.command is not None:
        return cli.run_command(args)
    return run_gui(args)


# --- preparation shared by every GUI path ------------------------------------------------------
def prepare(data_dir: str | Path | None) -> Path:
    """Logging, excepthooks and faulthandler for a GUI start; returns the log file's path."""
    from kiosk.services.config import Paths

    log_dir = Paths.resolve(data_dir).log_dir
    path = setup_logging(log_dir)
    log_to_stderr()
    install_excepthooks()
    enable_faulthandler(log_dir)
    log.info("coworking-kiosk %s starting (log file %s)", cli.version(), path)
    return path


def on_unexpected_error(listener: Callable[[], None]) -> None:
    """Call `listener()` (in the GUI thread's excepthook) after an unexpected error was logged."""
    _error_listeners.append(listener)


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    logging.getLogger("kiosk").critical("unexpected error", exc_info=(kind, value, tb))
    for listener in list(_error_listeners):
        try:
            listener()
        except Exception:  # noqa: BLE001 - the hook must never raise itself
            logging.getLogger("kiosk").exception("showing the error failed")


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    name = args.thread.name if args.thread is not None else "?"
    if args.exc_value is not None:
        logging.getLogger("kiosk").critical("unexpected error in thread %s", name, exc_info=args.exc_value)


def install_excepthooks() -> None:
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook


def enable_faulthandler(log_dir: Path) -> None:
    global _crash_file
    if _crash_file is not None:
        return
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        _crash_file = (log_dir / "crash.log").open("a", encoding="utf-8")
    except OSError as exc:
        log.warning("no crash log (%s); faulthandler writes to stderr", exc)
        faulthandler.enable()
        return
    faulthandler.enable(file=_crash_file)


def exit_on_signals(app: Any) -> Any:
    """SIGINT/SIGTERM (Ctrl+C, `systemctl stop`) end the event loop: `app.exit(0)`, not `quit()`.

    Python runs signal handlers only between bytecodes: a timer wakes the interpreter regularly
    while Qt's event loop waits.
    """
    from PySide6.QtCore import QTimer

    def stop(signum: int, _frame: object) -> None:
        log.info("signal %s: shutting down", signal.Signals(signum).name)
        app.exit(0)

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, stop)
    wake = QTimer(app)
    wake.timeout.connect(lambda: None)
    wake.start(200)
    return wake


# --- the GUI -------------------------------------------------------------------------------------
def run_gui(args: Any) -> int:
    from PySide6.QtWidgets import QApplication

    from kiosk.instance import AlreadyRunning, InstanceLock

    prepare(args.data_dir)
    lang = messages.language(args.lang)
    lock = None
    if not args.demo:
        from kiosk.services.config import Paths

        try:
            lock = InstanceLock.acquire(Paths.resolve(args.data_dir).database.parent, lobby=bool(args.lobby))
        except AlreadyRunning as exc:
            text = cli.TEXTS[lang]["already_running"].format(pid=exc.pid or "?", path=exc.path)
            log.error("%s", text)
            print(text, file=sys.stderr, flush=True)  # noqa: T201
            return EXIT_ALREADY_RUNNING
    if lock is not None and lock.shared:
        log.info("lobby board read-only beside a running kiosk on %s", lock.path.parent)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("coworking-kiosk")
    _wake = exit_on_signals(app)
    try:
        if args.demo:
            return run_demo(args, app)
        return run_installed(args, app, read_only=bool(lock is not None and lock.shared))
    finally:
        if lock is not None:
            lock.release()
        log.info("stopped")


def options_from(args: Any, **overrides: Any) -> Any:
    import os

    from kiosk.app import Options

    values: dict[str, Any] = dict(
        lang=messages.language(getattr(args, "lang", None)),
        windowed=bool(args.windowed),
        lobby=bool(args.lobby),
        scanner=bool(getattr(args, "scanner", False)),
        muted=bool(getattr(args, "mute", False)),
        high_contrast=bool(getattr(args, "high_contrast", False))
        or os.environ.get("COWORKING_KIOSK_HIGH_CONTRAST", "") not in ("", "0"),
    )
    values.update(overrides)
    return Options(**values)


def run_kiosk(app: Any, services: Any, source: Any, options: Any, footer: Any = None) -> int:
    """Show the kiosk until the event loop ends; the shutdown order runs on every way out."""
    from kiosk.app import KioskApp

    kiosk = KioskApp(services, source, options, footer=footer)
    on_unexpected_error(kiosk.show_problem)
    app.aboutToQuit.connect(kiosk.shutdown)
    try:
        kiosk.start()
        _systemd_watchdog(kiosk)  # the timer is the kiosk's child: Qt keeps it
        return int(app.exec())
    finally:
        sdnotify.notify("STOPPING=1")
        kiosk.shutdown()
        _error_listeners.clear()


def _systemd_watchdog(kiosk: Any) -> Any:
    """READY=1 now; WATCHDOG=1 from the GUI thread's event loop, so a frozen screen is restarted
    (packaging/kiosk/coworking-kiosk.service). Nothing outside systemd."""
    from PySide6.QtCore import QTimer

    sdnotify.notify("READY=1")
    interval = sdnotify.watchdog_interval()
    if interval is None:
        return None
    timer = QTimer(kiosk)
    timer.timeout.connect(lambda: sdnotify.notify("WATCHDOG=1"))
    timer.start(max(int(interval * 1000), 500))
    return timer


def run_installed(args: Any, app: Any, *, read_only: bool = False) -> int:
    """The installed kiosk: the enrollment window on first run, then the kiosk itself."""
    from kiosk.services.composition import KioskServices
    from kiosk.services.config import KioskConfig

    options = options_from(args, read_only=read_only)
    config: Any = KioskConfig.load(args.data_dir)
    if must_enroll(config):
        if read_only:
            log.error("not enrolled; the lobby beside a running kiosk cannot enroll")
            return cli.EXIT_NOT_ENROLLED
        config = _enroll(config, options, app, None if options.lobby else _camera(args.camera))
        if config is None:
            return cli.EXIT_NOT_ENROLLED
    services = KioskServices.open(config)
    try:
        return run_kiosk(app, services, None if options.lobby else _camera(args.camera), options)
    finally:
        services.close()


def _camera(choice: str | None) -> Any | None:
    """`--camera none`: no camera (a kiosk with a USB scanner only); else the chosen webcam."""
    from kiosk.camera.sources import camera_source

    return None if choice == "none" else camera_source(choice)


def must_enroll(config: Any) -> bool:
    """Not enrolled yet, or revoked by the server: then the enrollment window comes first. A
    revoked kiosk is enrolled again at the desk: staff PIN, "leave kiosk mode", the service
    restarts into this window, staff type or hold up a new enrollment code."""
    if not config.enrolled:
        return True
    from kiosk.store import Store, StoreUnavailable

    try:
        store = Store(config.paths.database)
    except StoreUnavailable:
        return False  # the kiosk itself will say what is wrong with its database
    try:
        return store.get_meta("revoked_at") is not None
    finally:
        store.close()


def _enroll(config: Any, options: Any, app: Any, source: Any | None) -> Any | None:
    """Show the enrollment window until it succeeds (the new config) or is closed (None)."""
    from kiosk.first_run import EnrollFlow

    flow = EnrollFlow(config, options.lang, options.high_contrast, app, source)
    flow.start()
    try:
        app.exec()
    finally:
        flow.stop()
    return flow.result


def run_demo(args: Any, app: Any) -> int:
    """`--demo`: an embedded server with the seeded network, this kiosk enrolled, a demo camera."""
    import tempfile

    from kiosk import demo
    from kiosk.ui.demo_panel import DemoPanel

    # ignore_cleanup_errors: a file a child process writes at the last moment must not turn a
    # clean stop into a crash (the member page's chromium is stopped first, below).
    with tempfile.TemporaryDirectory(prefix="coworking-demo-", ignore_cleanup_errors=True) as tmp:
        root = Path(tmp)
        server = demo.start_server(root)
        sys.stdout.write("\n".join(demo.admin_lines(server)) + "\n")
        sys.stdout.flush()
        services = None
        try:
            services = demo.enroll_kiosk(server, root)
            camera = demo.UnpluggableDemoCamera() if args.camera is None else _camera(args.camera)
            staff = server.network.staff_pins[server.network.space_slug]
            screenshot = demo.member_page_screenshot(server, root)
            panel = DemoPanel(camera, demo.sample_buttons(server.network, screenshot), staff)
            if args.camera is not None:
                panel.hide()
            return run_kiosk(app, services, camera, options_from(args, windowed=True), footer=panel)
        finally:
            demo.stop_member_page_render()
            if services is not None:
                services.close()
            server.stop()
