"""First run: the enrollment screen against a real server; every failure explained."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.presenters.enroll import EnrollPresenter
from kiosk.presenters.tasks import TaskRunner
from kiosk.services.config import KioskConfig, MemoryTokenStore
from kiosk.ui.enroll_screen import EnrollScreen


@pytest.fixture
def enroll_ui(qtbot, tmp_path):
    screen = EnrollScreen()
    qtbot.addWidget(screen)
    tasks = TaskRunner()
    presenter = EnrollPresenter(screen, tasks, KioskConfig.load(tmp_path / "kiosk"), MemoryTokenStore())
    yield screen, presenter
    tasks.shutdown()


def submit(qtbot, screen, server, code):
    screen.server.setText(server)
    screen.code.setText(code)
    qtbot.mouseClick(screen.submit, Qt.MouseButton.LeftButton)


def test_mistyped_code_is_explained_without_the_network(qtbot, enroll_ui, world):
    screen, _presenter = enroll_ui
    code = world.server.enrollment_code(world.network.space_id)
    wrong = code[:-1] + ("A" if code[-1] != "A" else "B")
    submit(qtbot, screen, world.server.url, wrong)
    assert screen.error_title.text() == "✖ Code vertippt"
    submit(qtbot, screen, world.server.url, world.pass_text("home_member"))
    assert screen.error_title.text() == "✖ Unbekannter Einrichtungscode"


def test_code_works_once_then_says_used(qtbot, enroll_ui, world):
    screen, presenter = enroll_ui
    code = world.server.enrollment_code(world.network.space_id)
    with qtbot.waitSignal(presenter.enrolled, timeout=10_000) as blocker:
        submit(qtbot, screen, world.server.url, code.lower())  # scanners and people: lower case is fine
    assert blocker.args[0].space_id == world.network.space_id
    submit(qtbot, screen, world.server.url, code)
    qtbot.waitUntil(lambda: screen.error_title.text() != "", timeout=10_000)
    assert screen.error_title.text() == "✖ Einrichtungscode schon benutzt"


def test_unreachable_server_is_explained(qtbot, enroll_ui, world):
    screen, _presenter = enroll_ui
    code = world.server.enrollment_code(world.network.space_id)
    submit(qtbot, screen, "http://127.0.0.1:9", code)
    qtbot.waitUntil(lambda: screen.error_title.text() != "", timeout=15_000)
    assert screen.error_title.text() == "✖ Server nicht erreichbar"
    assert screen.submit.isEnabled()
