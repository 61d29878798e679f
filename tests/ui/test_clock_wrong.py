"""The door says why it decides nothing when the kiosk's clock is wrong, in German and English."""

from __future__ import annotations

from kiosk.core.calendar import utc_now
from kiosk.i18n import Translations
from kiosk.ui.checkin_screen import CheckinScreen


def test_clock_wrong_message_in_both_languages(qtbot) -> None:
    translations = Translations()
    screen = CheckinScreen(utc_now)
    qtbot.addWidget(screen)
    for lang, title, words in (
        ("de", "Bitte am Empfang melden", "Zeitsynchronisation"),
        ("en", "Please ask at the desk", "time synchronisation"),
    ):
        translations.set_language(lang)
        screen.show_clock_wrong()
        assert screen.showing_verdict
        assert screen.card.headline.text() == title
        assert words in screen.card.detail.text()
    translations.set_language("de")
