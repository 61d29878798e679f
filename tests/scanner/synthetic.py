"""Flat synthetic frames for decoder regression tests: a pass's QR code at a chosen pixels per
module, optionally with another QR-family symbol (Micro QR, rMQR) beside it, damaged or not."""

from __future__ import annotations

import cv2
import numpy as np
import zxingcpp

from kiosk.camera.scene import qr_modules

PASS = "CWM10123456789ABCDEFGHJKLMN"


def _symbol(fmt: zxingcpp.BarcodeFormat, text: str) -> np.ndarray:
    img = np.asarray(zxingcpp.create_barcode(text, fmt).to_image(scale=1))
    return (img < 128).copy()


def damaged(mods: np.ndarray, flips: int, seed: int, keep: int = 9) -> np.ndarray:
    """Flip `flips` modules outside the top-left `keep` x `keep` corner (the finder stays), so the
    symbol is still located but fails its checksum."""
    rng = np.random.default_rng(seed)
    out = mods.copy()
    done = 0
    while done < flips:
        i, j = int(rng.integers(2, out.shape[0] - 2)), int(rng.integers(2, out.shape[1] - 2))
        if i > keep or j > keep:
            out[i, j] = ~out[i, j]
            done += 1
    return out


def micro_qr(text: str = "12345678") -> np.ndarray:
    return _symbol(zxingcpp.BarcodeFormat.MicroQRCode, text)


def rmqr(text: str = "R12345ABCDE") -> np.ndarray:
    return _symbol(zxingcpp.BarcodeFormat.RMQRCode, text)


def frame(px_per_module: float, other: np.ndarray | None = None, other_px: float = 10.0,
          other_at: tuple[int, int] = (800, 100), gradient: float = 0.0, seed: int = 0,
          text: str | None = PASS, blur: float = 0.6, noise: float = 3.0) -> np.ndarray:
    """A 1280x720 grey frame: the pass's code at (200, 300) (none if text is None), the other
    symbol if any, sensor noise and a little lens blur."""
    rng = np.random.default_rng(seed)
    img = np.full((720, 1280), 150, np.float32)
    if text is not None:
        code = qr_modules(text).astype(np.float32)  # quiet zone included
        fine = cv2.resize(code, None, fx=8, fy=8, interpolation=cv2.INTER_NEAREST)
        size = (int(code.shape[1] * px_per_module), int(code.shape[0] * px_per_module))
        small = cv2.resize(fine, size, interpolation=cv2.INTER_AREA)
        img[300 : 300 + size[1], 200 : 200 + size[0]] = 220 - 190 * small
    if other is not None:
        big = cv2.resize(other.astype(np.float32), None, fx=other_px, fy=other_px,
                         interpolation=cv2.INTER_NEAREST)
        x, y = other_at
        img[y : y + big.shape[0], x : x + big.shape[1]] = 220 - 190 * big
    if gradient:
        img *= np.linspace(1 - gradient, 1 + gradient, 1280, dtype=np.float32)[None, :]
    img += rng.normal(0, noise, img.shape).astype(np.float32)
    img = cv2.GaussianBlur(img, (0, 0), blur)
    return np.clip(img, 0, 255).astype(np.uint8)


def plain_read(img: np.ndarray) -> list[str]:
    """The plain call the decoder must never read less than (QR family, default options)."""
    fam = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    return [bc.text for bc in zxingcpp.read_barcodes(img, formats=fam)]


def broken_pass(flips: int = 40, seed: int = 0, px_per_module: float = 6.0) -> np.ndarray:
    """A large pass with `flips` data modules inverted (finder and alignment patterns intact):
    zxing locates it but its checksum fails."""
    m = qr_modules(PASS).copy()  # version 2 with a 4-module quiet zone: 33 x 33
    free = [(r, c) for r in range(4, 29) for c in range(4, 29)
            if not ((r < 13 and c < 13) or (r < 13 and c >= 20) or (r >= 20 and c < 13)
                    or (20 <= r < 27 and 20 <= c < 27))]
    rng = np.random.default_rng(seed)
    for k in rng.choice(len(free), flips, replace=False):
        r, c = free[k]
        m[r, c] = ~m[r, c]
    img = np.full((720, 1280), 150, np.uint8)
    big = cv2.resize(m.astype(np.uint8), None, fx=px_per_module, fy=px_per_module,
                     interpolation=cv2.INTER_NEAREST)[:700, :1000]
    img[10 : 10 + big.shape[0], 200 : 200 + big.shape[1]] = np.where(big > 0, 30, 220)
    return cv2.GaussianBlur(img, (0, 0), 0.8)
