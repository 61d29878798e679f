"""Work-around for PySide6 6.12.0: `SignalInstance.emit()` returns Py_True without a new reference.

Every emit then takes one reference from `True`; after a few hundred emits (the scanner emits
several per frame) CPython frees `True` and aborts with "bool_dealloc: deallocating True or False".
`emit()` below detects the bug once and gives the missing reference back; on a fixed PySide6 it
is a plain emit.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    ping = Signal()


def _emit_steals_reference() -> bool:
    probe = _Probe()
    ping: Any = probe.ping
    before = sys.getrefcount(True)
    results = [ping.emit() for _ in range(50)]  # keep the results: no other refs change
    lost = before + len(results) - sys.getrefcount(True)
    for r in results:  # give back what the probe itself took
        if lost >= 25:
            _incref(r)
    return lost >= 25


BUGGY_EMIT = _emit_steals_reference()


def emit(signal: Any, *args: Any) -> None:
    """signal.emit(*args), safe on PySide6 versions whose emit() drops a reference to its result."""
    result = signal.emit(*args)
    if BUGGY_EMIT:
        _incref(result)
