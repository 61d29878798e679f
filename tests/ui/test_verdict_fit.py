"""Long names in the verdict headline fit the screen at the kiosk's usual sizes, in both languages."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from kiosk.core.verdicts import Reason, Verdict

from .conftest import QT_NOISE

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)

LONG_NAME = "Anne-Sophie Straßburger-Häußler"
SIZES = [(1024, 600), (1280, 800), (1920, 1080)]
GARDELEGEN = 99  # a space id only this test uses
MIN_HEADLINE_PX = 30  # readable from 2 m (kiosk.ui.verdict_card shrinks no further)


def long_verdict(offline: bool) -> Verdict:
    return Verdict(
        Reason.GUEST_DAY,
        date(2026, 12, 3),
        "verdict.guest_day",
        {"name": LONG_NAME, "home_space_id": GARDELEGEN, "number": 1, "allowed": 1, "month": 12},
        counted=True,
        guest_days_allowed=1,
        guest_days_left=0,
        offline=offline,
        member_number=10042,
        display_name=LONG_NAME,
        home_space_id=GARDELEGEN,
    )


def assert_not_clipped(card, label, window) -> None:
    if label.isHidden() or not label.text():
        return
    inside = QRect(label.mapTo(window, label.rect().topLeft()), label.size())
    assert window.rect().contains(inside), (label.text(), inside, window.rect())
    assert card.contentsRect().contains(label.geometry()), (label.text(), label.geometry())
    assert label.heightForWidth(label.width()) <= label.height(), label.text()
    need = QFontMetrics(label.font()).boundingRect(
        QRect(0, 0, label.width(), 100_000), Qt.TextFlag.TextWordWrap, label.text()
    )
    assert need.width() <= label.width() and need.height() <= label.height(), (label.text(), need)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_long_name_fits_at_every_size(qtbot, lang, tmp_path):
    """The check-in screen as the full-screen kiosk shows it (its window is the screen)."""
    from kiosk.i18n import Translations
    from kiosk.ui import theme
    from kiosk.ui.checkin_screen import CheckinScreen

    translations = Translations()
    translations.set_language(lang)
    theme.apply(QApplication.instance(), False)
    screen = CheckinScreen()
    qtbot.addWidget(screen)
    screen.set_language(lang)
    screen.set_space("Stendal", {GARDELEGEN: "Gardelegen"})
    screen.show()
    card = screen.card
    out = Path(os.environ.get("VERDICT_FIT_PNG_DIR", tmp_path))
    try:
        for width, height in SIZES:
            for offline in (False, True):  # the offline line takes room too
                screen.resize(width, height)
                screen.show_verdict(long_verdict(offline))
                qtbot.waitUntil(lambda w=width, h=height: (screen.width(), screen.height()) == (w, h))
                qtbot.wait(50)  # one layout pass
                full = card.headline.property("fullText") or card.headline.text()
                assert LONG_NAME in full and "Gardelegen" in full
                assert card.headline.fontInfo().pixelSize() >= MIN_HEADLINE_PX
                for label in (card.headline, card.detail, card.facts, card.offline):
                    assert_not_clipped(card, label, screen)
                if width >= 1280:  # room enough: the whole name, not shortened
                    assert card.headline.text() == full
                screen.grab().save(str(out / f"verdict-long-{lang}-{width}x{height}-{int(offline)}.png"))
    finally:
        translations.set_language("de")
