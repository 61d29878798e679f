"""Symbols for the evaluation frames: module matrices from zxing-cpp's writer (not the `qrcode`
package that the demo camera and the tuning bench use), and the texts they carry."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import zxingcpp

ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWX"  # the credential alphabet (docs/credentials.md)
_URL_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-_"


def member_pass(rng: np.random.Generator) -> str:
    """A member-pass-shaped text: type prefix and 24 symbols (28 characters, version 2 at M)."""
    prefix = str(rng.choice(["CWM1", "CWM1", "CWM1", "CWD1"]))
    return prefix + "".join(ALPHABET[i] for i in rng.integers(0, len(ALPHABET), 24))


def long_text(rng: np.random.Generator, version: int) -> str:
    """A byte-mode text (an event or sign-up URL) long enough to need about `version` at M."""
    # Byte-mode capacity at level M grows roughly linearly over versions 3..11 (42..250 bytes).
    capacity = {3: 42, 4: 62, 5: 84, 6: 106, 7: 122, 8: 152, 9: 180, 10: 213, 11: 251}[version]
    prev = {3: 26, 4: 42, 5: 62, 6: 84, 7: 106, 8: 122, 9: 152, 10: 180, 11: 213}[version]
    n = int(rng.integers(prev + 1, capacity + 1))
    head = "https://altmark-cowork.example/e/"
    body = "".join(_URL_CHARS[i] for i in rng.integers(0, len(_URL_CHARS), max(1, n - len(head))))
    return (head + body)[:n]


@lru_cache(maxsize=4096)
def _matrix(fmt: str, text: str, ec: str | None) -> np.ndarray:
    kwargs = {"ec_level": ec} if ec else {}
    bc = zxingcpp.create_barcode(text, getattr(zxingcpp.BarcodeFormat, fmt), **kwargs)
    img = np.asarray(bc.to_image(scale=1, add_quiet_zones=False))
    m = img < 128
    m.flags.writeable = False
    return m


def qr_matrix(text: str, ec: str = "M") -> np.ndarray:
    """QR Code Model 2 modules, True = dark, without quiet zone."""
    return _matrix("QRCode", text, ec)


def qr_version(mods: np.ndarray) -> int:
    return (mods.shape[0] - 17) // 4


# Symbologies that appear in the background (and alone in the negative frames). None of them is
# a QR Code Model 2: a decoder for our passes must not report any of them.
CLUTTER_FORMATS = ("EAN13", "Code128", "DataMatrix", "Aztec", "PDF417", "MicroQRCode", "RMQRCode")


def clutter_symbol(fmt: str, rng: np.random.Generator) -> tuple[np.ndarray, bool]:
    """(modules, linear): a random symbol of the format; linear codes get bar heights drawn in."""
    if fmt == "EAN13":
        digits = "".join(str(d) for d in rng.integers(0, 10, 12))
        return _matrix(fmt, digits, None), True
    if fmt == "Code128":
        text = "PKG-" + "".join(str(d) for d in rng.integers(0, 10, 10))
        return _matrix(fmt, text, None), True
    if fmt == "MicroQRCode":
        return _matrix(fmt, "".join(ALPHABET[i] for i in rng.integers(0, 10, 8)), None), False
    if fmt == "RMQRCode":
        return _matrix(fmt, "R" + "".join(ALPHABET[i] for i in rng.integers(0, 32, 10)), None), False
    text = "INV" + "".join(ALPHABET[i] for i in rng.integers(0, 32, int(rng.integers(8, 20))))
    return _matrix(fmt, text, None), False
