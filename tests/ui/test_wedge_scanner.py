"""A USB keyboard-wedge scanner at the running kiosk: real key events into the real window."""

from __future__ import annotations

import pytest

from kiosk.core.verdicts import Reason
from tests.scanner.keystrokes import Typist, scan_events

from .conftest import QT_NOISE

pytestmark = pytest.mark.qt_log_ignore(QT_NOISE)


def scan(qtbot, app, text: str, **how):
    """Type `text` as a scanner does, through the window system into the kiosk's window."""
    # Started: the first sync is shown (its work would otherwise run between the keys the test sends;
    # a real scanner's keys queue up meanwhile and arrive together).
    qtbot.waitUntil(lambda: bool(app.checkin.space.text()), timeout=10_000)
    typist = Typist(app.window.windowHandle(), advance=lambda _s: None)  # real time, real clock
    with qtbot.waitSignal(app.checkin_presenter.result_shown, timeout=10_000) as blocker:
        typist.send(scan_events(text, **how), gap_s=0)
    return blocker.args[0]


@pytest.mark.parametrize(
    "how",
    [{}, {"layout": "de", "suffix": "keypad_enter", "prefix": "]Q1"}],
    ids=["us-return", "de-keypad-enter-aim-prefix"],
)
def test_a_scanner_typing_a_real_pass_in_capitals_with_shift_checks_the_guest_in(
    qtbot, world, services, make_app, how
):
    app = make_app(services)
    text = world.pass_text("guest_free")
    assert text == text.upper() and any(c.isalpha() for c in text)  # as printed: Shift for each letter
    result = scan(qtbot, app, text, **how)
    assert result.method == "wedge"
    assert result.verdict.reason in (Reason.GUEST_DAY, Reason.ALREADY_TODAY)
    assert result.verdict.admitted
    assert app.checkin.showing_verdict
    assert world.network.samples["guest_free"].display_name in app.checkin.card.headline.text()
