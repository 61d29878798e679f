"""Flat objects to photograph: member cards, phone screens and background clutter.

Each object is a `Plane`: an sRGB texture with its physical size in millimetres, whether it glows
(a phone screen) or reflects room light, and where the code sits on it (mm, for ground truth).
Drawn with Pillow; nothing here is shared with kiosk/camera/scene.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from .symbols import ALPHABET

Pattern = Callable[[np.ndarray, np.ndarray], np.ndarray]  # (u_mm, v_mm) -> multiplicative factor


@dataclass
class Plane:
    texture: np.ndarray  # HxWx3 uint8 sRGB (albedo, or emitted colour for screens)
    size_mm: tuple[float, float]  # width, height
    emissive: np.ndarray | None = None  # HxW float 0..1: share of the texel that glows
    code_mm: np.ndarray | None = None  # 4x2 corners of the code (without quiet zone), in mm
    glossy: float = 0.3  # how strongly it mirrors a lamp (glare), 0..1
    pattern: Pattern | None = None  # analytic fine structure (a screen's pixel grid)
    alpha: np.ndarray | None = None  # HxW uint8 coverage (None: the whole rectangle)
    extra: dict = field(default_factory=dict)


def _font(px: float) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=max(6, int(px)))


def _paste_modules(img: np.ndarray, mods: np.ndarray, x0: int, y0: int, side: int,
                   dark: tuple[int, int, int], light: tuple[int, int, int]) -> None:
    h, w = mods.shape
    sx, sy = side, int(round(side * h / w))
    m = cv2.resize(mods.astype(np.uint8), (sx, sy), interpolation=cv2.INTER_NEAREST).astype(bool)
    region = img[y0 : y0 + sy, x0 : x0 + sx]
    region[:] = np.where(m[..., None], np.array(dark, np.uint8), np.array(light, np.uint8))


def _ink(img: np.ndarray, rng: np.random.Generator, spread: float, fade: float, specks: int) -> np.ndarray:
    """Printing: ink spread (dot gain), faded toner and specks of dirt/dropouts."""
    out = img
    if spread > 0:
        grey = cv2.cvtColor(out, cv2.COLOR_RGB2GRAY).astype(np.float32)
        blurred = cv2.GaussianBlur(grey, (0, 0), spread)
        thr = 128 + 40 * (rng.random() - 0.3)
        mask = blurred < thr
        out = out.copy()
        out[mask] = np.minimum(out[mask], 60)
    if fade > 0:
        out = (out.astype(np.float32) * (1 - fade) + 235 * fade).astype(np.uint8)
    h, w = out.shape[:2]
    for _ in range(specks):
        c = (int(rng.integers(0, w)), int(rng.integers(0, h)))
        r = int(rng.integers(1, max(2, w // 150)))
        col = int(rng.choice([30, 245]))
        cv2.circle(out, c, r, (col, col, col), -1, cv2.LINE_AA)
    return out


def member_card(mods: np.ndarray, rng: np.random.Generator, code_mm: float, tpmm: float) -> Plane:
    """An ID-1 member card (85.6 x 54 mm) with the code on one side and printed text."""
    code_mm = min(code_mm, 50.0)
    w_mm, h_mm = max(85.6, code_mm * 1.7), max(54.0, code_mm + 8)
    W, H = int(w_mm * tpmm), int(h_mm * tpmm)
    paper = tuple(int(v) for v in rng.integers(228, 252, 3))
    img = np.empty((H, W, 3), np.uint8)
    img[:] = paper
    band = tuple(int(v) for v in rng.integers(20, 200, 3))
    band_h = int(H * rng.uniform(0.08, 0.16))
    img[:band_h] = band
    side = int(code_mm * tpmm)
    left = bool(rng.random() < 0.5)
    x0 = int(W * 0.05) if left else W - side - int(W * 0.05)
    y0 = band_h + max(1, (H - band_h - side) // 2)
    y0 = min(y0, H - side - 1)
    ink = int(rng.integers(10, 70))
    _paste_modules(img, mods, x0, y0, side, (ink, ink, ink + 5), paper)
    pil = Image.fromarray(img)
    d = ImageDraw.Draw(pil)
    tx = (x0 + side + int(3 * tpmm)) if left else int(4 * tpmm)
    names = ["Anna Berger", "Jonas Krüger", "Mia Schulze", "Lukas Meyer", "Emma Wolff", "Paul Fischer"]
    d.text((tx, band_h + 4 * tpmm), str(rng.choice(names)), fill=(30, 30, 35), font=_font(4.2 * tpmm))
    d.text((tx, band_h + 10 * tpmm), "Mitglied · Member", fill=(80, 80, 90), font=_font(3 * tpmm))
    d.text((tx, band_h + 15 * tpmm), "Nr. " + "".join(str(v) for v in rng.integers(0, 10, 6)),
           fill=(60, 60, 60), font=_font(3 * tpmm))
    d.text((int(3 * tpmm), int(band_h * 0.2)), "Coworking Altmark", fill=(250, 250, 250),
           font=_font(band_h * 0.6))
    img = np.asarray(pil).copy()
    img = _ink(img, rng, spread=float(rng.uniform(0, 0.5 * tpmm * code_mm / mods.shape[1] / 3)),
               fade=float(rng.uniform(0, 0.15)), specks=int(rng.integers(0, 12)))
    corners = np.array([[x0, y0], [x0 + side, y0], [x0 + side, y0 + side], [x0, y0 + side]], float) / tpmm
    return Plane(img, (W / tpmm, H / tpmm), code_mm=corners, glossy=float(rng.uniform(0.1, 0.5)))


def scratch_laminate(plane: Plane, rng: np.random.Generator, n: int) -> np.ndarray:
    """A map (texture resolution, 0..1) of scratches in a laminate pouch: they scatter lamp light."""
    H, W = plane.texture.shape[:2]
    m = np.zeros((H, W), np.float32)
    for _ in range(n):
        p = np.array([rng.uniform(0, W), rng.uniform(0, H)])
        ang = rng.uniform(0, np.pi)
        length = rng.uniform(0.1, 0.9) * W
        pts = [p]
        for _k in range(4):
            ang += rng.normal(0, 0.15)
            p = p + length / 4 * np.array([np.cos(ang), np.sin(ang)])
            pts.append(p)
        cv2.polylines(m, [np.array(pts, np.int32)], False, float(rng.uniform(0.3, 1.0)),
                      int(rng.integers(1, 3)), cv2.LINE_AA)
    # scuffed haze
    haze = cv2.GaussianBlur(rng.random((H // 8 + 1, W // 8 + 1)).astype(np.float32), (0, 0), 2)
    m += cv2.resize(haze, (W, H)) * float(rng.uniform(0.0, 0.25))
    return np.clip(m, 0, 1)


def phone(mods: np.ndarray, rng: np.random.Generator, code_mm: float, tpmm: float, dark_mode: bool
          ) -> Plane:
    """A phone showing the pass: black bezel, an emissive screen with a pixel grid."""
    w_mm = max(68.0, code_mm + 10)
    h_mm = w_mm * rng.uniform(2.0, 2.2)
    W, H = int(w_mm * tpmm), int(h_mm * tpmm)
    img = np.full((H, W, 3), int(rng.integers(8, 30)), np.uint8)
    emis = np.zeros((H, W), np.float32)
    b = int(2.5 * tpmm)
    sx0, sy0, sx1, sy1 = b, int(b * 2.5), W - b, H - int(b * 2.5)
    bg = (22, 22, 26) if dark_mode else tuple(int(v) for v in rng.integers(235, 256, 3))
    fg = (232, 232, 236) if dark_mode else (0, 0, 0)
    img[sy0:sy1, sx0:sx1] = bg
    emis[sy0:sy1, sx0:sx1] = 1.0
    side = int(code_mm * tpmm)
    x0 = (W - side) // 2
    y0 = int(sy0 + (sy1 - sy0) * rng.uniform(0.3, 0.45) - side / 2)
    # dark mode apps usually keep a light quiet zone or none at all: both happen
    if dark_mode and rng.random() < 0.35:
        q = int(side / mods.shape[0] * 2)
        img[y0 - q : y0 + side + q, x0 - q : x0 + side + q] = (240, 240, 240)
        _paste_modules(img, mods, x0, y0, side, (0, 0, 0), (240, 240, 240))
    else:
        _paste_modules(img, mods, x0, y0, side, fg, bg)
    pil = Image.fromarray(img)
    d = ImageDraw.Draw(pil)
    col = (200, 200, 205) if dark_mode else (40, 40, 45)
    d.text((sx0 + 3 * tpmm, sy0 + 2 * tpmm), "09:41", fill=col, font=_font(3 * tpmm))
    d.text((sx0 + 4 * tpmm, sy0 + 10 * tpmm), "Mitgliedsausweis", fill=col, font=_font(5 * tpmm))
    d.text((sx0 + 4 * tpmm, y0 + side + 5 * tpmm), "Coworking Altmark · Stendal", fill=col,
           font=_font(3.5 * tpmm))
    img = np.asarray(pil).copy()
    pitch = float(rng.uniform(0.055, 0.085))  # mm per screen pixel (300..460 ppi)
    depth = float(rng.uniform(0.05, 0.35))
    theta = float(rng.uniform(-0.03, 0.03))

    c, s = np.float32(2 * np.pi * np.cos(theta) / pitch), np.float32(2 * np.pi * np.sin(theta) / pitch)

    def grid(u: np.ndarray, v: np.ndarray) -> np.ndarray:
        u, v = u.astype(np.float32), v.astype(np.float32)
        gx = np.cos(u * c + v * s)
        gy = np.cos(v * c - u * s)
        return np.float32(1 - depth) + np.float32(depth * 0.5) * (1 + gx) * (1 + gy)

    corners = np.array([[x0, y0], [x0 + side, y0], [x0 + side, y0 + side], [x0, y0 + side]], float) / tpmm
    return Plane(img, (W / tpmm, H / tpmm), emissive=emis, code_mm=corners,
                 glossy=float(rng.uniform(0.4, 0.9)), pattern=grid,
                 extra={"pitch_mm": pitch, "moire_depth": depth})


def label(mods: np.ndarray, linear: bool, rng: np.random.Generator, module_mm: float, tpmm: float) -> Plane:
    """A sticker/parcel label/ticket with a symbol that is not ours, and some text."""
    h, w = mods.shape
    cw, ch = w * module_mm, h * module_mm
    if linear:
        ch = max(ch, cw * 0.35)
    W_mm, H_mm = cw + 12 * module_mm + 10, ch + 12 * module_mm + 12
    W, H = int(W_mm * tpmm), int(H_mm * tpmm)
    paper = tuple(int(v) for v in rng.integers(215, 252, 3))
    img = np.empty((H, W, 3), np.uint8)
    img[:] = paper
    x0, y0 = int(6 * module_mm * tpmm + 5 * tpmm), int(6 * module_mm * tpmm)
    sx, sy = int(cw * tpmm), int(ch * tpmm)
    m = cv2.resize(mods.astype(np.uint8), (sx, sy), interpolation=cv2.INTER_NEAREST).astype(bool)
    img[y0 : y0 + sy, x0 : x0 + sx][m] = (20, 20, 20)
    pil = Image.fromarray(img)
    d = ImageDraw.Draw(pil)
    d.text((x0, y0 + sy + 2 * tpmm), "".join(ALPHABET[i] for i in rng.integers(0, 32, 12)),
           fill=(30, 30, 30), font=_font(4 * tpmm))
    return Plane(np.asarray(pil).copy(), (W / tpmm, H / tpmm), glossy=float(rng.uniform(0, 0.3)))


_WORDS = ("Kaffee Tee Wasser Treffen Vortrag heute morgen Drucker Stendal Werben Gardelegen WLAN "
          "Passwort Raum Küche Bitte sauber halten Veranstaltung Termine Netzwerk Mitglieder Gäste "
          "Anmeldung Kasse Öffnungszeiten Montag Dienstag Freitag 3D-Druck Lasercutter Workshop").split()


def poster(rng: np.random.Generator, w_mm: float, h_mm: float, tpmm: float) -> Plane:
    """A notice/poster with paragraphs of text, a headline and blocks (text-like negatives)."""
    W, H = int(w_mm * tpmm), int(h_mm * tpmm)
    bg = tuple(int(v) for v in rng.integers(150, 256, 3))
    pil = Image.new("RGB", (W, H), bg)
    d = ImageDraw.Draw(pil)
    fg = tuple(int(v) for v in rng.integers(0, 90, 3))
    y = 0.06 * H
    d.text((0.06 * W, y), " ".join(rng.choice(_WORDS, 2)).upper(), fill=fg, font=_font(0.09 * H))
    y += 0.16 * H
    size = float(rng.uniform(0.025, 0.05)) * H
    while y < 0.92 * H:
        line = " ".join(rng.choice(_WORDS, int(rng.integers(3, 8))))
        d.text((0.06 * W, y), line, fill=fg, font=_font(size))
        y += size * 1.5
    if rng.random() < 0.5:  # a checkerboard-ish logo: finder-like squares are a classic false hit
        s = int(0.15 * W)
        x, yy = int(0.75 * W), int(0.05 * H)
        d.rectangle([x, yy, x + s, yy + s], fill=fg)
        d.rectangle([x + s // 7, yy + s // 7, x + s - s // 7, yy + s - s // 7], fill=bg)
        d.rectangle([x + 2 * s // 7, yy + 2 * s // 7, x + s - 2 * s // 7, yy + s - 2 * s // 7], fill=fg)
    return Plane(np.asarray(pil).copy(), (W / tpmm, H / tpmm), glossy=0.1)


def hand(rng: np.random.Generator, tpmm: float, length_mm: float) -> Plane:
    """A thumb/fingers: a skin-coloured rounded shape with its own alpha."""
    W, H = int(length_mm * tpmm), int(length_mm * 0.45 * tpmm)
    skin = np.array([rng.uniform(150, 230), rng.uniform(110, 170), rng.uniform(90, 140)])
    img = np.empty((H, W, 3), np.uint8)
    yy = np.linspace(-1, 1, H)[:, None]
    img[:] = np.clip(skin * (1 - 0.25 * yy**2)[..., None], 0, 255).astype(np.uint8)
    alpha = np.zeros((H, W), np.uint8)
    cv2.ellipse(alpha, (W // 2, H // 2), (W // 2 - 1, H // 2 - 1), 0, 0, 360, 255, -1, cv2.LINE_AA)
    cv2.rectangle(alpha, (W // 2, 0), (W - 1, H - 1), 255, -1)
    return Plane(img, (W / tpmm, H / tpmm), alpha=alpha, glossy=0.05)
