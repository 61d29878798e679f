"""Fixtures for the scanner tests: workers that are always stopped, so no QThread outlives a test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, Slot

from kiosk.camera.decode_worker import DecodeWorker
from kiosk.camera.scene import HoldUpStyle, compose

CODE_A = "CWM10123456789ABCDEFGHJKLMN"
CODE_B = "CWM1PQRSTUVWX0123456789ABCD"
CODE_C = "CWD1X0X1X2X3X4X5X6X7X8X9XAXB"


@pytest.fixture
def stoppers() -> Iterator[list]:
    """Append anything with a stop() method; it is stopped after the test, even on failure."""
    items: list = []
    yield items
    for item in reversed(items):
        item.stop()


@pytest.fixture
def decode_worker(qapp, stoppers) -> DecodeWorker:
    worker = DecodeWorker(cooldown_s=3.0)
    stoppers.append(worker)
    worker.start()
    return worker


def frame_with(text: str, **style) -> object:
    return compose(text, HoldUpStyle(**style), seed=len(text))[0]


class Collector(QObject):
    """Receives a worker's signal in the main thread (as the UI will), keeping what arrived."""

    def __init__(self, signal) -> None:
        super().__init__()
        self.items: list = []
        signal.connect(self.add)

    @Slot(object)
    def add(self, item) -> None:
        self.items.append(item)
