"""QR decoding for the kiosk, Qt-free: the pipeline (`QrDecoder`) and the repeat filter.

The QThread that runs it on camera frames is kiosk/camera/decode_worker.py (`DecodeWorker`).

The pipeline was tuned with bench/scanner.py; docs/scanner.md has the figures behind each choice.
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
_QR = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
_BINARIZERS = (zxingcpp.Binarizer.LocalAverage, zxingcpp.Binarizer.FixedThreshold)


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
    """Strategy switches; the defaults are what the benchmark kept (see docs/scanner.md)."""

    half_first: bool = True  # try a 2x downscaled, contrast-stretched copy first
    full_every: int = 1  # full-resolution pass on every n-th frame (0: never)
    alternate_binarizer: bool = True  # full passes alternate LocalAverage / FixedThreshold
    retry_near_errors: bool = True  # upscale+sharpen around a code zxing found but could not read
    track_s: float = 0.0  # after a read, look around it first for this long (off: did not pay)


def _corners(bc: zxingcpp.Barcode, scale: float, dx: int = 0, dy: int = 0) -> np.ndarray:
    p = bc.position
    pts = (p.top_left, p.top_right, p.bottom_right, p.bottom_left)
    return np.array([[q.x * scale + dx, q.y * scale + dy] for q in pts], np.float64)


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


class QrDecoder:
    """Reads one QR code from BGR or grey frames. Stateful (alternation, tracking) but Qt-free.

    Not thread-safe: one decoder per thread.
    """

    def __init__(self, options: DecoderOptions | None = None, clock: Callable[[], float] = time.monotonic):
        self.options = options or DecoderOptions()
        self._clock = clock
        self._n = 0
        self._full_passes = 0
        self._last: tuple[np.ndarray, float] | None = None  # corners, time of the last read

    def decode(self, frame: np.ndarray) -> Detection | None:
        t0 = time.perf_counter()
        self._n += 1
        found = self._run(frame)
        if found is None:
            return None
        text, corners, strategy = found
        self._last = (corners, self._clock())
        pts = tuple((int(round(x)), int(round(y))) for x, y in corners)
        return Detection(text, pts, (time.perf_counter() - t0) * 1000.0, strategy)

    def _read(self, img: np.ndarray, binarizer: zxingcpp.Binarizer = _BINARIZERS[0]
              ) -> list[zxingcpp.Barcode]:
        return zxingcpp.read_barcodes(img, formats=_QR, try_rotate=False, try_downscale=False,
                                      try_invert=True, binarizer=binarizer, return_errors=True)

    def _valid(self, results: list[zxingcpp.Barcode]) -> zxingcpp.Barcode | None:
        for bc in results:
            if bc.valid and bc.text.strip():
                return bc
        return None

    def _run(self, frame: np.ndarray) -> tuple[str, np.ndarray, str] | None:
        o = self.options
        gray = frame if frame.ndim == 2 else cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
        hint: np.ndarray | None = None
        if self._last is not None and o.track_s > 0 and self._clock() - self._last[1] <= o.track_s:
            hit = self._roi(gray, self._last[0], 0.5, upscale=False)
            if hit:
                return hit[0], hit[1], "track"
        if o.half_first:
            h, w = gray.shape
            small = cv2.resize(gray, (w // 2, h // 2), interpolation=cv2.INTER_AREA)
            res = self._read(_stretch(small))
            bc = self._valid(res)
            if bc:
                return bc.text.strip(), _corners(bc, 2.0), "half"
            hint = _corners(res[0], 2.0) if res else None
        if hint is None and o.full_every and self._n % o.full_every == 0:
            b = _BINARIZERS[self._full_passes % 2] if o.alternate_binarizer else _BINARIZERS[0]
            self._full_passes += 1
            res = self._read(gray, b)
            bc = self._valid(res)
            if bc:
                return bc.text.strip(), _corners(bc, 1.0), "full"
            hint = _corners(res[0], 1.0) if res else None
        if hint is not None and o.retry_near_errors:
            hit = self._roi(gray, hint, 0.3, upscale=True)
            if hit:
                return hit[0], hit[1], "retry"
        return None

    def _roi(self, gray: np.ndarray, corners: np.ndarray, grow: float, upscale: bool
             ) -> tuple[str, np.ndarray] | None:
        x0, y0, x1, y1 = _box(corners, gray.shape, grow)
        roi = gray[y0:y1, x0:x1]
        if roi.shape[0] < 16 or roi.shape[1] < 16:
            return None
        if not upscale:
            bc = self._valid(self._read(roi))
            return (bc.text.strip(), _corners(bc, 1.0, x0, y0)) if bc else None
        up = cv2.resize(roi, None, fx=2.0, fy=2.0, interpolation=cv2.INTER_CUBIC)
        sharp = cv2.addWeighted(up, 2.0, cv2.GaussianBlur(up, (0, 0), 2.0), -1.0, 0)
        for img in (up, sharp):
            bc = self._valid(self._read(img))
            if bc:
                c = _corners(bc, 0.5)
                return bc.text.strip(), c + np.array([x0, y0], np.float64)
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
