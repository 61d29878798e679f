"""Online/offline switching from measured latency and errors (kiosk/connectivity.py)."""

from __future__ import annotations

from kiosk.services.client import Unreachable
from kiosk.services.connectivity import BACKOFF_START, SLOW_SAMPLES, SLOW_SECONDS, Connectivity


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_consistently_slow_redeems_switch_to_offline_with_their_own_reason() -> None:
    clock = Clock()
    link = Connectivity(monotonic=clock)
    for _ in range(SLOW_SAMPLES - 1):
        link.record_success(SLOW_SECONDS + 0.1)
    assert link.online  # one or two slow answers are not yet a trend
    link.record_success(SLOW_SECONDS + 0.1)
    state = link.state()
    assert not link.online and state.reason_key == "error.server_slow"
    assert link.seconds_until_probe() == BACKOFF_START  # and it says when it tries again
    clock.now += BACKOFF_START
    assert link.seconds_until_probe() == 0.0
    link.record_success(0.05)  # the probe was fast: back online
    assert link.online and link.state().reason_key is None


def test_one_fast_answer_among_slow_ones_keeps_the_kiosk_online() -> None:
    link = Connectivity(monotonic=Clock())
    for latency in (SLOW_SECONDS + 0.1, 0.05, SLOW_SECONDS + 0.1):
        link.record_success(latency)
    assert link.online


def test_unreachable_server_goes_offline_and_backs_off_doubling() -> None:
    clock = Clock()
    link = Connectivity(monotonic=clock)
    link.record_failure(Unreachable("no route"))
    assert not link.online and link.state().reason_key == "error.unreachable"
    assert link.seconds_until_probe() == BACKOFF_START
    link.record_failure(Unreachable("still no route"))
    assert link.seconds_until_probe() == 2 * BACKOFF_START
