"""Small desk texts, as staff read them (issue 11, item 15)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kiosk.ui.desk_sync import SyncTab
from kiosk.ui.desk_today import TodayTab
from kiosk.ui.viewmodels import CheckinRow, SyncView


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("de", "Server nicht erreichbar. Das Terminal arbeitet offline; Check-ins werden gespeichert"),
        ("en", "Server unreachable. Working offline; check-ins are kept and sent later."),
    ],
)
def test_the_offline_explanation_is_two_sentences(qtbot, lang, expected):
    from kiosk.i18n import Translations

    translations = Translations()
    translations.set_language(lang)
    try:
        tab = SyncTab()
        qtbot.addWidget(tab)
        tab.show_state(SyncView(False, "error.unreachable", None, None, 0, 0.0), lang)
        assert tab.why.text().startswith(expected)
        assert ". ." not in tab.why.text() and ".." not in tab.why.text()
    finally:
        translations.set_language("de")


def test_one_scan_is_singular_in_english(qtbot):
    from kiosk.i18n import Translations

    translations = Translations()
    translations.set_language("en")
    try:
        tab = TodayTab()
        qtbot.addWidget(tab)
        row = CheckinRow("n1", datetime.now(UTC), 10001, "Anna K.", "home_member", True, False, "scan")
        tab.show_checkins([row])
        assert tab.summary.text() == "1 person admitted today, 1 scan in all"
    finally:
        translations.set_language("de")
