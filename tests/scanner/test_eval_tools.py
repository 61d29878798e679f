"""The evaluation's own tools: its statistics and its frame generator (bench/)."""

from __future__ import annotations

import cv2
import pytest
import zxingcpp

from bench.frames.camera import decode_jpeg
from bench.frames.sets import CATEGORIES, SPLITS, make_shot
from bench.frames.shots import photograph
from bench.stats import mcnemar_exact, wilson


@pytest.mark.parametrize("k, n, lo, hi", [(5, 10, 0.2366, 0.7634), (0, 10, 0.0, 0.2775),
                                          (60, 60, 0.9398, 1.0), (361, 420, 0.8233, 0.8897)])
def test_wilson_interval(k: int, n: int, lo: float, hi: float) -> None:
    got = wilson(k, n)
    assert got == pytest.approx((lo, hi), abs=5e-4)


@pytest.mark.parametrize("b, c, p", [(0, 0, 1.0), (5, 0, 0.0625), (0, 6, 0.03125), (3, 3, 1.0),
                                     (10, 2, 0.0386)])
def test_exact_mcnemar(b: int, c: int, p: float) -> None:
    assert mcnemar_exact(b, c) == pytest.approx(p, abs=5e-4)


def test_a_frame_is_reproducible_from_its_seed() -> None:
    shot = make_shot(SPLITS["tuning"], CATEGORIES.index("phone"), 3)
    assert photograph(shot)[0] == photograph(make_shot(SPLITS["tuning"], CATEGORIES.index("phone"), 3))[0]


def test_positive_frames_hold_their_code_and_negatives_hold_no_model_2() -> None:
    m2 = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCodeModel2)
    data, info = photograph(make_shot(SPLITS["tuning"], CATEGORIES.index("card"), 0))
    img = decode_jpeg(data)
    assert img.shape == (720, 1280, 3) and info["in_view"]
    assert info["text"] in [b.text for b in zxingcpp.read_barcodes(img, formats=m2)]
    for i in range(2):
        data, info = photograph(make_shot(SPLITS["tuning"], CATEGORIES.index("negatives"), i))
        big = cv2.resize(decode_jpeg(data), None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
        assert info["text"] is None
        assert zxingcpp.read_barcodes(big, formats=m2) == []
