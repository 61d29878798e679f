"""Pure rendering for the demo camera: a hallway/desk scene and a credential "held up" into it.

No Qt here: the bench and the tests use these functions directly. Frames are BGR uint8 arrays.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np
import qrcode
import qrcode.constants

WIDTH, HEIGHT = 1280, 720


@dataclass(frozen=True)
class HoldUpStyle:
    """How a credential is held in front of the camera.

    scale: side of the code (quiet zone included) as a fraction of the frame height.
    tilt: out-of-plane tilt in degrees (card turned away around its vertical axis).
    angle: in-plane rotation in degrees.
    blur: Gaussian defocus sigma in pixels (0 = sharp).
    glare: strength 0..1 of a specular highlight across the code.
    noise: sensor noise sigma in grey levels.
    phone: shown on a phone screen (dark bezel, slightly blue-tinted backlight) instead of a card.
    dark_mode: phone in dark mode: light modules on a dark screen (an inverted code).
    center: where the code's centre sits, as fractions of frame width and height.
    screen: path of a phone screenshot (PNG) to hold up instead of a drawn code, e.g. the member
        page; `scale` is then the phone's height as a fraction of the frame height.
    """

    scale: float = 0.35
    tilt: float = 0.0
    angle: float = 0.0
    blur: float = 0.0
    glare: float = 0.0
    noise: float = 2.0
    phone: bool = False
    dark_mode: bool = False
    center: tuple[float, float] = (0.5, 0.5)
    screen: str = ""


@lru_cache(maxsize=1)
def background() -> np.ndarray:
    """A calm hallway with a desk, a plant and a poster; deterministic, read-only."""
    img = np.zeros((HEIGHT, WIDTH, 3), np.uint8)
    ys = np.linspace(0.0, 1.0, HEIGHT, dtype=np.float32)[:, None]
    wall = (np.array([196, 206, 214], np.float32) * (1.0 - 0.18 * ys))[:, None, :]
    img[:] = np.broadcast_to(wall, (HEIGHT, 1, 3)).astype(np.uint8)
    # Floor with perspective boards, vanishing towards the corridor's end.
    floor_top = 470
    cv2.rectangle(img, (0, floor_top), (WIDTH, HEIGHT), (92, 122, 150), -1)
    vp = (WIDTH // 2, 330)
    for x in range(-1200, WIDTH + 1300, 160):
        k = (floor_top - vp[1]) / (HEIGHT - vp[1])
        start = (int(vp[0] + (x - vp[0]) * k), floor_top)
        cv2.line(img, start, (x, HEIGHT), (80, 108, 134), 2, cv2.LINE_AA)
    cv2.line(img, (0, floor_top), (WIDTH, floor_top), (150, 160, 168), 3, cv2.LINE_AA)
    # Corridor end: a door and a window with daylight.
    cv2.rectangle(img, (560, 250), (720, 470), (120, 140, 150), -1)
    cv2.rectangle(img, (575, 265), (705, 470), (70, 95, 120), -1)
    cv2.circle(img, (690, 370), 5, (180, 190, 200), -1, cv2.LINE_AA)
    cv2.rectangle(img, (860, 120), (1160, 330), (235, 225, 205), -1)
    cv2.line(img, (1010, 120), (1010, 330), (170, 170, 170), 6)
    cv2.line(img, (860, 225), (1160, 225), (170, 170, 170), 6)
    # A poster with blocks of "text".
    cv2.rectangle(img, (90, 110), (330, 380), (70, 140, 230), -1)
    for i in range(6):
        cv2.rectangle(img, (115, 140 + 36 * i), (305 - 25 * (i % 3), 156 + 36 * i), (250, 250, 250), -1)
    # Desk in the foreground with a keyboard and a mug.
    cv2.rectangle(img, (0, 560), (WIDTH, HEIGHT), (60, 90, 125), -1)
    cv2.rectangle(img, (0, 552), (WIDTH, 566), (40, 62, 90), -1)
    cv2.rectangle(img, (180, 600), (560, 680), (50, 50, 55), -1)
    for r in range(4):
        for c in range(18):
            x0, y0 = 192 + c * 20, 608 + r * 18
            cv2.rectangle(img, (x0, y0), (x0 + 15, y0 + 13), (85, 85, 90), -1)
    cv2.ellipse(img, (900, 610), (45, 14), 0, 0, 360, (200, 210, 225), -1, cv2.LINE_AA)
    cv2.rectangle(img, (855, 540), (945, 610), (200, 210, 225), -1)
    # A plant.
    cv2.rectangle(img, (1120, 470), (1200, 560), (60, 80, 160), -1)
    rng = np.random.default_rng(7)
    for _ in range(40):
        a = rng.uniform(-2.6, -0.5)
        ln = rng.uniform(60, 150)
        p0 = (1160, 470)
        p1 = (int(1160 + ln * math.cos(a)), int(470 + ln * math.sin(a)))
        cv2.line(img, p0, p1, (60, int(rng.uniform(120, 170)), 60), 7, cv2.LINE_AA)
    img = np.asarray(cv2.GaussianBlur(img, (3, 3), 0), np.uint8)
    img.flags.writeable = False
    return img


def qr_modules(text: str, border: int = 4) -> np.ndarray:
    """The code as a bool matrix (True = dark module), error correction M, smallest version."""
    q = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=1, border=border)
    q.add_data(text)
    q.make(fit=True)
    return np.array(q.get_matrix(), dtype=bool)


@lru_cache(maxsize=4)
def _screenshot(path: str) -> tuple[np.ndarray, tuple[int, int, int, int]] | None:
    """The screenshot (BGR) and its QR code's box, located with OpenCV's detector; None when the
    file is missing or shows no code."""
    image = cv2.imread(path, cv2.IMREAD_COLOR)
    if image is None:
        return None
    found, points = cv2.QRCodeDetector().detect(image)
    if not found or points is None:
        return None
    pts = points.reshape(-1, 2)
    x0, y0 = pts.min(axis=0)
    x1, y1 = pts.max(axis=0)
    return image, (int(x0), int(y0), int(x1 - x0), int(y1 - y0))


def _phone_screen(style: HoldUpStyle, px: int) -> tuple[np.ndarray, tuple[int, int, int, int]] | None:
    """A phone (dark bezel) showing the screenshot, scaled to `px` high; the code's box in it."""
    shot = _screenshot(style.screen)
    if shot is None:
        return None
    image, (x, y, w, h) = shot
    k = px / image.shape[0]
    screen = cv2.resize(image, (max(1, int(image.shape[1] * k)), px), interpolation=cv2.INTER_AREA)
    bezel = max(4, px // 40)
    patch = np.full((px + 6 * bezel, screen.shape[1] + 2 * bezel, 3), 15, np.uint8)
    patch[3 * bezel : 3 * bezel + px, bezel : bezel + screen.shape[1]] = screen
    return patch, (bezel + int(x * k), 3 * bezel + int(y * k), int(w * k), int(h * k))


def _object_patch(text: str, style: HoldUpStyle, px: int) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """The card or phone as a BGR patch, and the code's box (x, y, w, h) inside it."""
    if style.screen:
        phone = _phone_screen(style, px)
        if phone is not None:
            return phone
        style = HoldUpStyle(phone=True)  # no screenshot (yet): the phone shows the code itself
    mods = qr_modules(text)
    dark, light = (0, 0, 0), (255, 255, 255)
    if style.phone and style.dark_mode:
        dark, light = (235, 235, 230), (28, 24, 22)
    elif style.phone:
        light = (250, 246, 238)
    code = np.where(mods[..., None], np.array(dark, np.uint8), np.array(light, np.uint8))
    interp = cv2.INTER_NEAREST if px >= mods.shape[0] else cv2.INTER_AREA
    code = cv2.resize(code, (px, px), interpolation=interp)
    if style.phone:
        w, h = int(px * 1.15), int(px * 2.0)
        patch = np.full((h, w, 3), 15, np.uint8)
        pad = (w - int(px * 1.05)) // 2
        cv2.rectangle(patch, (pad, pad * 3), (w - pad, h - pad * 3), light, -1)
        x, y = (w - px) // 2, int(h * 0.42) - px // 2
    else:
        w, h = int(px * 1.6), int(px * 1.1)
        patch = np.full((h, w, 3), 246, np.uint8)
        cv2.rectangle(patch, (0, 0), (w - 1, int(h * 0.09)), (150, 110, 40), -1)
        x, y = int(px * 0.05), (h - px) // 2
        for i in range(3):
            ty = y + int(px * (0.25 + 0.18 * i))
            cv2.rectangle(patch, (x + px + 6, ty), (w - 10 - 12 * i, ty + max(2, px // 20)), (90, 90, 90), -1)
    patch[y : y + px, x : x + px] = code
    return patch, (x, y, px, px)


def _projection(style: HoldUpStyle, w: int, h: int) -> np.ndarray:
    """Homography placing a w x h patch into the frame, tilted and rotated, centred on the code."""
    t, a = math.radians(style.tilt), math.radians(style.angle)
    f = 1.2 * WIDTH
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    pts3 = np.array([[x - w / 2, y - h / 2, 0.0] for x, y in src], np.float64)
    rot_y = np.array([[math.cos(t), 0, math.sin(t)], [0, 1, 0], [-math.sin(t), 0, math.cos(t)]])
    rot_z = np.array([[math.cos(a), -math.sin(a), 0], [math.sin(a), math.cos(a), 0], [0, 0, 1]])
    p = pts3 @ (rot_z @ rot_y).T
    cx, cy = style.center[0] * WIDTH, style.center[1] * HEIGHT
    dst = np.stack([cx + f * p[:, 0] / (f + p[:, 2]), cy + f * p[:, 1] / (f + p[:, 2])], axis=1)
    return cv2.getPerspectiveTransform(src, dst.astype(np.float32))


def compose(text: str, style: HoldUpStyle, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A frame with the credential held up; returns (frame, code corners as a 4x2 float array)."""
    px = max(8, int(style.scale * HEIGHT))
    patch, (x, y, cw, ch) = _object_patch(text, style, px)
    ph, pw = patch.shape[:2]
    # Centre the homography on the code, not on the card.
    shift = np.array([[1, 0, pw / 2 - (x + cw / 2)], [0, 1, ph / 2 - (y + ch / 2)], [0, 0, 1]])
    hmat = _projection(style, pw, ph) @ shift
    frame = background().copy()
    warped = cv2.warpPerspective(patch, hmat, (WIDTH, HEIGHT), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full((ph, pw), 255, np.uint8), hmat, (WIDTH, HEIGHT))
    np.copyto(frame, warped, where=mask[..., None] > 127)
    code_box = np.array([[x, y], [x + cw, y], [x + cw, y + ch], [x, y + ch]], np.float32)
    corners = cv2.perspectiveTransform(code_box[None], hmat)[0]
    rng = np.random.default_rng(seed)
    if style.glare > 0:
        frame = _glare(frame, corners, style.glare, rng)
    if style.blur > 0:
        frame = cv2.GaussianBlur(frame, (0, 0), style.blur)
    if style.noise > 0:
        frame = add_noise(frame, style.noise, rng)
    return frame, corners


def _glare(frame: np.ndarray, corners: np.ndarray, strength: float, rng: np.random.Generator) -> np.ndarray:
    """A soft bright ellipse over part of the code, like a lamp reflected in a glossy card."""
    c = corners.mean(axis=0) + rng.uniform(-0.25, 0.25, 2) * np.ptp(corners, axis=0)
    size = float(np.ptp(corners[:, 0])) * 0.35 + 4
    r = int(size * 2.2)
    x0, y0 = max(0, int(c[0]) - r), max(0, int(c[1]) - r)
    x1, y1 = min(WIDTH, int(c[0]) + r), min(HEIGHT, int(c[1]) + r)
    if x1 <= x0 or y1 <= y0:
        return frame
    layer = np.zeros((y1 - y0, x1 - x0), np.float32)
    cv2.ellipse(
        layer,
        (int(c[0]) - x0, int(c[1]) - y0),
        (int(size), int(size * 0.55)),
        float(rng.uniform(0, 180)),
        0,
        360,
        1.0,
        -1,
        cv2.LINE_AA,
    )
    layer = np.asarray(cv2.GaussianBlur(layer, (0, 0), size * 0.35), np.float32)
    roi = frame[y0:y1, x0:x1].astype(np.float32) + (layer * strength * 255.0)[..., None]
    frame[y0:y1, x0:x1] = np.clip(roi, 0, 255).astype(np.uint8)
    return frame


def add_noise(frame: np.ndarray, sigma: float, rng: np.random.Generator) -> np.ndarray:
    """Gaussian sensor noise (OpenCV's generator, seeded from rng: 4x faster than numpy's)."""
    cv2.setRNGSeed(int(rng.integers(0, 2**31 - 1)))
    noise = np.empty(frame.shape, np.int16)
    cv2.randn(noise, 0.0, float(sigma))  # type: ignore[call-overload]
    return cv2.add(frame, noise, dtype=cv2.CV_8U)
