"""Credentials as QR images: error correction M, the smallest version that fits.

Our codes use only QR alphanumeric symbols, so a member pass (28 symbols) fits version 2.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from qrcode.util import MODE_8BIT_BYTE, MODE_ALPHA_NUM, QRData

if TYPE_CHECKING:
    from PIL.Image import Image

_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")


def _build(text: str, border: int, box_size: int = 10) -> qrcode.QRCode:
    mode = MODE_ALPHA_NUM if set(text) <= _ALNUM else MODE_8BIT_BYTE
    code = qrcode.QRCode(version=None, error_correction=ERROR_CORRECT_M, box_size=box_size, border=border)
    code.add_data(QRData(text.encode("utf-8"), mode=mode))
    code.make(fit=True)
    return code


def qr_version(text: str) -> int:
    return int(_build(text, border=0).version)


def qr_matrix(text: str, border: int = 4) -> list[list[bool]]:
    """The modules, True for dark, including a quiet zone of `border` modules."""
    return [[bool(cell) for cell in row] for row in _build(text, border).get_matrix()]


def render_qr(text: str, box_size: int = 10, border: int = 4) -> Image:
    """A black-on-white PIL image of the code (mode "L")."""
    image = _build(text, border, box_size).make_image(fill_color="black", back_color="white")
    return image.get_image().convert("L")  # type: ignore[no-any-return]


def qr_png(text: str, box_size: int = 10, border: int = 4) -> bytes:
    buffer = io.BytesIO()
    render_qr(text, box_size, border).save(buffer, format="PNG")
    return buffer.getvalue()
