"""The guest's moment, end to end: demo camera -> real decoder -> check-in service -> verdict card."""

from __future__ import annotations

import pytest

from kiosk.core.verdicts import Reason
from kiosk.ui.theme import HEADLINE_PX

from .conftest import QT_NOISE

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)


def hold_up(qtbot, app, text, timeout=10_000):
    """Hold `text` up to the demo camera and wait for the verdict on screen."""
    with qtbot.waitSignal(app.checkin_presenter.result_shown, timeout=timeout) as blocker:
        app.camera.source.hold_up(text)
    app.camera.source.take_away()
    return blocker.args[0]


def test_guest_with_a_free_day_is_admitted_with_words_icon_colour_and_sound(qtbot, world, services, make_app):
    app = make_app(services)
    result = hold_up(qtbot, app, world.pass_text("guest_free"))
    assert result.verdict.reason is Reason.GUEST_DAY
    assert not result.verdict.offline
    card = app.checkin.card
    assert app.checkin.showing_verdict and card.kind == "admitted"
    assert world.network.samples["guest_free"].display_name in card.headline.text()
    assert "Gasttag 1 von 1" in card.detail.text()  # German by default
    assert "0 von 1" in card.facts.text()  # guest days left this month
    assert card.headline.font().pixelSize() >= 48 or card.headline.fontInfo().pixelSize() >= 48
    assert HEADLINE_PX >= 48
    assert not card.icon.pixmap().isNull() and card.icon.accessibleName() == "Eingelassen"
    assert app.sounds.played == ["admitted"]
    # Back to scanning by itself.
    app.checkin._back.setInterval(50)
    app.checkin._back.start()
    qtbot.waitUntil(lambda: not app.checkin.showing_verdict, timeout=2000)


def test_guest_whose_day_is_used_is_told_what_to_do(qtbot, world, services, make_app):
    app = make_app(services)
    result = hold_up(qtbot, app, world.pass_text("guest_used"))
    assert result.verdict.reason is Reason.GUEST_DAYS_USED
    card = app.checkin.card
    assert card.kind == "denied" and card.icon.accessibleName() == "Nicht eingelassen"
    assert "verbraucht" in card.headline.text() and "Empfang" in card.detail.text()
    assert app.sounds.played == ["denied"]


def test_replaced_card_is_denied_in_english_after_the_guest_switches(qtbot, world, services, make_app):
    app = make_app(services)
    qtbot.mouseClick(app.checkin.lang_buttons["en"], qtbot_button())
    assert app.lang == "en"
    qtbot.waitUntil(lambda: app.checkin.prompt.text() == "Hold your pass up to the camera")
    result = hold_up(qtbot, app, world.pass_text("replaced"))
    assert result.verdict.reason is Reason.PASS_REPLACED
    assert app.checkin.card.headline.text() == "This card has been replaced"
    assert "newest pass" in app.checkin.card.detail.text()


def test_forged_code_is_unknown_and_the_wedge_scanner_works_too(qtbot, world, services, make_app):
    app = make_app(services, camera=None)
    with qtbot.waitSignal(app.checkin_presenter.result_shown, timeout=10_000) as blocker:
        app.wedge.scanned.emit(world.pass_text("forged"))
    assert blocker.args[0].verdict.reason is Reason.UNKNOWN_PASS
    assert blocker.args[0].method == "wedge"


def qtbot_button():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_lang_option_sets_the_verdict_language_and_the_guest_switch(qtbot, world, services, make_app):
    # `coworking-kiosk --lang en`: the whole screen, verdicts included, speaks English.
    app = make_app(services, lang="en")
    assert app.checkin.lang == "en" and app.checkin.lang_buttons["en"].isChecked()
    assert not app.checkin.lang_buttons["de"].isChecked()
    result = hold_up(qtbot, app, world.pass_text("guest_used"))
    assert result.verdict.reason is Reason.GUEST_DAYS_USED
    headline = app.checkin.card.headline.text()
    assert headline.startswith("Your guest day for ") and headline.endswith(" is used")
    assert app.checkin.card.detail.text() == "Please ask at the desk."


def test_the_member_page_code_of_a_card_is_answered_kindly(qtbot, world, services, make_app):
    # the small second code on a printed card opens the member page; shown alone, it is no pass
    app = make_app(services, camera=None)
    with qtbot.waitSignal(app.checkin_presenter.result_shown, timeout=10_000) as blocker:
        app.wedge.scanned.emit("http://127.0.0.1:8765/me/q3V9xk2L0-bZ_7hT4sYwE1aP8mN6cR5dF0gJ2uK9vX")
    assert blocker.args[0].verdict.reason is Reason.FOREIGN_CODE
    assert app.checkin.card.headline.text() == "Das ist dein Mitgliederbereich"
    assert "großen Code" in app.checkin.card.detail.text()
