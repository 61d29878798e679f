"""Seeded camera-like test frames in categories, shared by bench/scanner.py and the scanner tests."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np

from kiosk.camera.scene import HoldUpStyle, add_noise, background, compose

ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWX"
CATEGORIES = (
    "clean", "small", "rotated", "tilted", "blurred", "motion", "dim", "low_contrast",
    "glare", "jpeg", "phone", "dark_inverted", "covered", "empty",
)


@dataclass(frozen=True)
class Sample:
    category: str
    text: str | None  # None: nothing to read
    frame: np.ndarray


def member_code(rng: np.random.Generator) -> str:
    return "CWM1" + "".join(ALPHABET[i] for i in rng.integers(0, len(ALPHABET), 24))


def _base_style(rng: np.random.Generator) -> HoldUpStyle:
    return HoldUpStyle(
        scale=float(rng.uniform(0.22, 0.4)),
        tilt=float(rng.uniform(-12, 12)),
        angle=float(rng.uniform(-10, 10)),
        noise=float(rng.uniform(1.5, 4.0)),
        center=(float(rng.uniform(0.3, 0.7)), float(rng.uniform(0.35, 0.65))),
    )


def _style(category: str, rng: np.random.Generator) -> HoldUpStyle:
    s = _base_style(rng)
    u = rng.uniform
    changes: dict[str, object] = {
        "small": {"scale": float(u(0.06, 0.09))},
        "rotated": {"angle": float(u(25, 335))},
        "tilted": {"tilt": float(rng.choice([-1, 1]) * u(50, 66)), "scale": float(u(0.2, 0.3))},
        "blurred": {"blur": float(u(2.4, 4.0)), "scale": float(u(0.18, 0.28))},
        "glare": {"glare": float(u(0.9, 1.4))},
        "jpeg": {"scale": float(u(0.1, 0.16))},
        "phone": {"phone": True, "scale": float(u(0.2, 0.32))},
        "dark_inverted": {"phone": True, "dark_mode": True, "scale": float(u(0.2, 0.32))},
    }.get(category, {})
    return dataclasses.replace(s, **changes)  # type: ignore[arg-type]


def _post(category: str, frame: np.ndarray, corners: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    if category == "motion":
        n = int(rng.integers(11, 19))
        k = np.zeros((n, n), np.float32)
        k[n // 2, :] = 1.0 / n
        rot = cv2.getRotationMatrix2D((n / 2 - 0.5, n / 2 - 0.5), float(rng.uniform(-30, 30)), 1.0)
        k = cv2.warpAffine(k, rot, (n, n))
        return cv2.filter2D(frame, -1, k / k.sum())
    if category == "dim":
        dimmed = cv2.convertScaleAbs(frame, alpha=float(rng.uniform(0.07, 0.14)))
        return add_noise(dimmed, 2.0, rng)
    if category == "low_contrast":
        a = float(rng.uniform(0.06, 0.12))
        return cv2.convertScaleAbs(frame, alpha=a, beta=float(rng.uniform(90, 130)))
    if category == "jpeg":
        ok, buf = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(4, 12))])
        return cv2.imdecode(buf, cv2.IMREAD_COLOR)
    if category == "covered":
        # A thumb over one edge of the code (not over a finder pattern's centre).
        edge = corners[1] + (corners[2] - corners[1]) * float(rng.uniform(0.45, 0.65))
        side = float(np.linalg.norm(corners[1] - corners[0]))
        axes = (int(side * rng.uniform(0.22, 0.3)), int(side * 0.2))
        cv2.ellipse(frame, (int(edge[0]), int(edge[1])), axes, 0, 0, 360, (120, 150, 205), -1, cv2.LINE_AA)
        return frame
    return frame


def generate(seed: int = 1, per_category: int = 20, categories: tuple[str, ...] = CATEGORIES) -> Iterator[Sample]:
    """Yields per_category samples per category; the same seed gives the same frames."""
    for ci, category in enumerate(categories):
        for i in range(per_category):
            rng = np.random.default_rng([seed, ci, i])
            if category == "empty":
                frame = add_noise(background(), float(rng.uniform(1.5, 4.0)), rng)
                yield Sample(category, None, frame)
                continue
            text = member_code(rng)
            frame, corners = compose(text, _style(category, rng), seed=int(rng.integers(1 << 30)))
            yield Sample(category, text, _post(category, frame, corners, rng))
