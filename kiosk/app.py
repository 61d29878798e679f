"""The GUI's composition root: builds screens, presenters, scanner, camera and sync; wires them;
owns the shutdown order (camera -> decoder -> sync -> threads quit and wait -> database closed).

Started by kiosk/launch.py, which owns everything before and after (logging, signals, the
enrollment window, the demo server).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from kiosk import heap
from kiosk.core import messages
from kiosk.i18n import Translations
from kiosk.presenters import adapters
from kiosk.presenters.checkin import CheckinPresenter
from kiosk.presenters.desk import DeskPresenter
from kiosk.presenters.lobby import LobbyPresenter
from kiosk.presenters.lobby_skills import SkillsPresenter
from kiosk.presenters.tasks import TaskRunner
from kiosk.ui import theme
from kiosk.ui.checkin_screen import CheckinScreen
from kiosk.ui.desk_denials import Denial
from kiosk.ui.desk_screen import IDLE_MS, DeskScreen
from kiosk.ui.idle import IdleWatch
from kiosk.ui.lobby_board import LobbyBoard
from kiosk.ui.main_window import MainWindow
from kiosk.ui.pin_screen import PinScreen
from kiosk.ui.sound import Sounds

log = logging.getLogger("kiosk.ui")

GUEST_LANGUAGE_MS = 45_000  # a guest's language choice falls back to the kiosk's after this
LOBBY_IDLE_MS = 60_000  # the check-in screen shows the lobby board after this long without anyone
SOUND_MUTED_META, SOUND_VOLUME_META = "sound_muted", "sound_volume"  # set by staff at the desk
SCANNER_META = "wedge_scanner_seen"  # store meta: a USB scanner has typed a scan on this kiosk


@dataclass(frozen=True)
class Options:
    lang: str = "de"
    windowed: bool = False
    lobby: bool = False
    high_contrast: bool = False
    sound: bool = True  # False: no audio device at all (tests)
    muted: bool = False  # --mute: start muted (staff can switch the sound on at the desk)
    desk_idle_ms: int = IDLE_MS
    lobby_idle_ms: int = LOBBY_IDLE_MS  # 0: the check-in screen never turns into the lobby
    read_only: bool = False  # a --lobby beside a running kiosk: no sync of its own
    scanner: bool = False  # --scanner: a USB (keyboard-wedge) scanner is attached
    settle_heap: bool = True  # freeze the start-up heap, out of the garbage collector's way (heap.py)


class KioskApp(QObject):
    """One running kiosk. `start()`, then `shutdown()` exactly once (also on errors)."""

    def __init__(
        self,
        services: Any,
        source: Any | None,
        options: Options,
        footer: QWidget | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.options = services, options
        log.info("building the GUI (lobby=%s, windowed=%s)", options.lobby, options.windowed)
        self.translations = Translations()
        self.lang = self.translations.set_language(options.lang)
        self.theme = theme.apply(QApplication.instance(), options.high_contrast)  # type: ignore[arg-type]
        self.tasks = TaskRunner()
        self.sounds = Sounds(options.sound, *_sound_settings(services.store, options.muted))
        self.window = MainWindow(kiosk_mode=not options.windowed)
        self.checkin = CheckinScreen(lambda: services.store.calendar().local(services.clock.now()))
        self.pin = PinScreen()
        self.desk = DeskScreen(options.desk_idle_ms)
        self.lobby = LobbyBoard(self.checkin.clock._now)
        for needs_pointer in (self.pin, self.desk):
            needs_pointer.setProperty("needsPointer", True)
        for screen in (self.checkin, self.lobby, self.pin, self.desk):
            self.window.add_screen(screen)
        if footer is not None:
            self.window.add_footer(footer)
        self.home: QWidget = self.lobby if options.lobby else self.checkin
        self.checkin_presenter = CheckinPresenter(services, self.checkin, self.tasks, self.sounds)
        self.desk_presenter = DeskPresenter(services, self.pin, self.desk, self.tasks)
        self.lobby_presenter = LobbyPresenter(services, self.tasks, self.lobby, self.checkin.today)
        self.skills_presenter = SkillsPresenter(services, self.tasks, self.lobby.skills, self.lobby.occupancy)
        self.set_language(options.lang)  # screens start in German; --lang applies to all of them
        self._lang_reset = QTimer(self)
        self._lang_reset.setSingleShot(True)
        self._lang_reset.timeout.connect(lambda: self.set_language(self.options.lang))
        self.idle = IdleWatch(0 if options.lobby else options.lobby_idle_ms, self)
        self.checkin.set_scanner_ready(options.scanner or services.store.get_meta(SCANNER_META) == "1")
        self._build_workers(source)
        self._wire()
        self._stopped = False

    def _build_workers(self, source: Any | None) -> None:
        from kiosk.camera.decode_worker import DecodeWorker
        from kiosk.wedge import WedgeListener

        self.decoder = DecodeWorker()
        self.camera: Any = None
        if source is not None and not self.options.lobby:
            from kiosk.camera.worker import CameraWorker

            self.camera = CameraWorker(source, sink=self.decoder.submit)
        self.wedge = WedgeListener()
        self.sync = _make_sync(self.services)

    def _wire(self) -> None:
        cp, dp = self.checkin_presenter, self.desk_presenter
        self.checkin.language_requested.connect(self.guest_language)
        self.checkin.staff_requested.connect(self.open_pin)
        QShortcut(QKeySequence("Ctrl+Alt+S"), self.window, self.open_pin)
        self.pin.cancelled.connect(self.go_home)
        dp.unlocked.connect(lambda _session: self._show(self.desk))
        dp.locked.connect(self.go_home)
        self.desk.exit_requested.connect(self.leave)
        self.desk.sync.sync_requested.connect(self.sync_now)
        self.desk.sync.sound.show_settings(self.sounds.muted, self.sounds.volume)
        self.desk.sync.sound.changed.connect(self._sound_changed)
        # A scan wakes the check-in screen first (connected first, so called first): none is lost.
        self.idle.idle.connect(self._idle)
        self.idle.activity.connect(self._wake)
        # Bound methods of this QObject (never lambdas): queued into the GUI thread.
        self.decoder.scanned.connect(self._someone_scanned)
        self.decoder.detected.connect(self._someone_scanned)
        self.wedge.scanned.connect(self._someone_scanned)
        self.decoder.scanned.connect(cp.on_scan_event)
        self.decoder.detected.connect(cp.on_detection)
        self.wedge.scanned.connect(cp.on_wedge)
        self.wedge.scanned.connect(self._scanner_works)
        if self.camera is not None:
            self.camera.preview.connect(self.checkin.set_frame)
            self.camera.state_changed.connect(cp.on_camera_status)
            self._health("unknown")
        else:
            self.checkin.set_camera_ok(False)
            self._health("none")
        # Where the lobby board tells people to hold up their pass (a --lobby TV has no reader).
        scan_at = "camera" if self.camera is not None else (None if self.options.lobby else "scanner")
        self.lobby.set_scan_hint(scan_at)
        self.sync.state_changed.connect(self._sync_state)
        cp.result_shown.connect(self._remember_denial)
        cp.result_shown.connect(lambda _result: self.skills_presenter.refresh())  # who is here now

    # --- navigation ---------------------------------------------------------------------------
    def _show(self, screen: QWidget) -> None:
        self.checkin_presenter.active = screen is self.checkin
        self.window.show_screen(screen)

    def go_home(self) -> None:
        self._show(self.home)
        self.idle.restart()

    def _idle(self) -> None:
        """Nobody for a while: the check-in screen becomes the lobby board (the camera keeps running).

        Not while a verdict, a check-in or "out of order, please ring" is shown, nor behind the PIN.
        """
        if self.window.current() is not self.checkin:
            return
        cp = self.checkin_presenter
        if self.checkin.showing_verdict or cp.in_flight or self.checkin.out_of_order:
            self.idle.restart()
            return
        log.info("idle: showing the lobby board")
        self._show(self.lobby)

    def _someone_scanned(self, _what: object) -> None:
        self.idle.poke()

    def _wake(self) -> None:
        """Any scan, key, click or touch while the idle lobby shows: back to check-in at once."""
        if self.window.current() is self.lobby and self.home is self.checkin:
            self._show(self.checkin)

    def _scanner_works(self, _text: str) -> None:
        """A scan came from a USB scanner: this kiosk has one, also after a restart (a kiosk with a
        scanner and no camera is a working kiosk, not "out of order")."""
        if self.checkin.scanner_ready:
            return
        log.info("a USB scanner is attached: remembered")
        self.checkin.set_scanner_ready(True)
        if not self.options.read_only:
            store = self.services.store
            self.tasks.run(lambda: store.set_meta(SCANNER_META, "1"))

    def _sound_changed(self, muted: bool, volume: int) -> None:
        """Staff set the sound at the desk: heard at once, kept across restarts."""
        self.sounds.set_muted(muted)
        self.sounds.set_volume(volume)
        log.info("sound %s, volume %d %%", "off" if muted else "on", self.sounds.volume)
        store = self.services.store
        values = {SOUND_MUTED_META: "1" if muted else "0", SOUND_VOLUME_META: str(self.sounds.volume)}
        self.tasks.run_latest("sound", lambda: store.set_meta_many(values))

    def open_pin(self) -> None:
        if self.window.current() in (self.pin, self.desk):
            return
        self.desk_presenter.prepare_pin()
        self._show(self.pin)

    def leave(self) -> None:
        log.info("staff left kiosk mode")
        self.window.allow_close()
        self.window.close()
        QApplication.quit()

    def guest_language(self, lang: str) -> None:
        self.set_language(lang)
        self._lang_reset.start(GUEST_LANGUAGE_MS)

    def set_language(self, lang: str) -> None:
        self.lang = self.translations.set_language(lang)
        self.checkin.set_language(self.lang)
        self.lobby.set_language(self.lang)
        self.desk_presenter.lang = self.lang
        self.desk.sync.lang = self.lang

    def show_problem(self) -> None:
        """After an unexpected error (kiosk/launch.py's excepthook): "please ask staff" at the door."""
        if self.window.current() is self.checkin:
            self.checkin.show_problem()

    def _remember_denial(self, result: Any) -> None:
        verdict = result.verdict
        if verdict.admitted:
            return
        title, _detail = messages.explain(verdict, self.lang, self.checkin._space_names)
        when = self.services.store.calendar().local(result.occurred_at).strftime("%H:%M")
        who = self.desk.today.who(verdict.reason.value, verdict.member_number, verdict.display_name)
        self.desk.members.add_denial(Denial(verdict.member_number, result.nonce, when, who, title))

    # --- sync -------------------------------------------------------------------------------------
    def sync_now(self) -> None:
        self.desk.sync.set_busy(True)
        self.sync.sync_now()

    def _health(self, camera: str) -> None:
        """The camera state and decoder rate the sync engine reports (kiosk/services/health.py)."""
        health = getattr(self.services, "health", None)
        if health is not None:
            health.set_camera(camera)
            health.set_frame_counter(lambda: self.decoder.frames)

    def _sync_state(self, state: Any) -> None:
        self.checkin.set_revoked(bool(getattr(state, "revoked", False)))
        self.desk.sync.set_busy(bool(getattr(state, "syncing", False)))
        self.desk.sync.show_state(adapters.sync_view(state, self.services.store.calendar()), self.lang)
        self.lobby_presenter.refresh()
        self.skills_presenter.refresh()
        store = self.services.store
        self.tasks.run(lambda: (store.space_names(), store.space_id or 0), self._space_names)

    def _space_names(self, answer: tuple[dict[int, str], int]) -> None:
        names, space_id = answer
        self.checkin.set_space(names.get(space_id, ""), names)

    # --- life cycle -------------------------------------------------------------------------------
    def start(self) -> None:
        if self.options.settle_heap:
            heap.settle()
        self.go_home()
        self.window.present()
        QApplication.instance().installEventFilter(self.wedge)  # type: ignore[union-attr]
        self.decoder.start()
        if self.camera is not None:
            self.camera.start()
        if not self.options.read_only:
            self.sync.start()
        self.lobby_presenter.start()
        self.skills_presenter.start()
        self.lobby.start()
        self.checkin.clock.start()
        self.idle.start()
        log.info("kiosk started")

    def shutdown(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        log.info("shutting down")
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.wedge)
        self.idle.stop()
        self.desk.close_desk()
        self.lobby.stop()
        self.checkin.clock.stop()
        self.lobby_presenter.stop()
        self.skills_presenter.stop()
        self._lang_reset.stop()
        if self.camera is not None:
            self.camera.stop()
        self.decoder.stop()
        if self.sync.notify_queued in self.services.checkin.listeners:
            self.services.checkin.listeners.remove(self.sync.notify_queued)
        self.sync.shutdown()
        self.tasks.shutdown()
        self.window.allow_close()
        self.window.hide_cursor(False)
        self.window.close()


def _sound_settings(store: Any, start_muted: bool) -> tuple[bool, int]:
    """(muted, volume) as staff last set them; `--mute` starts muted whatever they set."""
    from kiosk.ui.sound import DEFAULT_VOLUME, clamp_volume

    muted = start_muted or store.get_meta(SOUND_MUTED_META) == "1"
    return muted, clamp_volume(store.get_meta(SOUND_VOLUME_META, str(DEFAULT_VOLUME)))


def _make_sync(services: Any) -> Any:
    from kiosk.presenters.sync_worker import SyncWorker

    worker = SyncWorker(services.engine)
    services.checkin.listeners.append(worker.notify_queued)  # push within seconds after a check-in
    return worker
