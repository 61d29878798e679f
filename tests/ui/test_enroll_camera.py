"""First run by camera: the enrollment code held up to the DemoCamera, read by the real decoder,
enrolled against the real server process; a wrong code and an unreachable server explained."""

from __future__ import annotations

import pytest

from kiosk.demo import UnpluggableDemoCamera
from kiosk.first_run import EnrollFlow
from kiosk.services.config import KioskConfig, MemoryTokenStore

from .conftest import QT_NOISE

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)


@pytest.fixture
def make_flow(qtbot, qapp, tmp_path):
    flows: list[EnrollFlow] = []

    def make(server_url: str, lang: str = "de") -> EnrollFlow:
        config = KioskConfig.load(tmp_path / f"kiosk{len(flows)}")
        flow = EnrollFlow(config, lang, False, qapp, UnpluggableDemoCamera(), MemoryTokenStore())
        flows.append(flow)
        flow.screen.server.setText(server_url)
        flow.start()
        return flow

    yield make
    for flow in flows:
        flow.stop()
        flow.translations.set_language("de")


def test_enrollment_code_held_up_to_the_camera_enrolls_the_kiosk(qtbot, world, make_flow):
    flow = make_flow(world.server.url)
    assert flow.window.isVisible()
    code = world.server.enrollment_code(world.network.space_id)
    with qtbot.waitSignal(flow.enrolled, timeout=15_000) as blocker:
        flow.camera.source.hold_up(code)
    config = blocker.args[0]
    assert config.enrolled and config.space_id == world.network.space_id
    assert flow.result is config
    assert flow.screen.code.text() == code  # what the camera read, shown in the field
    qtbot.waitUntil(lambda: not flow.window.isVisible())


def test_a_member_pass_held_up_is_not_an_enrollment_code(qtbot, world, make_flow):
    flow = make_flow(world.server.url)
    flow.camera.source.hold_up(world.pass_text("home_member"))
    qtbot.waitUntil(lambda: flow.screen.error_title.text() != "", timeout=15_000)
    assert flow.screen.error_title.text() == "✖ Unbekannter Einrichtungscode"
    assert flow.result is None and flow.window.isVisible()


def test_unreachable_server_is_explained_in_english(qtbot, world, make_flow):
    flow = make_flow("http://127.0.0.1:9", lang="en")
    flow.camera.source.hold_up(world.server.enrollment_code(world.network.space_id))
    qtbot.waitUntil(lambda: flow.screen.error_title.text() != "", timeout=15_000)
    assert flow.screen.error_title.text() == "✖ Server unreachable"
    assert flow.screen.error_detail.text() == (
        "Please check the server address and this computer's network connection."
    )
    assert flow.screen.submit.isEnabled() and flow.result is None
