"""Sound at the door: staff mute it or set its volume at the desk; the kiosk keeps the setting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk import cli, launch

from .conftest import QT_NOISE
from .test_desk_denials import at_the_door
from .test_desk_flow import unlock

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)


def test_staff_mute_and_set_the_volume_and_the_kiosk_keeps_it(qtbot, world, services, make_app):
    app = make_app(services, camera=None, scanner=True)
    at_the_door(qtbot, app, world.pass_text("home_member"))
    assert app.sounds.played == ["admitted"] and not app.sounds.muted
    unlock(qtbot, app, world.pin)
    app.desk.tabs.setCurrentWidget(app.desk.sync)
    sound = app.desk.sync.sound
    assert sound.isVisible() and sound.volume.value() == 80
    sound.volume.setValue(40)  # the slider, as a drag or the arrow keys leave it
    assert app.sounds.volume == 40 and sound.value.text() == "40 %"
    qtbot.mouseClick(sound.mute, Qt.MouseButton.LeftButton)
    assert app.sounds.muted and not sound.volume.isEnabled()
    app.desk_presenter.lock()
    at_the_door(qtbot, app, world.pass_text("home_member"))
    assert app.sounds.played == ["admitted"]  # nothing more was heard
    qtbot.waitUntil(lambda: services.store.get_meta("sound_muted") == "1", timeout=5000)
    assert services.store.get_meta("sound_volume") == "40"
    app.shutdown()
    again = make_app(services, camera=None, scanner=True)  # a restart keeps what staff set
    assert again.sounds.muted and again.sounds.volume == 40
    assert again.desk.sync.sound.mute.isChecked() and again.desk.sync.sound.volume.value() == 40
    again.desk.sync.sound.mute.setChecked(False)
    at_the_door(qtbot, again, world.pass_text("home_member"))
    assert again.sounds.played == ["admitted"]


def test_the_mute_option_exists_and_starts_muted(qtbot, services, make_app):
    options = launch.options_from(cli.build_parser().parse_args(["--mute", "--windowed"]))
    assert options.muted
    assert "--mute" in cli.build_parser().format_help()
    app = make_app(services, muted=True)
    assert app.sounds.muted and app.desk.sync.sound.mute.isChecked()
