"""The evaluation frames: categories, the frozen test split, the tuning split, and their cache.

Every frame is drawn from `np.random.default_rng([split seed, category index, frame index])`, so
a split is reproducible from its seed and the generator version alone. The frames are cached as
the JPEG bytes the camera model produced (bench/out/frames/, gitignored); manifest.json next to
this file holds the seed and a SHA-256 per category of the frozen test split, so a regenerated
split can be checked against the one the docs quote.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .camera import H, Lens, Light, Optics, Pose, Sensor, W, decode_jpeg, project, rotation
from .shots import Shot, distance_for, photograph
from .symbols import long_text, member_pass, qr_matrix

# Bump on any change that alters pixels: it names the cache and the manifest entries, and a new
# version means a new test split (evaluate it once, after the decoder is fixed on the tuning split).
GENERATOR_VERSION = "frames-2"
MANIFEST = Path(__file__).with_name("manifest.json")
CACHE = Path(__file__).resolve().parent.parent / "out" / "frames"


@dataclass(frozen=True)
class Split:
    name: str
    seed: int
    per_category: int


# The test split is frozen: no decoder parameter may be chosen by looking at it. The tuning split
# comes from the same generator with another seed (and, like the old bench, may be looked at).
SPLITS = {
    "test": Split("test", seed=20261217, per_category=60),
    "tuning": Split("tuning", seed=917, per_category=30),
}


def _u(rng: np.random.Generator, a: float, b: float) -> float:
    return float(rng.uniform(a, b))


def _base(rng: np.random.Generator, room_base: int, holder: str = "card") -> dict:
    lens = Lens(hfov_deg=_u(rng, 60, 78), k1=_u(rng, -0.15, 0.0))
    glare = None
    return dict(
        text=member_pass(rng), holder=holder, ec=str(rng.choice(["M"] * 8 + ["L", "Q"])),
        code_mm=_u(rng, 22, 34) if holder == "card" else _u(rng, 30, 50),
        yaw=_u(rng, -20, 20), pitch=_u(rng, -20, 20), roll=_u(rng, -30, 30), lens=lens,
        light=Light(level=_u(rng, 0.5, 1.4), gradient=(_u(rng, -0.25, 0.25), _u(rng, -0.25, 0.25)),
                    vignette=_u(rng, 0.1, 0.4), glare=glare),
        optics=Optics(base_sigma=_u(rng, 0.35, 0.8), defocus=_u(rng, 0, 1.0),
                      motion=(_u(rng, 0, 2.5), _u(rng, 0, 180))),
        sensor=Sensor(full_well=_u(rng, 3000, 9000), read_noise=_u(rng, 2, 6), max_gain=_u(rng, 8, 16),
                      target=_u(rng, 0.16, 0.26), wb_error=(_u(rng, 0.9, 1.1), _u(rng, 0.9, 1.1)),
                      sharpen=_u(rng, 0, 0.9),
                      denoise=_u(rng, 0.3, 0.7) if rng.random() < 0.3 else 0.0,
                      jpeg_quality=int(rng.integers(60, 93))),
        screen_brightness=_u(rng, 0.6, 1.8), posters=int(rng.integers(0, 3)), labels=int(rng.integers(0, 4)),
        room_seed=room_base + int(rng.integers(0, 40)), seed=int(rng.integers(1 << 31)),
    )


def _px(rng: np.random.Generator, a: float = 3.0, b: float = 6.0) -> float:
    return _u(rng, a, b)


def _glare_at(rng: np.random.Generator, px_side: float, peak: tuple[float, float]) -> Callable:
    def make(cx: float, cy: float) -> tuple[float, float, float, float, float]:
        return (cx + _u(rng, -0.3, 0.3) * px_side, cy + _u(rng, -0.3, 0.3) * px_side,
                _u(rng, 0.2, 0.5) * px_side, _u(rng, 0.1, 0.3) * px_side, _u(rng, *peak))
    return make


# category -> (holder, px per module range, changes to the base parameters)
def _category(name: str, rng: np.random.Generator, room_base: int) -> tuple[dict, float]:
    holder = {"phone": "phone", "phone_dark_mode": "phone"}.get(name, "card")
    if name in ("long_v3-11", "mjpg_low_quality", "small_2.5-4px"):
        holder = str(rng.choice(["card", "card", "phone"]))
    b = _base(rng, room_base, holder)
    px = _px(rng)
    if name == "phone":
        b["screen_brightness"] = _u(rng, 0.3, 3.0)
    elif name == "phone_dark_mode":
        b["dark_mode"] = True
        b["screen_brightness"] = _u(rng, 0.3, 3.0)
    elif name == "small_2.5-4px":
        px = _px(rng, 2.5, 4.0)
    elif name == "tiny_1.5-2.5px":
        px = _px(rng, 1.5, 2.5)
    elif name == "steep_angle":
        ang = float(rng.choice([-1, 1])) * _u(rng, 35, 60)
        b["yaw" if rng.random() < 0.6 else "pitch"] = ang
        px = _px(rng, 3.5, 7.0)
    elif name == "defocus":
        b["optics"] = Optics(base_sigma=_u(rng, 0.4, 0.8), defocus=_u(rng, 1.5, 4.0))
        px = _px(rng, 4.0, 9.0)
    elif name == "motion_blur":
        b["optics"] = Optics(base_sigma=_u(rng, 0.4, 0.8), motion=(_u(rng, 4, 14), _u(rng, 0, 180)))
        px = _px(rng, 4.0, 9.0)
    elif name == "dim_noisy":
        b["light"] = Light(level=_u(rng, 0.015, 0.08), gradient=(_u(rng, -0.3, 0.3), 0.0), vignette=0.4)
        b["sensor"] = Sensor(full_well=_u(rng, 3000, 6000), read_noise=_u(rng, 4, 10),
                             max_gain=_u(rng, 2.5, 6),
                             sharpen=_u(rng, 0, 0.6), jpeg_quality=int(rng.integers(55, 85)))
    elif name == "uneven_light_glare":
        b["light_glare"] = (1.0, 4.0)
        b["light_shadow"] = _u(rng, 0.3, 0.7)
        b["light"] = Light(level=_u(rng, 0.5, 1.3), gradient=(_u(rng, -0.8, 0.8), _u(rng, -0.8, 0.8)),
                           vignette=_u(rng, 0.2, 0.5))
    elif name == "scratched_laminate":
        b["scratches"] = int(rng.integers(6, 26))
        b["light_lamp"] = _u(rng, 0.3, 1.5)
        b["light_glare"] = (0.3, 1.5)
    elif name == "long_v3-11":
        b["text"] = long_text(rng, int(rng.integers(3, 12)))
        b["code_mm"] = _u(rng, 30, 48)
        px = _px(rng, 2.5, 5.0)
    elif name == "mjpg_low_quality":
        b["sensor"] = Sensor(full_well=_u(rng, 3000, 9000), jpeg_quality=int(rng.integers(10, 36)),
                             sharpen=_u(rng, 0.2, 0.9))
        px = _px(rng, 2.5, 5.0)
    elif name == "thumb_over_code":
        b["thumb"] = _u(rng, 0.1, 0.3)
        b["thumb_side"] = int(rng.integers(0, 2))
    elif name == "negatives":
        b["text"] = None
        b["labels"] = int(rng.integers(1, 5)) if rng.random() < 0.85 else 0
        b["near_labels"] = True
        b["posters"] = int(rng.integers(1, 4))
    return b, px


CATEGORIES = (
    "card", "phone", "phone_dark_mode", "small_2.5-4px", "tiny_1.5-2.5px", "steep_angle", "defocus",
    "motion_blur", "dim_noisy", "uneven_light_glare", "scratched_laminate", "long_v3-11",
    "mjpg_low_quality", "thumb_over_code", "negatives",
)


def code_corners(shot: Shot) -> np.ndarray:
    """Where the code lands in the frame (without rendering)."""
    s = shot.code_mm / 2
    z = shot.distance_mm
    x, y = shot.at[0] * W, shot.at[1] * H
    t = np.array([(x - shot.lens.cx) / shot.lens.f * z, (y - shot.lens.cy) / shot.lens.f * z, z])
    pose = Pose(rotation(shot.yaw, shot.pitch, shot.roll), t, (0.0, 0.0))
    return project(shot.lens, pose, np.array([[-s, -s], [s, -s], [s, s], [-s, s]]))


def make_shot(split: Split, ci: int, i: int) -> Shot:
    name = CATEGORIES[ci]
    rng = np.random.default_rng([split.seed, ci, i])
    b, px = _category(name, rng, room_base=split.seed % 100_000 * 100)
    glare, shadow, lamp = b.pop("light_glare", None), b.pop("light_shadow", None), b.pop("light_lamp", 0.0)
    if b["text"] is None:
        b["at"] = (0.5, 0.5)
        return Shot(**b)
    n = qr_matrix(b["text"], b["ec"]).shape[0]
    b["distance_mm"] = distance_for(b["lens"], b["code_mm"], n, px)
    side_px = px * n
    for _ in range(50):  # a place where the whole code is in the frame
        m = min(0.45, side_px * 0.75 / H + 0.02), min(0.45, side_px * 0.75 / W + 0.02)
        b["at"] = (_u(rng, m[1], 1 - m[1]), _u(rng, m[0], 1 - m[0]))
        c = code_corners(Shot(**b))
        if (c >= 2).all() and (c[:, 0] < W - 2).all() and (c[:, 1] < H - 2).all():
            break
        b["distance_mm"] *= 1.03
    cx, cy = code_corners(Shot(**b)).mean(axis=0)
    light = b["light"]
    if glare:
        light = Light(light.level, light.gradient, light.vignette, light.shadow,
                      _glare_at(rng, side_px, glare)(float(cx), float(cy)), lamp)
    if shadow:
        light = Light(light.level, light.gradient, light.vignette,
                      (float(cx + _u(rng, -1, 1) * side_px), float(cy + _u(rng, -1, 1) * side_px),
                       side_px * _u(rng, 0.5, 1.2), shadow), light.glare, light.lamp)
    if lamp:
        light = Light(light.level, light.gradient, light.vignette, light.shadow, light.glare, lamp)
    b["light"] = light
    return Shot(**b)


@dataclass(frozen=True)
class Frame:
    category: str
    index: int
    text: str | None
    jpeg: bytes
    info: dict

    def image(self) -> np.ndarray:
        return decode_jpeg(self.jpeg)


def _render(args: tuple[Split, int, int]) -> tuple[bytes, dict]:
    split, ci, i = args
    return photograph(make_shot(split, ci, i))


def _cache_dir(split: Split, per_category: int) -> Path:
    return CACHE / f"{split.name}-{GENERATOR_VERSION}-seed{split.seed}-n{per_category}"


def load(split_name: str, per_category: int | None = None, jobs: int = 2,
         progress: Callable[[str], None] | None = None) -> list[Frame]:
    """The split's frames, from the cache or rendered (and cached)."""
    split = SPLITS[split_name]
    n = per_category or split.per_category
    root = _cache_dir(split, n)
    index = root / "index.jsonl"
    if index.exists():
        frames = []
        for line in index.read_text().splitlines():
            rec = json.loads(line)
            frames.append(Frame(rec["category"], rec["index"], rec["info"]["text"],
                                (root / rec["file"]).read_bytes(), rec["info"]))
        return frames
    todo = [(split, ci, i) for ci in range(len(CATEGORIES)) for i in range(n)]
    frames = []
    with ProcessPoolExecutor(max_workers=jobs) if jobs > 1 else _Serial() as pool:
        for k, (data, info) in enumerate(pool.map(_render, todo, chunksize=8)):
            _s, ci, i = todo[k]
            frames.append(Frame(CATEGORIES[ci], i, info["text"], data, info))
            if progress and (k + 1) % 100 == 0:
                progress(f"rendered {k + 1}/{len(todo)} frames of the {split.name} split")
    root.mkdir(parents=True, exist_ok=True)
    lines = []
    for f in frames:
        name = f"{f.category}-{f.index:03d}.jpg"
        (root / name).write_bytes(f.jpeg)
        lines.append(json.dumps({"category": f.category, "index": f.index, "file": name, "info": f.info}))
    index.write_text("\n".join(lines) + "\n")
    return frames


class _Serial:
    def __enter__(self) -> _Serial:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def map(self, fn: Callable, items: list, chunksize: int = 1) -> Iterator:
        return map(fn, items)


def checksums(frames: list[Frame]) -> dict[str, str]:
    out: dict[str, hashlib._Hash] = {}
    for f in frames:
        out.setdefault(f.category, hashlib.sha256()).update(f.jpeg)
    return {k: v.hexdigest() for k, v in out.items()}


def check_manifest(split_name: str, frames: list[Frame], per_category: int | None = None) -> list[str]:
    """Categories whose frames differ from the manifest (other OpenCV/Pillow/numpy builds can
    change pixels); empty when the split is the one the docs quote."""
    split = SPLITS[split_name]
    if not MANIFEST.exists() or (per_category or split.per_category) != split.per_category:
        return ["(no manifest for this size)"]
    m = json.loads(MANIFEST.read_text())
    want = m.get("splits", {}).get(split_name, {}).get("sha256", {})
    got = checksums(frames)
    return [c for c in CATEGORIES if want.get(c) != got.get(c)]
