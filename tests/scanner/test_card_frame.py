"""A printed card in front of the camera carries two codes: the big pass code and the small
member page link. The real decoder must deliver the pass; a frame in which only the link is
readable gives a URL that the rules answer kindly as "not a pass" (issue 19)."""

from __future__ import annotations

from datetime import UTC, datetime

import cv2
import numpy as np
import pytest
import zxingcpp

from kiosk.camera.scene import background
from kiosk.core.credentials import MemberPageLink, MemberPass, parse
from kiosk.core.messages import text as message
from kiosk.core.models import Policy
from kiosk.core.rules import decide
from kiosk.core.verdicts import Reason
from kiosk.scanner import QrDecoder
from netserver.printing import layout as L
from netserver.printing import member_card, render_card
from netserver.printing.png import px

LINK = "http://127.0.0.1:8765/me/q3V9xk2L0-bZ_7hT4sYwE1aP8mN6cR5dF0gJ2uK9vX"
PASS = MemberPass(secret=0x1234_5678_9ABC_DEF0_1234, member_number=10001, serial=2)


def card_image(link: str | None = LINK) -> np.ndarray:
    card = member_card(
        network="Coworking Altmark", display_name="Anna K.", home_space="Stendal", code=PASS.text, link=link
    )
    return cv2.cvtColor(np.asarray(render_card(card)), cv2.COLOR_RGB2BGR)


def frame_with_card(card: np.ndarray, width: int, center: tuple[int, int], angle: float = 0.0) -> np.ndarray:
    """The card scaled to `width` frame pixels, rotated by `angle`, held up in the hallway."""
    frame = background().copy()
    h, w = card.shape[:2]
    scale = width / w
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, scale)
    matrix[:, 2] += np.array(center) - np.array([w / 2, h / 2])
    mask = cv2.warpAffine(np.full((h, w), 255, np.uint8), matrix, frame.shape[1::-1])
    warped = cv2.warpAffine(card, matrix, frame.shape[1::-1], flags=cv2.INTER_AREA)
    frame[mask > 0] = warped[mask > 0]
    return frame


def read(frame: np.ndarray, frames: int = 3) -> str | None:
    decoder = QrDecoder()
    for _ in range(frames):
        found = decoder.decode(frame)
        if found is not None:
            return found.text
    return None


def test_the_rendered_card_has_both_codes_and_the_link_is_the_smaller() -> None:
    results = [r for r in zxingcpp.read_barcodes(card_image()) if r.valid]
    assert {r.text for r in results} == {PASS.text, LINK}
    sizes = {r.text: abs(r.position.top_right.x - r.position.top_left.x) for r in results}
    assert sizes[PASS.text] > 2 * sizes[LINK]


@pytest.mark.parametrize(
    ("width", "center", "angle"),
    [(900, (640, 360), 0.0), (620, (420, 300), 8.0), (520, (800, 420), -12.0), (760, (600, 380), 180.0)],
)
def test_the_decoder_delivers_the_pass_from_a_frame_showing_the_card(
    width: int, center: tuple[int, int], angle: float
) -> None:
    assert read(frame_with_card(card_image(), width, center, angle)) == PASS.text


def test_only_the_link_readable_is_answered_as_not_a_pass_kindly() -> None:
    card = card_image()
    x, y, size = px(L.QR_X), px(L.QR_Y), px(L.QR_SIZE)
    card[y : y + size, x : x + size] = (180, 120, 60)  # a thumb over the pass code
    text = read(frame_with_card(card, 900, (640, 360)))
    assert text == LINK
    with pytest.raises(MemberPageLink) as raised:
        parse(text)
    now = datetime(2026, 12, 4, 10, tzinfo=UTC)
    verdict = decide(raised.value, space_id=1, now=now, policy=Policy(default_guest_days=1))
    assert (verdict.reason, verdict.admitted) == (Reason.FOREIGN_CODE, False)
    assert verdict.message_key == "verdict.foreign_code.member_page"
    assert "big code" in message(verdict.message_key, lang="en")[1]
    assert "großen Code" in message(verdict.message_key, lang="de")[1]


def test_a_card_without_a_link_has_one_code_only() -> None:
    assert [r.text for r in zxingcpp.read_barcodes(card_image(link=None)) if r.valid] == [PASS.text]
