"""The decode pipeline on real rendered credentials (real zxing-cpp, no mocks)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.camera.scene import HoldUpStyle, add_noise, background, compose
from kiosk.scanner import QrDecoder, RepeatFilter

from .conftest import CODE_A, CODE_B

DISTORTIONS = {
    "clean": HoldUpStyle(),
    "small": HoldUpStyle(scale=0.1, center=(0.3, 0.4)),
    "rotated": HoldUpStyle(angle=140.0),
    "tilted": HoldUpStyle(tilt=50.0, scale=0.3),
    "blurred": HoldUpStyle(blur=2.0, scale=0.3),
    "glare": HoldUpStyle(glare=0.8),
    "noisy": HoldUpStyle(noise=10.0),
    "phone": HoldUpStyle(phone=True, scale=0.28),
    "dark_mode_inverted": HoldUpStyle(phone=True, dark_mode=True, scale=0.28, tilt=-20.0),
    "corner_of_view": HoldUpStyle(scale=0.2, center=(0.88, 0.8)),
}


def read_within(decoder: QrDecoder, frame: np.ndarray, frames: int = 3):
    """The pipeline alternates strategies across frames: a held-up code is seen several times."""
    for _ in range(frames):
        det = decoder.decode(frame)
        if det is not None:
            return det
    return None


@pytest.mark.parametrize("name", DISTORTIONS)
def test_reads_rendered_credential(name: str) -> None:
    frame, corners = compose(CODE_A, DISTORTIONS[name], seed=3)
    det = read_within(QrDecoder(), frame)
    assert det is not None, name
    assert det.text == CODE_A
    assert len(det.corners) == 4
    # The reported corners outline the code (within a few modules; quiet zone excluded).
    side = float(np.linalg.norm(corners[1] - corners[0]))
    centre = np.mean(np.array(det.corners, float), axis=0)
    assert np.linalg.norm(centre - corners.mean(axis=0)) < side * 0.15


def test_grey_frames_are_accepted() -> None:
    frame, _ = compose(CODE_B, HoldUpStyle(), seed=1)
    det = read_within(QrDecoder(), frame[:, :, 1].copy())
    assert det is not None and det.text == CODE_B


def test_empty_scene_reads_nothing() -> None:
    decoder = QrDecoder()
    rng = np.random.default_rng(0)
    assert all(decoder.decode(add_noise(background(), 3.0, rng)) is None for _ in range(4))


def test_text_is_trimmed_not_interpreted() -> None:
    frame, _ = compose("  cwm1 lower case  ", HoldUpStyle(), seed=2)
    det = read_within(QrDecoder(), frame)
    assert det is not None and det.text == "cwm1 lower case"


def test_repeat_then_cooldown() -> None:
    f = RepeatFilter(repeat=2, window_s=1.0, cooldown_s=3.0)
    assert not f.feed(CODE_A, 0.0)
    assert f.feed(CODE_A, 0.1)
    assert not f.feed(CODE_A, 0.2)  # held in view: cooldown
    assert not f.feed(CODE_A, 3.0)  # still in view, cooldown counts from the last sighting
    assert not f.feed(CODE_A, 6.5)  # taken away and back: needs a repeat again
    assert f.feed(CODE_A, 6.6)


def test_another_code_resets_the_count() -> None:
    f = RepeatFilter(repeat=2, window_s=1.0, cooldown_s=3.0)
    assert not f.feed(CODE_A, 0.0)
    assert not f.feed(CODE_B, 0.05)
    assert not f.feed(CODE_A, 0.1)
    assert f.feed(CODE_A, 0.15)


@given(st.lists(st.tuples(st.sampled_from([CODE_A, CODE_B]), st.floats(0.0, 0.5)), max_size=60))
def test_a_code_never_fires_twice_within_its_cooldown(reads: list[tuple[str, float]]) -> None:
    f = RepeatFilter(repeat=2, window_s=1.0, cooldown_s=3.0)
    now, fired_at = 0.0, {}
    for text, dt in reads:
        now += dt
        if f.feed(text, now):
            assert text not in fired_at or now - fired_at[text] >= 3.0
            fired_at[text] = now
