"""Staff PINs: at least six digits, salted slow hashes, constant-time verification."""

from __future__ import annotations

import pytest

from kiosk.core.pins import InvalidPin, hash_pin, validate_pin, verify_pin


def test_hash_verifies_only_the_right_pin_and_is_salted() -> None:
    first, second = hash_pin("246810", iterations=1000), hash_pin("246810", iterations=1000)
    assert first != second  # different salts
    assert verify_pin("246810", first) and verify_pin("246810", second)
    assert not verify_pin("246811", first)
    assert not verify_pin("", first)


def test_default_cost_is_slow() -> None:
    assert hash_pin("135790").split("$")[1] == "200000"


@pytest.mark.parametrize("pin", ["12345", "abcdef", "12 3456", "١٢٣٤٥٦", ""])
def test_weak_or_odd_pins_are_refused(pin: str) -> None:
    with pytest.raises(InvalidPin):
        validate_pin(pin)


@pytest.mark.parametrize(
    "stored", ["", "garbage", "md5$1$x$y", "pbkdf2_sha256$x$y$z", "pbkdf2_sha256$10$!!$!!"]
)
def test_malformed_stored_hash_never_verifies_or_raises(stored: str) -> None:
    assert verify_pin("123456", stored) is False
