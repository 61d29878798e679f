"""The rules a staff PIN and a staff name follow, as pure functions (no database).

A PIN unlocks the desk of one space, where anyone standing at the kiosk can try a few
guesses before the lock-out (kiosk/services/staff.py): so a PIN that a person guesses
first (`123456`, `000000`, `121212`, `987654`) is refused. Each refusal has a message key
of the shared catalogue (kiosk/core/messages.py, "staff.*") so the command line, the API and
the web admin say the same thing in German and English.
"""

from __future__ import annotations

import unicodedata

from kiosk.core.pins import MIN_PIN_LENGTH, InvalidPin, validate_pin

MAX_PIN_LENGTH = 32  # the API's limit (netserver/api/admin_schemas.py `Pin`)


def pin_problem(pin: str) -> str | None:
    """The message key of the first rule `pin` breaks, or None for a usable PIN."""
    try:
        validate_pin(pin)
    except InvalidPin:
        return "staff.pin_format"
    if len(pin) > MAX_PIN_LENGTH:
        return "staff.pin_format"
    if is_trivial(pin):
        return "staff.pin_trivial"
    return None


def is_trivial(pin: str) -> bool:
    """One digit repeated (`000000`), a repeated group (`121212`, `123123`), or a run of
    consecutive digits up or down, also across 9-0 (`123456`, `654321`, `890123`)."""
    if _repeats_a_group(pin):
        return True
    steps = {(int(b) - int(a)) % 10 for a, b in zip(pin, pin[1:], strict=False)}
    return steps in ({1}, {9})


def _repeats_a_group(pin: str) -> bool:
    for size in range(1, len(pin) // 2 + 1):
        group = pin[:size]
        if (group * (len(pin) // size + 1))[: len(pin)] == pin:
            return True
    return False


def name_key(display_name: str) -> str:
    """What makes two staff names "the same" for a person reading the desk's list: case,
    Unicode form and spacing do not count ("Maria  Schulz" = "maria schulz")."""
    return " ".join(unicodedata.normalize("NFKC", display_name).casefold().split())


__all__ = ["MAX_PIN_LENGTH", "MIN_PIN_LENGTH", "is_trivial", "name_key", "pin_problem"]
