"""The Unicode TrueType fonts of the printed passes, shipped inside the package (fonts/).

DejaVu Sans covers Latin (Ł, Ż, ş, Ğ, ä, ß, ...), Greek and Cyrillic, so every member's name
prints; the PDF base fonts (Helvetica, ...) only know Latin-1. The PDF embeds a subset of each
font it uses; the PNG cards are drawn with the same files. License: fonts/LICENSE.txt.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR: Final = Path(__file__).resolve().parent / "fonts"
FILES: Final = {
    "regular": FONT_DIR / "DejaVuSans.ttf",
    "bold": FONT_DIR / "DejaVuSans-Bold.ttf",
    "mono": FONT_DIR / "DejaVuSansMono-Bold.ttf",
}
PDF_NAMES: Final = {"regular": "DejaVuSans", "bold": "DejaVuSans-Bold", "mono": "DejaVuSansMono-Bold"}


@cache
def pdf_font(style: str) -> str:
    """The reportlab font name for `style` ("regular", "bold", "mono"), registered on first use."""
    name = PDF_NAMES[style]
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(FILES[style])))
    return name
