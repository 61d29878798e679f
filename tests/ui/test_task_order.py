"""Writes of a setting run in the order staff made the changes, also when the first one is slow.

Seen in CI: staff toggled the sound twice, the two writes ran side by side in the pool and the
older one ("on") committed last, so the kiosk forgot that it had been muted.
"""

from __future__ import annotations

import threading
import time

from kiosk.presenters.tasks import TaskRunner


def test_the_last_change_asked_for_is_the_one_kept_when_an_earlier_write_is_slow(qtbot):
    runner = TaskRunner()
    kept: list[str] = []
    first_started, release = threading.Event(), threading.Event()

    def write(value: str, slow: bool = False):
        def fn() -> None:
            if slow:
                first_started.set()
                release.wait(5)
            time.sleep(0.01)
            kept.append(value)

        return fn

    runner.run_latest("sound", write("on", slow=True))
    assert first_started.wait(5)
    runner.run_latest("sound", write("off"))
    runner.run_latest("sound", write("on again"))
    runner.run_latest("sound", write("off at last"))
    time.sleep(0.05)  # a write that did not wait for the slow one would have committed by now
    release.set()
    qtbot.waitUntil(lambda: runner.busy == 0 and kept[-1:] == ["off at last"], timeout=5000)
    assert kept == ["on", "off at last"]  # in order; the ones overtaken while waiting are skipped
    runner.shutdown()


def test_a_change_still_waiting_at_shutdown_is_written(qtbot):
    runner = TaskRunner()
    kept: list[str] = []
    release = threading.Event()

    def slow() -> None:
        release.wait(5)
        kept.append("first")

    runner.run_latest("sound", slow)
    runner.run_latest("sound", lambda: kept.append("last"))
    threading.Timer(0.1, release.set).start()
    assert runner.shutdown(5000)
    assert kept == ["first", "last"]


def test_a_failing_write_does_not_block_the_next_one(qtbot):
    runner = TaskRunner()
    kept: list[str] = []
    release = threading.Event()

    def fails() -> None:
        release.wait(5)
        raise OSError("disk full")

    runner.run_latest("sound", fails)
    runner.run_latest("sound", lambda: kept.append("next"))
    release.set()
    qtbot.waitUntil(lambda: kept == ["next"], timeout=5000)
    assert runner.busy == 0
    runner.shutdown()
