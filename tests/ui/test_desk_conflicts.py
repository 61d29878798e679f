"""The conflicts tab says plainly when there are none, instead of showing an empty table."""

from __future__ import annotations

import pytest

from kiosk.i18n import Translations
from kiosk.ui.desk_conflicts import ConflictsTab
from kiosk.ui.viewmodels import ConflictRow

from .conftest import QT_NOISE

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)


def test_no_conflicts_is_said_in_words_and_rows_replace_it(qtbot, tmp_path):
    translations = Translations()
    translations.set_language("de")
    try:
        tab = ConflictsTab()
        qtbot.addWidget(tab)
        tab.show()
        assert tab.none.isVisible() and not tab.table.isVisible()
        assert tab.none.text().startswith("Keine Konflikte")
        tab.show_conflicts([ConflictRow(10003, "Lena S.", "2026-11", "Gardelegen, Stendal", None)])
        assert tab.table.isVisible() and tab.explain.isVisible() and not tab.none.isVisible()
        tab.show_conflicts([])
        assert tab.none.isVisible() and not tab.table.isVisible()
    finally:
        translations.set_language("de")
