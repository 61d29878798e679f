"""The kiosk process's heap and Python's garbage collector.

A full collection walks every object the collector tracks and holds the interpreter lock while
it does, so every thread of the kiosk (the GUI's event loop with it) waits. After start-up the
heap holds Qt, PySide6, OpenCV, the translations and the screens: a full collection of it took
~100 ms (bench/proxy.py, 4 Dec 2026: the only GUI gaps over the 50 ms budget behind the fault
proxy, where the sync thread's exceptions make the cyclic garbage that triggers full
collections). `settle()` collects once and then freezes what survived (`gc.freeze`): those
objects live as long as the process anyway, and later collections skip them.
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Collect, then move every surviving object out of the collector's reach. Call once, at
    start-up, before the first person is at the door (the collection itself takes that long)."""
    gc.collect()
    gc.freeze()
