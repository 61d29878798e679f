"""A webcam model: pinhole projection with lens distortion, supersampled rasterisation of flat
objects, room lighting, defocus/motion PSFs, a Bayer sensor with shot and read noise, a small ISP
and MJPG compression (Pillow's JPEG encoder).

Everything happens in linear light; nothing is shared with kiosk/camera/scene.py (which warps a
code with cv2.warpPerspective, blurs with a Gaussian and adds Gaussian noise to sRGB values).
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image

from .texture import Plane

W, H = 1280, 720
_LUT_TO_LIN = ((np.arange(256) / 255.0) ** 2.2).astype(np.float32)


def to_linear(srgb: np.ndarray) -> np.ndarray:
    return _LUT_TO_LIN[srgb]


@dataclass(frozen=True)
class Lens:
    hfov_deg: float = 70.0
    k1: float = -0.05  # radial distortion (barrel < 0), on coordinates normalised by f
    cx: float = W / 2
    cy: float = H / 2

    @property
    def f(self) -> float:
        return (W / 2) / math.tan(math.radians(self.hfov_deg) / 2)


def rotation(yaw: float, pitch: float, roll: float) -> np.ndarray:
    """Card orientation in degrees: yaw about the vertical axis, pitch about the horizontal one,
    roll in the image plane (a card facing the camera has all three at zero)."""
    a, b, c = (math.radians(v) for v in (yaw, pitch, roll))
    ry = np.array([[math.cos(a), 0, math.sin(a)], [0, 1, 0], [-math.sin(a), 0, math.cos(a)]])
    rx = np.array([[1, 0, 0], [0, math.cos(b), -math.sin(b)], [0, math.sin(b), math.cos(b)]])
    rz = np.array([[math.cos(c), -math.sin(c), 0], [math.sin(c), math.cos(c), 0], [0, 0, 1]])
    return rz @ rx @ ry


@dataclass(frozen=True)
class Pose:
    R: np.ndarray  # 3x3
    t: np.ndarray  # (3,) mm: where the plane's anchor point sits in camera coordinates
    anchor_mm: tuple[float, float] = (0.0, 0.0)  # the point of the plane placed at t


def homography(lens: Lens, pose: Pose) -> np.ndarray:
    """(u, v, 1) in plane millimetres -> ideal (undistorted) pixel coordinates."""
    K = np.array([[lens.f, 0, lens.cx], [0, lens.f, lens.cy], [0, 0, 1]])
    ax, ay = pose.anchor_mm
    r1, r2 = pose.R[:, 0], pose.R[:, 1]
    t = pose.t - pose.R @ np.array([ax, ay, 0.0])
    return K @ np.stack([r1, r2, t], axis=1)


def undistort(lens: Lens, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    xn, yn = (x - lens.cx) / lens.f, (y - lens.cy) / lens.f
    s = 1 + lens.k1 * (xn * xn + yn * yn)
    return lens.cx + xn * s * lens.f, lens.cy + yn * s * lens.f


def distort(lens: Lens, pts: np.ndarray) -> np.ndarray:
    u = (pts - [lens.cx, lens.cy]) / lens.f
    d = u.copy()
    for _ in range(8):
        d = u / (1 + lens.k1 * (d**2).sum(axis=1, keepdims=True))
    return d * lens.f + [lens.cx, lens.cy]


def project(lens: Lens, pose: Pose, pts_mm: np.ndarray) -> np.ndarray:
    """Plane points (mm) -> distorted pixel coordinates."""
    hm = homography(lens, pose)
    p = np.c_[pts_mm, np.ones(len(pts_mm))] @ hm.T
    return distort(lens, p[:, :2] / p[:, 2:3])


@dataclass
class Rendered:
    x0: int
    y0: int
    rgb: np.ndarray  # linear albedo or emitted radiance, hxwx3 float32
    alpha: np.ndarray  # coverage hxw
    emissive: np.ndarray  # hxw share that glows
    aux: np.ndarray  # hxw extra map (laminate scratches)


def rasterise(plane: Plane, lens: Lens, pose: Pose, ss: int = 3, aux: np.ndarray | None = None
              ) -> Rendered | None:
    """Samples the plane at ss x ss points per output pixel and averages them (pixel area)."""
    pw, ph = plane.size_mm
    corners = project(lens, pose, np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], float))
    lo = np.floor(corners.min(axis=0)).astype(int) - 1
    hi = np.ceil(corners.max(axis=0)).astype(int) + 1
    x0, y0 = max(0, lo[0]), max(0, lo[1])
    x1, y1 = min(W, hi[0]), min(H, hi[1])
    if x1 <= x0 or y1 <= y0:
        return None
    w, h = x1 - x0, y1 - y0
    xs = x0 + (np.arange(w * ss, dtype=np.float32) + 0.5) / ss
    ys = y0 + (np.arange(h * ss, dtype=np.float32) + 0.5) / ss
    gx, gy = np.meshgrid(xs, ys)
    ux, uy = undistort(lens, gx, gy)
    hinv = np.linalg.inv(homography(lens, pose))
    den = hinv[2, 0] * ux + hinv[2, 1] * uy + hinv[2, 2]
    u = (hinv[0, 0] * ux + hinv[0, 1] * uy + hinv[0, 2]) / den
    v = (hinv[1, 0] * ux + hinv[1, 1] * uy + hinv[1, 2]) / den
    th, tw = plane.texture.shape[:2]
    mx = (u * (tw / pw) - 0.5).astype(np.float32)
    my = (v * (th / ph) - 0.5).astype(np.float32)
    lin = to_linear(plane.texture)
    rgb = cv2.remap(lin, mx, my, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    a_src = (plane.alpha.astype(np.float32) / 255.0 if plane.alpha is not None
             else np.ones((th, tw), np.float32))
    chans = [a_src, plane.emissive if plane.emissive is not None else np.zeros((th, tw), np.float32),
             aux if aux is not None else np.zeros((th, tw), np.float32)]
    side = cv2.remap(np.dstack(chans).astype(np.float32), mx, my, cv2.INTER_LINEAR,
                     borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    if plane.pattern is not None:
        pat = plane.pattern(u, v).astype(np.float32)
        rgb = rgb * (1 - side[..., 1:2] + side[..., 1:2] * pat[..., None])
    rgb = cv2.resize(rgb, (w, h), interpolation=cv2.INTER_AREA)
    side = cv2.resize(side, (w, h), interpolation=cv2.INTER_AREA)
    alpha = side[..., 0]
    safe = np.maximum(alpha, 1e-4)[..., None]
    # rgb was averaged with zeros outside the plane: un-premultiply where partly covered
    return Rendered(x0, y0, rgb / safe, alpha, side[..., 1] / safe[..., 0], side[..., 2] / safe[..., 0])


@dataclass
class Canvas:
    """Linear-light layers of a frame under construction."""

    albedo: np.ndarray
    emission: np.ndarray
    gloss: np.ndarray
    glint: np.ndarray  # scattering (laminate scratches): lit by the lamp, not by ambient light
    masks: dict[str, np.ndarray] = field(default_factory=dict)
    behind: tuple[np.ndarray, ...] | None = None  # the layers before the held-up object was put

    @classmethod
    def from_background(cls, bg_srgb: np.ndarray, bg_emission: np.ndarray | None = None) -> Canvas:
        alb = to_linear(bg_srgb)
        em = bg_emission if bg_emission is not None else np.zeros_like(alb)
        return cls(alb.copy(), em.copy(), np.zeros((H, W), np.float32), np.zeros((H, W), np.float32))

    def put(self, r: Rendered, plane: Plane, shade: float = 1.0, brightness: float = 1.0,
            name: str | None = None) -> None:
        sl = (slice(r.y0, r.y0 + r.rgb.shape[0]), slice(r.x0, r.x0 + r.rgb.shape[1]))
        if name in MOVING and self.behind is None:
            self.behind = (self.albedo.copy(), self.emission.copy(), self.gloss.copy(), self.glint.copy())
        a = r.alpha[..., None]
        e = r.emissive[..., None]
        alb = r.rgb * (1 - e) * shade + 0.04 * e  # a screen reflects like glass
        emi = r.rgb * e * brightness
        self.albedo[sl] = self.albedo[sl] * (1 - a) + alb * a
        self.emission[sl] = self.emission[sl] * (1 - a) + emi * a
        self.gloss[sl] = self.gloss[sl] * (1 - r.alpha) + plane.glossy * r.alpha
        self.glint[sl] = self.glint[sl] * (1 - r.alpha) + r.aux * r.alpha
        if name:
            m = np.zeros((H, W), np.float32)
            m[sl] = r.alpha
            for k in self.masks:
                self.masks[k] *= 1 - m
            self.masks[name] = m


MOVING = ("holder", "thumb")  # what the hand moves and the lens focuses on: only these get blurred


@dataclass(frozen=True)
class Light:
    level: float = 1.0  # ambient illumination, 1 = an office
    gradient: tuple[float, float] = (0.0, 0.0)  # relative change across the frame in x, y
    vignette: float = 0.25
    shadow: tuple[float, float, float, float] | None = None  # cx, cy, radius (px), depth 0..1
    glare: tuple[float, float, float, float, float] | None = None  # cx, cy, rx, ry (px), peak
    lamp: float = 0.0  # lamp light that the laminate scratches scatter


_YY, _XX = np.mgrid[0:H, 0:W].astype(np.float32)


def illumination(light: Light) -> np.ndarray:
    yy, xx = _YY, _XX
    xn, yn = xx / W - 0.5, yy / H - 0.5
    field_ = 1 + light.gradient[0] * xn * 2 + light.gradient[1] * yn * 2
    r2 = (xn * 2) ** 2 * 0.6 + (yn * 2) ** 2 * 0.6
    field_ *= 1 - light.vignette * np.clip(r2, 0, 1.5) / 1.5
    if light.shadow:
        cx, cy, rad, depth = light.shadow
        d = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2) / rad
        field_ *= 1 - depth * np.clip(1.5 - d, 0, 1)
    return np.maximum(field_, 0.02) * light.level


def glare_map(light: Light) -> np.ndarray | None:
    if not light.glare:
        return None
    cx, cy, rx, ry, peak = light.glare
    yy, xx = _YY, _XX
    g = np.exp(-(((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2) * 2.0)
    return g * peak


def disc_kernel(radius: float) -> np.ndarray:
    r = max(radius, 0.5)
    n = int(math.ceil(r)) * 2 + 1
    k = np.zeros((n * 4, n * 4), np.float32)
    cv2.circle(k, (n * 2, n * 2), int(round(r * 4)), 1.0, -1, cv2.LINE_AA)
    k = cv2.resize(k, (n, n), interpolation=cv2.INTER_AREA)
    return k / k.sum()


def line_kernel(length: float, angle_deg: float) -> np.ndarray:
    n = int(math.ceil(length)) | 1
    n = max(n, 3)
    k = np.zeros((n * 4, n * 4), np.float32)
    c = n * 2
    dx, dy = math.cos(math.radians(angle_deg)) * length * 2, math.sin(math.radians(angle_deg)) * length * 2
    cv2.line(k, (int(c - dx), int(c - dy)), (int(c + dx), int(c + dy)), 1.0, 2, cv2.LINE_AA)
    k = cv2.resize(k, (n, n), interpolation=cv2.INTER_AREA)
    return k / k.sum()


@dataclass(frozen=True)
class Optics:
    """base_sigma blurs the whole frame; defocus and motion only the held-up object (the camera
    is fixed and focused on the room; the hand moves the card and holds it too close)."""

    base_sigma: float = 0.5  # lens + sensor MTF
    defocus: float = 0.0  # disc radius in px
    motion: tuple[float, float] = (0.0, 0.0)  # length px, angle deg


@dataclass(frozen=True)
class Sensor:
    full_well: float = 5000.0  # electrons at white paper in office light, before gain
    read_noise: float = 3.0  # electrons
    max_gain: float = 12.0
    target: float = 0.22  # linear mean the auto exposure aims for
    wb_error: tuple[float, float] = (1.0, 1.0)  # red and blue gain errors
    sharpen: float = 0.5
    denoise: float = 0.0
    jpeg_quality: int = 80


def expose(canvas: Canvas, light: Light, optics: Optics, sensor: Sensor, rng: np.random.Generator
           ) -> bytes:
    """Scene radiance -> optics -> Bayer sensor -> ISP -> JPEG bytes (what an MJPG webcam sends)."""
    illum = illumination(light)[..., None]
    g = glare_map(light)

    def shade(albedo: np.ndarray, emission: np.ndarray, gloss: np.ndarray, glint: np.ndarray) -> np.ndarray:
        rad = albedo * illum + emission
        if g is not None:
            rad += (gloss * g)[..., None]
        if light.lamp > 0:
            rad += (glint * light.lamp)[..., None]
        return rad

    radiance = shade(canvas.albedo, canvas.emission, canvas.gloss, canvas.glint)
    kernels = []
    if optics.defocus > 0.5:
        kernels.append(disc_kernel(optics.defocus))
    if optics.motion[0] > 1.0:
        kernels.append(line_kernel(*optics.motion))
    if kernels:
        masks = [canvas.masks[k] for k in MOVING if k in canvas.masks]
        if masks and canvas.behind is not None:
            # a blurred object over a sharp room: blur(object * mask) + room * (1 - blur(mask))
            m = np.clip(sum(masks), 0, 1).astype(np.float32)
            obj, cover = radiance * m[..., None], m
            for k in kernels:
                obj, cover = cv2.filter2D(obj, -1, k), cv2.filter2D(cover, -1, k)
            radiance = obj + shade(*canvas.behind) * (1 - cover)[..., None]
        else:
            for k in kernels:
                radiance = cv2.filter2D(radiance, -1, k)
    radiance = cv2.GaussianBlur(radiance, (0, 0), optics.base_sigma)
    # auto exposure: electrons per unit radiance, limited by the maximum gain
    mean = float(radiance.mean()) + 1e-6
    gain = min(sensor.max_gain, sensor.target / mean)
    electrons = radiance * sensor.full_well
    # RGGB mosaic
    raw = np.empty((H, W), np.float32)
    raw[0::2, 0::2] = electrons[0::2, 0::2, 0]
    raw[0::2, 1::2] = electrons[0::2, 1::2, 1]
    raw[1::2, 0::2] = electrons[1::2, 0::2, 1]
    raw[1::2, 1::2] = electrons[1::2, 1::2, 2]
    raw = np.maximum(raw, 0)
    noisy = raw + rng.standard_normal(raw.shape, dtype=np.float32) * np.sqrt(raw + sensor.read_noise**2)
    dn = np.clip(noisy * gain / sensor.full_well * 4095.0, 0, 4095).astype(np.uint16)
    rgb16 = cv2.cvtColor(dn, cv2.COLOR_BayerBG2RGB)  # OpenCV names the pattern from the 2nd row
    lin = rgb16.astype(np.float32) / 4095.0
    lin[..., 0] *= sensor.wb_error[0]
    lin[..., 2] *= sensor.wb_error[1]
    if sensor.denoise > 0:
        lin = cv2.GaussianBlur(lin, (0, 0), sensor.denoise)
    out = np.clip(lin, 0, 1) ** (1 / 2.2)
    if sensor.sharpen > 0:
        out = out + sensor.sharpen * (out - cv2.GaussianBlur(out, (0, 0), 1.0))
    srgb = np.clip(out * 255.0 + 0.5, 0, 255).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(srgb).save(buf, "JPEG", quality=int(sensor.jpeg_quality), subsampling=2)
    return buf.getvalue()


def decode_jpeg(data: bytes) -> np.ndarray:
    return cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
