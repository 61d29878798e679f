"""The 32-symbol alphabet of every code the network prints, and its check symbol.

Digits and upper-case letters without I, O, Y and Z: no symbol that a German or US keyboard
layout moves (a keyboard-wedge scanner types key positions, and Y/Z swap between the two),
none that is easily misread, and all of them in QR alphanumeric mode.
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWX"
BASE = len(ALPHABET)  # 32: five bits per symbol
_INDEX = {symbol: value for value, symbol in enumerate(ALPHABET)}

assert BASE == 32 and len(_INDEX) == 32


def is_symbol(char: str) -> bool:
    return char in _INDEX


def value_of(symbol: str) -> int:
    """The value 0..31 of one symbol; KeyError for anything outside the alphabet."""
    return _INDEX[symbol]


def encode_int(value: int, width: int) -> str:
    """`value` as exactly `width` symbols, most significant first."""
    if value < 0 or value >= BASE**width:
        raise ValueError(f"{value} does not fit in {width} symbols")
    symbols = []
    for _ in range(width):
        value, digit = divmod(value, BASE)
        symbols.append(ALPHABET[digit])
    return "".join(reversed(symbols))


def decode_int(text: str) -> int:
    value = 0
    for symbol in text:
        value = value * BASE + _INDEX[symbol]
    return value


def check_symbol(text: str) -> str:
    """Luhn mod 32 over `text` (all symbols from the alphabet).

    Detects every single-symbol substitution (doubling is a bijection on 0..31 after
    folding) and nearly every swap of two neighbours.
    """
    total = 0
    double = True  # the rightmost symbol of the payload is doubled
    for symbol in reversed(text):
        addend = _INDEX[symbol]
        if double:
            addend *= 2
            addend = addend // BASE + addend % BASE
        total += addend
        double = not double
    return ALPHABET[(BASE - total % BASE) % BASE]


def has_valid_check(text_with_check: str) -> bool:
    return check_symbol(text_with_check[:-1]) == text_with_check[-1]
