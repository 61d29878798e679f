"""One photograph: what is held up where, under which light, through which camera settings."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np

from . import texture
from .camera import Canvas, H, Lens, Light, Optics, Pose, Sensor, W, expose, project, rasterise, rotation
from .room import clutter, room
from .symbols import qr_matrix


@dataclass(frozen=True)
class Shot:
    text: str | None  # None: no code of ours in the frame
    holder: str = "card"  # card | phone
    dark_mode: bool = False
    ec: str = "M"
    code_mm: float = 28.0  # printed/displayed side of the code
    distance_mm: float = 400.0
    at: tuple[float, float] = (0.5, 0.5)  # where the code's centre is, as fractions of the frame
    yaw: float = 0.0
    pitch: float = 0.0
    roll: float = 0.0
    lens: Lens = field(default_factory=Lens)
    light: Light = field(default_factory=Light)
    optics: Optics = field(default_factory=Optics)
    sensor: Sensor = field(default_factory=Sensor)
    screen_brightness: float = 1.0
    scratches: int = 0
    thumb: float = 0.0  # 0: no thumb; else how far it reaches into the code (fraction of its side)
    thumb_side: int = 0  # 0: from the right edge, 1: from the bottom edge
    posters: int = 1
    labels: int = 1
    near_labels: bool = False
    room_seed: int = 0
    seed: int = 0  # sensor noise
    scene_seed: int | None = None  # clutter and the card's print (None: from `seed`); a sequence keeps it


def distance_for(lens: Lens, code_mm: float, modules: int, px_per_module: float) -> float:
    return lens.f * (code_mm / modules) / px_per_module


_ROOMS: dict[int, tuple[np.ndarray, np.ndarray]] = {}


def _room(seed: int) -> tuple[np.ndarray, np.ndarray]:
    if seed not in _ROOMS:
        if len(_ROOMS) > 64:
            _ROOMS.clear()
        _ROOMS[seed] = room(np.random.default_rng([seed, 99]))
    return _ROOMS[seed]


def photograph(shot: Shot) -> tuple[bytes, dict]:
    """Renders the shot; returns the JPEG bytes and ground truth (code corners, px per module)."""
    rng = np.random.default_rng([shot.seed if shot.scene_seed is None else shot.scene_seed, 7])
    noise_rng = np.random.default_rng([shot.seed, 8])
    bg, emission = _room(shot.room_seed)
    canvas = Canvas.from_background(bg, emission)
    lens = shot.lens
    clutter(canvas, lens, rng, shot.posters, shot.labels, near=shot.near_labels)
    info: dict = {"text": shot.text}
    if shot.text is not None:
        mods = qr_matrix(shot.text, shot.ec)
        n = mods.shape[0]
        code_mm = shot.code_mm
        module_mm = code_mm / n
        tpmm = float(np.clip(5.0 / module_mm, 4.0, 24.0))  # >= 5 texels per module
        if shot.holder == "phone":
            plane = texture.phone(mods, rng, code_mm, tpmm, shot.dark_mode)
        else:
            plane = texture.member_card(mods, rng, code_mm, tpmm)
        aux = texture.scratch_laminate(plane, rng, shot.scratches) if shot.scratches else None
        centre = plane.code_mm.mean(axis=0)
        z = shot.distance_mm
        x, y = shot.at[0] * W, shot.at[1] * H
        t = np.array([(x - lens.cx) / lens.f * z, (y - lens.cy) / lens.f * z, z])
        pose = Pose(rotation(shot.yaw, shot.pitch, shot.roll), t, (float(centre[0]), float(centre[1])))
        r = rasterise(plane, lens, pose, ss=3, aux=aux)
        corners = project(lens, pose, plane.code_mm)
        if r is not None:
            shade = float(np.clip(0.55 + 0.45 * pose.R[2, 2] ** 2, 0.3, 1.0))  # turned away: darker
            canvas.put(r, plane, shade=shade, brightness=shot.screen_brightness, name="holder")
        if shot.thumb > 0:
            _thumb(canvas, lens, pose, plane, shot, rng)
        sides = np.linalg.norm(corners - np.roll(corners, -1, axis=0), axis=1)
        info.update(corners=corners.round(2).tolist(), modules=n, version=(n - 17) // 4,
                    px_per_module=round(float(sides.mean() / n), 3),
                    in_view=bool((corners >= 0).all() and (corners[:, 0] < W).all()
                                 and (corners[:, 1] < H).all()))
        info.update({k: round(v, 4) if isinstance(v, float) else v for k, v in plane.extra.items()})
    data = expose(canvas, shot.light, shot.optics, shot.sensor, noise_rng)
    return data, info


def _thumb(canvas: Canvas, lens: Lens, pose: Pose, plane: texture.Plane, shot: Shot,
           rng: np.random.Generator) -> None:
    """A thumb over one edge of the code, reaching `shot.thumb` of its side into it (the bottom
    right corner of a QR code has no finder pattern, so the thumb comes from there)."""
    c = plane.code_mm
    side = float(c[1, 0] - c[0, 0])
    length = side * float(rng.uniform(0.9, 1.4))
    th = texture.hand(rng, tpmm=6.0, length_mm=length)
    tw, thh = th.size_mm
    along = float(rng.uniform(0.45, 0.75))
    if shot.thumb_side == 0:  # from the right
        tip = np.array([c[1, 0] - shot.thumb * side, c[0, 1] + along * side])
        anchor = (0.0, thh / 2)
        rot = 0.0
    else:  # from below
        tip = np.array([c[0, 0] + along * side, c[3, 1] - shot.thumb * side])
        anchor = (0.0, thh / 2)
        rot = -90.0
    # the thumb lies 8 mm in front of the card, in the card's orientation
    R = pose.R @ rotation(0, 0, rot)
    ax, ay = pose.anchor_mm
    p_card = pose.R @ np.array([tip[0] - ax, tip[1] - ay, -8.0]) + pose.t
    r = rasterise(th, lens, Pose(R, p_card, anchor), ss=2)
    if r is not None:
        canvas.put(r, th, shade=0.9, name="thumb")


def replace(shot: Shot, **kw) -> Shot:
    return dataclasses.replace(shot, **kw)
