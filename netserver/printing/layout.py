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
# The member page link (when known at printing): a second, much smaller code under the text,
# left of the pass code, with a caption, so neither a person nor the kiosk takes it for the pass.
LINK_QR_SIZE: Final = 16.0  # including the quiet zone; the pass code is 36 mm
LINK_QR_X: Final = MARGIN - 2.0  # the quiet zone may reach into the margin
LINK_QR_Y: Final = 30.6
CAPTION_X: Final = LINK_QR_X + LINK_QR_SIZE + 0.4
CAPTION_SIZE: Final = 2.6
CAPTION_Y: Final = (LINK_QR_Y + 4.6, LINK_QR_Y + 8.4)
CAPTION_WIDTH: Final = QR_X - CAPTION_X - 1.0
LINK_CAPTION: Final = ("Dein Mitgliederbereich", "Your member page")
ACCENT: Final = (0x1F, 0x5F, 0x6B)  # dark teal, RGB
