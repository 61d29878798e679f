"""A printable A4 sheet of cards: 2 x 5 business cards (85 x 55 mm) per page, with cut marks.

The QR codes are drawn as vector squares from the same module matrix render_qr uses, so they
stay sharp at any printer resolution. Text is set in the shipped DejaVu fonts (fonts.py), embedded
as subsets, so names such as "Łukasz Ż." or "Ayşe Ğ." print as written.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from kiosk.core.qr import qr_matrix

from ..private_files import write_private
from . import layout as L
from .cards import CARD_HEIGHT_MM, CARD_WIDTH_MM, Card
from .fonts import pdf_font

COLUMNS: Final = 2
ROWS: Final = 5
PER_PAGE: Final = COLUMNS * ROWS
PAGE_W_MM: Final = A4[0] / mm
PAGE_H_MM: Final = A4[1] / mm
LEFT_MM: Final = (PAGE_W_MM - COLUMNS * CARD_WIDTH_MM) / 2  # 20 mm
BOTTOM_MM: Final = (PAGE_H_MM - ROWS * CARD_HEIGHT_MM) / 2  # 11 mm
MARK_GAP_MM: Final = 2.0
MARK_LEN_MM: Final = 6.0
_PT_PER_MM: Final = 72 / 25.4  # font sizes: em height in mm -> points


def sheet_bytes(cards: Sequence[Card], *, title: str = "Passes") -> bytes:
    """The PDF sheet in memory (the web admin sends it straight to the browser)."""
    buffer = io.BytesIO()
    _draw(cards, Canvas(buffer, pagesize=A4, pageCompression=1, initialFontName=pdf_font("regular")), title)
    return buffer.getvalue()


def write_sheet(cards: Sequence[Card], path: Path, *, title: str = "Passes") -> Path:
    return write_private(path, sheet_bytes(cards, title=title))  # written in one go, mode 0600


def _draw(cards: Sequence[Card], canvas: Canvas, title: str) -> None:
    canvas.setTitle(title)
    canvas.setAuthor("coworking-netserver")
    for start in range(0, len(cards), PER_PAGE):
        _cut_marks(canvas)
        for index, card in enumerate(cards[start : start + PER_PAGE]):
            row, column = divmod(index, COLUMNS)
            left = LEFT_MM + column * CARD_WIDTH_MM
            top = PAGE_H_MM - BOTTOM_MM - row * CARD_HEIGHT_MM
            _card(canvas, card, left, top)
        canvas.showPage()
    canvas.save()


def _cut_marks(canvas: Canvas) -> None:
    """Short lines in the margins along every cut, kept clear of the cards themselves."""
    canvas.setLineWidth(0.25)
    canvas.setStrokeGray(0)
    top = BOTTOM_MM + ROWS * CARD_HEIGHT_MM
    right = LEFT_MM + COLUMNS * CARD_WIDTH_MM
    for column in range(COLUMNS + 1):
        x = LEFT_MM + column * CARD_WIDTH_MM
        _line(canvas, x, BOTTOM_MM - MARK_GAP_MM, x, BOTTOM_MM - MARK_GAP_MM - MARK_LEN_MM)
        _line(canvas, x, top + MARK_GAP_MM, x, top + MARK_GAP_MM + MARK_LEN_MM)
    for row in range(ROWS + 1):
        y = BOTTOM_MM + row * CARD_HEIGHT_MM
        _line(canvas, LEFT_MM - MARK_GAP_MM, y, LEFT_MM - MARK_GAP_MM - MARK_LEN_MM, y)
        _line(canvas, right + MARK_GAP_MM, y, right + MARK_GAP_MM + MARK_LEN_MM, y)


def _line(canvas: Canvas, x1: float, y1: float, x2: float, y2: float) -> None:
    canvas.line(x1 * mm, y1 * mm, x2 * mm, y2 * mm)


def _text(canvas: Canvas, text: str, font: str, size_mm: float, x: float, top: float, width: float) -> None:
    """`text` with its em box starting `top` mm below the card's top edge (y in page mm)."""
    size = size_mm * _PT_PER_MM
    while size > 5 and stringWidth(text, font, size) > width * mm:
        size -= 0.25
    canvas.setFont(font, size)
    canvas.drawString(x * mm, (top * mm) - size * 0.8, text)


def _card(canvas: Canvas, card: Card, left: float, top: float) -> None:
    inner = CARD_WIDTH_MM - 2 * L.MARGIN
    canvas.setFillColorRGB(*(c / 255 for c in L.ACCENT))
    canvas.setStrokeColorRGB(*(c / 255 for c in L.ACCENT))
    _text(canvas, card.network, pdf_font("bold"), L.NETWORK_SIZE, left + L.MARGIN, top - L.NETWORK_Y, inner)
    canvas.setLineWidth(0.3 * mm)
    _line(canvas, left + L.MARGIN, top - L.RULE_Y, left + CARD_WIDTH_MM - L.MARGIN, top - L.RULE_Y)
    canvas.setFillGray(0)
    canvas.setStrokeGray(0)
    _text(
        canvas,
        card.heading,
        pdf_font("bold"),
        L.HEADING_SIZE,
        left + L.MARGIN,
        top - L.HEADING_Y,
        L.TEXT_WIDTH,
    )
    for line, line_top in zip(card.lines, L.LINES_Y, strict=False):
        _text(canvas, line, pdf_font("regular"), L.LINE_SIZE, left + L.MARGIN, top - line_top, L.TEXT_WIDTH)
    _text(canvas, card.grouped_code, pdf_font("mono"), L.CODE_SIZE, left + L.MARGIN, top - L.CODE_Y, inner)
    _qr(canvas, card.code, left + L.QR_X, top - L.QR_Y, L.QR_SIZE)
    if card.link:
        _qr(canvas, card.link, left + L.LINK_QR_X, top - L.LINK_QR_Y, L.LINK_QR_SIZE)
        canvas.setFillColorRGB(*(c / 255 for c in L.ACCENT))
        for caption, line_top, style in zip(L.LINK_CAPTION, L.CAPTION_Y, ("bold", "regular"), strict=True):
            _text(
                canvas, caption, pdf_font(style), L.CAPTION_SIZE, left + L.CAPTION_X, top - line_top,
                L.CAPTION_WIDTH,
            )  # fmt: skip
        canvas.setFillGray(0)


def _qr(canvas: Canvas, text: str, left: float, top: float, size: float) -> None:
    """Dark modules as filled rectangles, one per horizontal run (quiet zone included)."""
    matrix = qr_matrix(text, border=4)
    module = size / len(matrix)
    canvas.setFillGray(0)
    path = canvas.beginPath()
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):
            if not row[c]:
                c += 1
                continue
            run = c
            while run < len(row) and row[run]:
                run += 1
            y = top - (r + 1) * module
            path.rect((left + c * module) * mm, y * mm, (run - c) * module * mm, module * mm)
            c = run
    canvas.drawPath(path, stroke=0, fill=1)
