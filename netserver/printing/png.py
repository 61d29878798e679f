"""One card as a PNG image at 300 dpi, with the QR code from kiosk.core.qr.render_qr."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from kiosk.core.qr import qr_matrix, render_qr

from ..private_files import write_private
from . import layout as L
from .cards import CARD_HEIGHT_MM, CARD_WIDTH_MM, Card
from .fonts import FILES

DPI = 300
Font = ImageFont.FreeTypeFont


def px(mm: float) -> int:
    return round(mm * DPI / 25.4)


@lru_cache(maxsize=32)
def _font(style: str, size_px: int) -> Font:
    """The shipped DejaVu font (fonts.py): the same glyphs as the PDF sheet, on every system."""
    return ImageFont.truetype(str(FILES[style]), size_px)


def _fit(draw: ImageDraw.ImageDraw, text: str, style: str, size_mm: float, width_mm: float) -> Font:
    """The largest font up to `size_mm` in which `text` fits `width_mm`."""
    size = px(size_mm)
    while size > px(2.0):
        font = _font(style, size)
        if draw.textlength(text, font=font) <= px(width_mm):
            return font
        size -= 2
    return _font(style, size)


def render_card(card: Card) -> Image.Image:
    image = Image.new("RGB", (px(CARD_WIDTH_MM), px(CARD_HEIGHT_MM)), "white")
    draw = ImageDraw.Draw(image)
    draw.text(
        (px(L.MARGIN), px(L.NETWORK_Y)),
        card.network,
        fill=L.ACCENT,
        font=_fit(draw, card.network, "bold", L.NETWORK_SIZE, CARD_WIDTH_MM - 2 * L.MARGIN),
    )
    draw.line(
        [(px(L.MARGIN), px(L.RULE_Y)), (px(CARD_WIDTH_MM - L.MARGIN), px(L.RULE_Y))],
        fill=L.ACCENT,
        width=px(0.3),
    )
    draw.text(
        (px(L.MARGIN), px(L.HEADING_Y)),
        card.heading,
        fill="black",
        font=_fit(draw, card.heading, "bold", L.HEADING_SIZE, L.TEXT_WIDTH),
    )
    for line, top in zip(card.lines, L.LINES_Y, strict=False):
        draw.text(
            (px(L.MARGIN), px(top)),
            line,
            fill="black",
            font=_fit(draw, line, "regular", L.LINE_SIZE, L.TEXT_WIDTH),
        )
    draw.text(
        (px(L.MARGIN), px(L.CODE_Y)),
        card.grouped_code,
        fill="black",
        font=_fit(draw, card.grouped_code, "mono", L.CODE_SIZE, CARD_WIDTH_MM - 2 * L.MARGIN),
    )
    _paste_qr(image, card.code, L.QR_X, L.QR_Y, L.QR_SIZE)
    if card.link:
        _paste_qr(image, card.link, L.LINK_QR_X, L.LINK_QR_Y, L.LINK_QR_SIZE)
        for caption, top, style in zip(L.LINK_CAPTION, L.CAPTION_Y, ("bold", "regular"), strict=True):
            draw.text(
                (px(L.CAPTION_X), px(top)),
                caption,
                fill=L.ACCENT,
                font=_fit(draw, caption, style, L.CAPTION_SIZE, L.CAPTION_WIDTH),
            )
    return image


def _paste_qr(image: Image.Image, text: str, x_mm: float, y_mm: float, size_mm: float) -> None:
    """Whole pixels per module: the code is pasted, never resampled, so every edge stays sharp."""
    modules = len(qr_matrix(text))
    box = px(size_mm) // modules
    qr = render_qr(text, box_size=box, border=4)
    offset = (px(size_mm) - qr.width) // 2
    image.paste(qr.convert("RGB"), (px(x_mm) + offset, px(y_mm) + offset))


def write_png(card: Card, path: Path) -> Path:
    buffer = io.BytesIO()
    render_card(card).save(buffer, format="PNG", dpi=(DPI, DPI))
    return write_private(path, buffer.getvalue())  # mode 0600: the code is a secret
