"""A kiosk whose clock is off by minutes (time sync broken) decides nothing (issue 18, item 1)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.core.calendar import utc_now
from kiosk.services.checkin import ClockWrong
from kiosk.services.clock import ServerClock

from .conftest import KioskFactory
from .netserver_proc import NetServer


@pytest.mark.parametrize(
    ("behind", "refused"), [(timedelta(minutes=10), True), (timedelta(minutes=1), False)]
)
def test_a_clock_minutes_off_refuses_to_decide(
    own_server: NetServer, make_kiosk: KioskFactory, behind: timedelta, refused: bool
) -> None:
    home, here = own_server.add_space("Home"), own_server.add_space("Here")
    _number, text = own_server.add_member("Guest", home.space_id)
    clock = ServerClock(now=lambda: utc_now() - behind)  # the box's own clock is behind
    kiosk = make_kiosk(own_server, here.space_id, clock=clock)
    assert kiosk.engine.run_once().ok  # the sync measures the offset to the server's clock
    assert clock.offset_seconds == pytest.approx(behind.total_seconds(), abs=5)
    if refused:
        with pytest.raises(ClockWrong):
            kiosk.checkin.check_in(text)
        assert kiosk.store.pending_count() == 0  # nothing decided, nothing recorded
        own_server.stop()  # offline too: the offset measured last is kept
        with pytest.raises(ClockWrong):
            kiosk.checkin.check_in(text)
    else:
        assert kiosk.checkin.check_in(text).verdict.admitted
