"""Staff PINs: validation and salted slow hashes (PBKDF2-SHA256)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

MIN_PIN_LENGTH = 6
DEFAULT_ITERATIONS = 200_000
_SCHEME = "pbkdf2_sha256"


class InvalidPin(ValueError):
    """A PIN that does not meet the rules (at least six digits)."""


def validate_pin(pin: str) -> str:
    if not (pin.isascii() and pin.isdigit()) or len(pin) < MIN_PIN_LENGTH:
        raise InvalidPin(f"a staff PIN has at least {MIN_PIN_LENGTH} digits and nothing else")
    return pin


def hash_pin(pin: str, *, iterations: int = DEFAULT_ITERATIONS, salt: bytes | None = None) -> str:
    """'pbkdf2_sha256$ITERATIONS$SALT$HASH' (base64), for the server and the kiosks."""
    validate_pin(pin)
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("ascii"), salt, iterations)
    return "$".join((_SCHEME, str(iterations), _b64(salt), _b64(digest)))


def verify_pin(pin: str, encoded: str) -> bool:
    """Constant-time check of `pin` against a stored hash; False for anything malformed."""
    try:
        scheme, iterations, salt, digest = encoded.split("$")
        if scheme != _SCHEME or not pin.isascii():
            return False
        expected = base64.b64decode(digest, validate=True)
        actual = hashlib.pbkdf2_hmac(
            "sha256", pin.encode("ascii"), base64.b64decode(salt, validate=True), int(iterations)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")
