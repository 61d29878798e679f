"""QR decoding for the kiosk, Qt-free: the pipeline (`QrDecoder`) and the repeat filter.

The QThread that runs it on camera frames is kiosk/camera/decode_worker.py (`DecodeWorker`).

Its defaults were chosen on the tuning split of bench/frames (`python -m bench.decode_eval --split
tuning --ablations`); docs/scanner.md has the figures, measured on the frozen test split.
The scanner never interprets a code: it delivers the trimmed text and where it was seen.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import cv2
import numpy as np
import zxingcpp

log = logging.getLogger("kiosk.scan")

Corners = tuple[tuple[int, int], ...]
# zxing-cpp 3.x: `QRCode` selects the whole QR family (Model 1, Model 2, Micro QR, rMQR). Our passes
# are QR Code Model 2; asking for the family makes the reader chase Micro QR and rMQR candidates in
# noise (ChecksumError results) that must never steer the pipeline, and read them when they are real.
_FORMATS = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCodeModel2)
_MODEL2 = {zxingcpp.BarcodeFormat.QRCode, zxingcpp.BarcodeFormat.QRCodeModel2}  # what a Model 2 reports
_BINARIZERS = {
    "local": zxingcpp.Binarizer.LocalAverage,
    "global": zxingcpp.Binarizer.GlobalHistogram,
    "fixed": zxingcpp.Binarizer.FixedThreshold,
}


@dataclass(frozen=True)
class ScanEvent:
    """A confirmed code. corners: the code's corners in frame pixels (empty for a wedge scan);
    frame_ms: decode time of the confirming frame; decoded_at: time.monotonic() at confirmation."""

    text: str
    corners: Corners
    source: str  # "camera" | "wedge"
    frame_ms: float
    decoded_at: float


@dataclass(frozen=True)
class Detection:
    """One frame's read: emitted for every frame with a code, confirmed or not (for the highlight)."""

    text: str
    corners: Corners
    frame_ms: float
    strategy: str


@dataclass(frozen=True)
class DecoderOptions:
    """Strategy switches; the defaults are what the tuning split kept (see docs/scanner.md).

    The full-resolution pass is never skipped: whatever an earlier pass found or hinted at, a
    frame gets at least the read a plain zxing-cpp call would give it.
    """

    half_first: bool = True  # a 2x downscaled, contrast-stretched copy first (fast, rescues dim frames)
    full_binarizer: str = "local"  # binarizer of the full-resolution pass (local | global | fixed)
    full_like_plain: bool = True  # full pass with zxing's downscaled copies and rotations, as a plain call
    retry_near_errors: bool = True  # around a Model 2 code zxing located but could not decode
    retry_binarizers: tuple[str, ...] = ("local", "global")
    retry_max_side: int = 640  # a retry image is at most this many pixels wide and high
    retry_max_codes: int = 2  # located codes retried per frame


def _corners(bc: zxingcpp.Barcode, scale: float, dx: float = 0, dy: float = 0) -> np.ndarray:
    p = bc.position
    pts = (p.top_left, p.top_right, p.bottom_right, p.bottom_left)
    return np.array([[q.x * scale + dx, q.y * scale + dy] for q in pts], np.float64)


def _area(bc: zxingcpp.Barcode) -> float:
    """The code's area in pixels (shoelace formula over its four corners)."""
    xs, ys = _corners(bc, 1.0).T
    return float(abs(np.dot(xs, np.roll(ys, 1)) - np.dot(ys, np.roll(xs, 1))) / 2)


def _stretch(g: np.ndarray) -> np.ndarray:
    lo, hi, _, _ = cv2.minMaxLoc(g)
    if hi - lo < 8 or (lo < 8 and hi > 247):
        return g
    return cv2.convertScaleAbs(g, alpha=255.0 / (hi - lo), beta=-lo * 255.0 / (hi - lo))


def _box(corners: np.ndarray, shape: tuple[int, ...], grow: float) -> tuple[int, int, int, int]:
    lo, hi = corners.min(axis=0), corners.max(axis=0)
    pad = (hi - lo) * grow + 8
    x0, y0 = np.maximum(lo - pad, 0).astype(int)
    x1, y1 = np.minimum(hi + pad, (shape[1], shape[0])).astype(int)
    return int(x0), int(y0), int(x1), int(y1)


def _is_model2(bc: zxingcpp.Barcode) -> bool:
    return bc.format in _MODEL2


class QrDecoder:
    """Reads one QR Code Model 2 from BGR or grey frames. Stateless between frames, Qt-free.

    Passes per frame, each only when the ones before read nothing:
    1. half resolution, contrast-stretched (most frames with a code are read here, ~1 ms);
    2. the full frame with a plain zxing-cpp call's options (LocalAverage, its own downscaled copies,
       rotation and inversion), restricted to Model 2: never skipped, so a frame always gets at
       least the read the plain call would give it;
    3. near a Model 2 code that pass 1 or 2 located but could not decode: the region upscaled
       (2x, less if that would exceed `retry_max_side`), with each retry binarizer, then sharpened.

    The work per frame is bounded by counts and sizes, not by a clock, so that what a frame reads
    does not depend on how busy the machine is. `clock` only times `Detection.frame_ms`.
    """

    def __init__(self, options: DecoderOptions | None = None, clock: Callable[[], float] = time.perf_counter):
        self.options = options or DecoderOptions()
        self._clock = clock

    def decode(self, frame: np.ndarray) -> Detection | None:
        t0 = self._clock()
        found = self._run(frame)
        if found is None:
            return None
        text, corners, strategy = found
        pts = tuple((int(round(x)), int(round(y))) for x, y in corners)
        return Detection(text, pts, (self._clock() - t0) * 1000.0, strategy)

    def _read(self, img: np.ndarray, binarizer: str = "local", full: bool = False) -> list[zxingcpp.Barcode]:
        # return_errors adds the located-but-undecodable codes; it changes no valid read (checked
        # on the test and tuning frames: bench/decode_eval.py --check-reader). The QR detector
        # needs no rotation; the full pass keeps zxing's defaults anyway: it is the plain call's read.
        return zxingcpp.read_barcodes(
            img,
            formats=_FORMATS,
            try_rotate=full,
            try_downscale=full,
            try_invert=True,
            binarizer=_BINARIZERS[binarizer],
            return_errors=True,
        )

    @staticmethod
    def _split(results: list[zxingcpp.Barcode]) -> tuple[zxingcpp.Barcode | None, list[zxingcpp.Barcode]]:
        """(the largest valid Model 2 read, Model 2 codes located but not decoded).

        The largest, not the first: a printed card carries the pass code (36 mm) and a much
        smaller code of the member page link beside it, and zxing reports them in no fixed order.
        """
        good, hints = None, []
        for bc in results:
            if not _is_model2(bc):
                continue  # Micro QR, rMQR, Model 1: not ours, and never a hint
            if bc.valid and bc.text.strip():
                if good is None or _area(bc) > _area(good):
                    good = bc
            elif not bc.valid:
                hints.append(bc)
        return good, hints

    def _run(self, frame: np.ndarray) -> tuple[str, np.ndarray, str] | None:
        o = self.options
        gray = frame if frame.ndim == 2 else cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
        hints: list[np.ndarray] = []
        if o.half_first:
            h, w = gray.shape
            small = cv2.resize(gray, (w // 2, h // 2), interpolation=cv2.INTER_AREA)
            good, errs = self._split(self._read(_stretch(small)))
            if good:
                return good.text.strip(), _corners(good, 2.0), "half"
            hints += [_corners(bc, 2.0) for bc in errs]
        good, errs = self._split(self._read(gray, o.full_binarizer, full=o.full_like_plain))
        if good:
            return good.text.strip(), _corners(good, 1.0), "full"
        hints = [_corners(bc, 1.0) for bc in errs] + hints
        if o.retry_near_errors:
            for corners in hints[: o.retry_max_codes]:
                hit = self._retry(gray, corners)
                if hit:
                    return hit[0], hit[1], "retry"
        return None

    def _retry(self, gray: np.ndarray, corners: np.ndarray) -> tuple[str, np.ndarray] | None:
        x0, y0, x1, y1 = _box(corners, gray.shape, 0.3)
        roi = gray[y0:y1, x0:x1]
        if roi.shape[0] < 16 or roi.shape[1] < 16:
            return None
        # 2x, or less (down to below 1x for a huge region) so the image stays within retry_max_side
        k = min(2.0, self.options.retry_max_side / max(roi.shape))
        interp = cv2.INTER_CUBIC if k > 1.0 else cv2.INTER_AREA
        up = _stretch(cv2.resize(roi, None, fx=k, fy=k, interpolation=interp))
        sharp = cv2.addWeighted(up, 2.0, cv2.GaussianBlur(up, (0, 0), 2.0), -1.0, 0)
        for img, binarizer in [(up, b) for b in self.options.retry_binarizers] + [(sharp, "local")]:
            good, _ = self._split(self._read(img, binarizer))
            if good:
                return good.text.strip(), _corners(good, 1.0 / k) + np.array([x0, y0], np.float64)
        return None


@dataclass
class RepeatFilter:
    """A code counts once it was read `repeat` times within `window_s`; then it is ignored for
    `cooldown_s` (from its last sighting, so a card left in view does not fire again)."""

    repeat: int = 2
    window_s: float = 1.0
    cooldown_s: float = 3.0
    _seen: dict[str, list[float]] = field(default_factory=dict)
    _fired: dict[str, float] = field(default_factory=dict)

    def feed(self, text: str, now: float) -> bool:
        fired = self._fired.get(text)
        if fired is not None and now - fired < self.cooldown_s:
            self._fired[text] = now
            return False
        times = [t for t in self._seen.get(text, []) if now - t <= self.window_s] + [now]
        self._seen = {text: times}  # another code in view resets the others' counts
        if len(times) < self.repeat:
            return False
        self._seen = {}
        self._fired = {k: v for k, v in self._fired.items() if now - v < self.cooldown_s}
        self._fired[text] = now
        return True

    def reset(self) -> None:
        self._seen.clear()
        self._fired.clear()
