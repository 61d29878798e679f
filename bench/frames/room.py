"""Rooms behind the kiosk: Pillow drawings (walls, a window with daylight, shelves, a desk) plus
flat clutter (posters with text, labels with other symbologies) put through the camera model."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from . import texture
from .camera import Canvas, H, Lens, Pose, W, rasterise, rotation, to_linear
from .symbols import CLUTTER_FORMATS, clutter_symbol


def room(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """(sRGB albedo, linear emission) of a room at the output resolution."""
    wall = np.array(rng.integers(120, 235, 3), float)
    img = Image.new("RGB", (W, H), tuple(int(v) for v in wall))
    d = ImageDraw.Draw(img)
    horizon = int(rng.uniform(0.55, 0.8) * H)
    floor = tuple(int(v) for v in rng.integers(50, 160, 3))
    d.rectangle([0, horizon, W, H], fill=floor)
    for x in range(int(rng.integers(-200, 0)), W + 200, int(rng.integers(90, 220))):
        seam = tuple(max(0, c - 20) for c in floor)
        d.line([(x, horizon), (x + int(rng.uniform(-300, 300)), H)], fill=seam, width=2)
    emission = np.zeros((H, W, 3), np.float32)
    if rng.random() < 0.7:  # a window with daylight (the reason webcams under-expose the desk)
        wx, wy = int(rng.uniform(0, W * 0.7)), int(rng.uniform(0.05, 0.25) * H)
        ww, wh = int(rng.uniform(0.15, 0.35) * W), int(rng.uniform(0.25, 0.45) * H)
        d.rectangle([wx - 8, wy - 8, wx + ww + 8, wy + wh + 8], fill=(235, 235, 235))
        d.rectangle([wx, wy, wx + ww, wy + wh], fill=(0, 0, 0))
        emission[wy : wy + wh, wx : wx + ww] = np.array([0.9, 1.0, 1.1]) * rng.uniform(1.0, 3.0)
        d.line([(wx + ww // 2, wy), (wx + ww // 2, wy + wh)], fill=(220, 220, 220), width=6)
    for _ in range(int(rng.integers(1, 4))):  # shelves with books
        sx, sy = int(rng.uniform(0, W - 200)), int(rng.uniform(0.1, 0.5) * H)
        sw = int(rng.uniform(150, 400))
        x = sx
        while x < sx + sw:
            bw = int(rng.integers(6, 22))
            bh = int(rng.integers(40, 90))
            spine = tuple(int(v) for v in rng.integers(20, 230, 3))
            d.rectangle([x, sy + 90 - bh, x + bw, sy + 90], fill=spine)
            x += bw + int(rng.integers(0, 3))
        d.rectangle([sx - 5, sy + 90, sx + sw + 5, sy + 98], fill=(90, 70, 50))
    if rng.random() < 0.6:  # a desk edge in the foreground
        dy = int(rng.uniform(0.8, 0.95) * H)
        d.rectangle([0, dy, W, H], fill=tuple(int(v) for v in rng.integers(60, 200, 3)))
    return np.asarray(img).copy(), emission


def clutter(canvas: Canvas, lens: Lens, rng: np.random.Generator, n_posters: int, n_labels: int,
            near: bool = False) -> list[str]:
    """Posters (text) and labels (other symbologies) in the scene; returns the formats placed."""
    placed: list[str] = []
    for _ in range(n_posters):
        w_mm = float(rng.uniform(200, 600))
        p = texture.poster(rng, w_mm, w_mm * float(rng.uniform(0.7, 1.4)), tpmm=float(rng.uniform(1.5, 3)))
        z = float(rng.uniform(1500, 4000))
        _place(canvas, lens, p, z, rng, yaw=float(rng.uniform(-40, 40)), shade=float(rng.uniform(0.6, 1.0)))
    for _ in range(n_labels):
        fmt = str(rng.choice(CLUTTER_FORMATS))
        mods, linear = clutter_symbol(fmt, rng)
        module_mm = float(rng.uniform(0.35, 0.9)) if not linear else float(rng.uniform(0.25, 0.45))
        px_per_module = float(rng.uniform(2.0, 6.0)) if near else float(rng.uniform(0.8, 3.0))
        z = lens.f * module_mm / px_per_module
        lab = texture.label(mods, linear, rng, module_mm, tpmm=max(4.0, 3.0 / module_mm))
        _place(canvas, lens, lab, z, rng, yaw=float(rng.uniform(-30, 30)), shade=float(rng.uniform(0.7, 1.1)))
        placed.append(fmt)
    return placed


def _place(canvas: Canvas, lens: Lens, plane: texture.Plane, z: float, rng: np.random.Generator,
           yaw: float, shade: float) -> None:
    x, y = rng.uniform(0.05, 0.95) * W, rng.uniform(0.05, 0.9) * H
    t = np.array([(x - lens.cx) / lens.f * z, (y - lens.cy) / lens.f * z, z])
    R = rotation(yaw, float(rng.uniform(-15, 15)), float(rng.uniform(-10, 10)))
    pose = Pose(R, t, (plane.size_mm[0] / 2, plane.size_mm[1] / 2))
    r = rasterise(plane, lens, pose, ss=2)
    if r is not None:
        canvas.put(r, plane, shade=shade)


__all__ = ["clutter", "room", "to_linear"]
