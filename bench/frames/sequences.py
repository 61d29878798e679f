"""Sequences at 30 fps: a pass held up and moved in front of the camera (time to read).

Motion blur follows from the motion: the code's image displacement during a 1/60 s exposure.
Part of the frozen test material: no decoder parameter was chosen on these.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .camera import Optics
from .sets import CACHE, GENERATOR_VERSION, _base, code_corners
from .shots import Shot, distance_for, photograph
from .symbols import qr_matrix

FPS = 30.0
EXPOSURE_S = 1 / 60
KINDS = ("approach", "wobble", "tilt_to_face", "swipe_in", "thumb_moves_away", "phone_approach")
SEQ_SEED = 20261218
PER_KIND = 4
FRAMES = 60


@dataclass(frozen=True)
class Sequence:
    kind: str
    index: int
    text: str
    shots: tuple[Shot, ...]


def _ease(x: float) -> float:
    x = min(max(x, 0.0), 1.0)
    return 1 - (1 - x) ** 2


def make_sequence(kind: str, index: int, frames: int = FRAMES, seed: int = SEQ_SEED) -> Sequence:
    rng = np.random.default_rng([seed, KINDS.index(kind), index])
    holder = "phone" if kind == "phone_approach" else str(rng.choice(["card", "card", "phone"]))
    b = _base(rng, room_base=seed % 1000 * 100, holder=holder)
    b["optics"] = Optics(base_sigma=float(rng.uniform(0.4, 0.8)))
    n = qr_matrix(b["text"], b["ec"]).shape[0]
    near = distance_for(b["lens"], b["code_mm"], n, float(rng.uniform(3.0, 5.5)))
    far = distance_for(b["lens"], b["code_mm"], n, float(rng.uniform(1.0, 1.4)))
    at0 = (float(rng.uniform(0.35, 0.65)), float(rng.uniform(0.35, 0.65)))
    tremor = [float(rng.uniform(1.5, 4.0)), float(rng.uniform(0, 6.3)), float(rng.uniform(0, 6.3))]
    amp = float(rng.uniform(2, 5)) if kind != "wobble" else float(rng.uniform(6, 12))
    side = float(rng.choice([-1, 1]))
    b["scene_seed"] = int(rng.integers(1 << 31))
    yaw0, pitch0, roll0 = b["yaw"] * 0.5, b["pitch"] * 0.5, b["roll"]
    shots: list[Shot] = []
    for i in range(frames):
        t = i / FPS
        wob = math.sin(2 * math.pi * tremor[0] * t + tremor[1])
        wob2 = math.sin(2 * math.pi * tremor[0] * 0.7 * t + tremor[2])
        d, at, yaw, thumb = near, at0, yaw0 + amp * wob, 0.0
        pitch, roll = pitch0 + amp * 0.6 * wob2, roll0 + amp * 0.4 * wob
        if kind in ("approach", "phone_approach"):
            d = far + (near - far) * _ease(t / 1.5)
        elif kind == "wobble":
            at = (at0[0] + 0.03 * wob2, at0[1] + 0.03 * wob)
        elif kind == "tilt_to_face":
            yaw = side * (75 - 70 * _ease(t / 1.3)) + amp * 0.3 * wob
        elif kind == "swipe_in":
            x = -0.12 + (at0[0] + 0.12) * _ease(t / 0.45)
            at = (x, at0[1] + 0.05 * (1 - _ease(t / 0.45)))
        elif kind == "thumb_moves_away":
            thumb = 0.45 * (1 - _ease(max(0.0, t - 0.5) / 0.8))
        shots.append(Shot(**{**b, "distance_mm": d, "at": at, "yaw": yaw, "pitch": pitch, "roll": roll,
                             "thumb": thumb, "thumb_side": 0, "seed": int(rng.integers(1 << 31))}))
    # motion blur from the code's displacement during the exposure
    out: list[Shot] = []
    for i, s in enumerate(shots):
        prev = shots[i - 1] if i else s
        c1, c0 = code_corners(s), code_corners(prev)
        delta = (c1 - c0).mean(axis=0) * EXPOSURE_S * FPS
        spin = float(np.abs((c1 - c1.mean(0)) - (c0 - c0.mean(0))).max()) * EXPOSURE_S * FPS
        length = min(50.0, float(np.hypot(*delta)) + 0.5 * spin)  # (far outside the frame the
        # distortion model is meaningless; a hand swiping a card in blurs by tens of pixels)
        angle = math.degrees(math.atan2(delta[1], delta[0]))
        out.append(dataclasses.replace(s, optics=Optics(s.optics.base_sigma, 0.0, (length, angle))))
    return Sequence(kind, index, b["text"], tuple(out))


def all_sequences(per_kind: int = PER_KIND) -> list[Sequence]:
    return [make_sequence(k, i) for k in KINDS for i in range(per_kind)]


def _render(shot: Shot) -> tuple[bytes, dict]:
    return photograph(shot)


def load(per_kind: int = PER_KIND, jobs: int = 2, progress: Callable[[str], None] | None = None
         ) -> list[tuple[Sequence, list[bytes], list[dict]]]:
    """Each sequence with its frames (JPEG bytes) and ground truth; cached like the splits."""
    root = CACHE / f"sequences-{GENERATOR_VERSION}-seed{SEQ_SEED}-k{per_kind}-f{FRAMES}"
    seqs = all_sequences(per_kind)
    index = root / "index.json"
    if index.exists():
        meta = json.loads(index.read_text())
        return [(s, [(root / f).read_bytes() for f in m["files"]], m["info"])
                for s, m in zip(seqs, meta, strict=True)]
    shots = [sh for s in seqs for sh in s.shots]
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            rendered = list(pool.map(_render, shots, chunksize=6))
    else:
        rendered = [_render(sh) for sh in shots]
    root.mkdir(parents=True, exist_ok=True)
    out, meta, k = [], [], 0
    for s in seqs:
        files, datas, infos = [], [], []
        for j in range(len(s.shots)):
            data, info = rendered[k]
            k += 1
            name = f"{s.kind}-{s.index}-{j:03d}.jpg"
            (root / name).write_bytes(data)
            files.append(name)
            datas.append(data)
            infos.append(info)
        out.append((s, datas, infos))
        meta.append({"kind": s.kind, "index": s.index, "files": files, "info": infos})
    if progress:
        progress(f"rendered {len(shots)} sequence frames")
    index.write_text(json.dumps(meta))
    return out


def save_strip(seq: Sequence, datas: list[bytes], path: Path, every: int = 6) -> None:
    """A contact strip of a sequence (for looking at it)."""
    import cv2

    from .camera import decode_jpeg

    thumbs = [cv2.resize(decode_jpeg(d), (320, 180), interpolation=cv2.INTER_AREA) for d in datas[::every]]
    rows = [np.hstack(thumbs[i : i + 5] + [np.zeros_like(thumbs[0])] * (5 - len(thumbs[i : i + 5])))
            for i in range(0, len(thumbs), 5)]
    cv2.imwrite(str(path), np.vstack(rows))
