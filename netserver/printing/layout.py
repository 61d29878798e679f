"""The card layout in millimetres from the card's top-left corner, shared by PNG and PDF."""

from __future__ import annotations

from typing import Final

from .cards import CARD_HEIGHT_MM, CARD_WIDTH_MM

MARGIN: Final = 4.0
NETWORK_SIZE: Final = 3.4  # font sizes are em heights in mm
HEADING_SIZE: Final = 5.2
LINE_SIZE: Final = 3.6
CODE_SIZE: Final = 3.3
NETWORK_Y: Final = 4.0  # top of the text line
RULE_Y: Final = 9.6
HEADING_Y: Final = 13.0
LINES_Y: Final = (21.0, 26.5)
CODE_Y: Final = CARD_HEIGHT_MM - MARGIN - CODE_SIZE
QR_SIZE: Final = 36.0  # including the quiet zone (four modules on every side)
QR_X: Final = CARD_WIDTH_MM - QR_SIZE - 1.5
QR_Y: Final = 10.2
TEXT_WIDTH: Final = QR_X - MARGIN  # the left column, beside the QR code
ACCENT: Final = (0x1F, 0x5F, 0x6B)  # dark teal, RGB
