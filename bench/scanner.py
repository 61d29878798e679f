"""Scanner benchmark on the demo camera's renderer: decode rate and speed, idle CPU, latency.

    python -m bench.scanner [--per-category 20] [--seed 1] [--idle-s 5]

These frames come from kiosk/camera/scene.py, the renderer the pipeline was first tuned with: they
are a tuning set, not evidence. The quality figures docs/scanner.md and the README quote come from
the frozen test split of `python -m bench.decode_eval`. This bench compares, on the same frames in
the same run, our pipeline (kiosk.scanner.QrDecoder) and its ablations, one plain zxing-cpp call
and OpenCV's QRCodeDetector, and measures the idle loop and the scan latency in threads.
Writes bench/out/scanner.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import random
import resource
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import zxingcpp

from kiosk.camera.scene import HoldUpStyle, add_noise, background, compose
from kiosk.scanner import DecoderOptions, QrDecoder

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


def generate(seed: int = 1, per_category: int = 20,
             categories: tuple[str, ...] = CATEGORIES) -> Iterator[Sample]:
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


# --- decoders under test --------------------------------------------------------------------

Decoder = Callable[[np.ndarray], str | None]


def ours(options: DecoderOptions | None = None) -> Decoder:
    dec = QrDecoder(options)

    def run(frame: np.ndarray) -> str | None:
        det = dec.decode(frame)
        return det.text if det else None

    return run


def plain_zxing(frame: np.ndarray) -> str | None:
    res = zxingcpp.read_barcodes(frame, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode))
    return res[0].text if res else None


def opencv() -> Decoder:
    det = cv2.QRCodeDetector()

    def run(frame: np.ndarray) -> str | None:
        text, _, _ = det.detectAndDecode(frame)
        return text or None

    return run


def decoders() -> dict[str, Decoder]:
    o = DecoderOptions()
    return {
        "ours": ours(),
        "plain zxing-cpp": plain_zxing,
        "opencv QRCodeDetector": opencv(),
        "ours, no half-res first": ours(dataclasses.replace(o, half_first=False)),
        "ours, full pass without zxing downscale": ours(dataclasses.replace(o, full_like_plain=False)),
        "ours, retry LocalAverage only": ours(dataclasses.replace(o, retry_binarizers=("local",))),
        "ours, no retry near errors": ours(dataclasses.replace(o, retry_near_errors=False)),
    }


def rate_table(samples: list[Sample]) -> dict[str, dict]:
    """Every decoder sees the same frames in the same (shuffled, seeded) order, like a stream."""
    order = samples[:]
    random.Random(7).shuffle(order)
    out: dict[str, dict] = {}
    for name, fn in decoders().items():
        for s in order[:5]:  # warm up (first calls allocate)
            fn(s.frame)
        ok: Counter[str] = Counter()
        ms: list[float] = []
        for s in order:
            t0 = time.perf_counter()
            text = fn(s.frame)
            ms.append((time.perf_counter() - t0) * 1000)
            ok[s.category] += (text == s.text) if s.text else (text is None)
        readable = [s for s in samples if s.text]
        out[name] = {
            "read": sum(ok[c] for c in CATEGORIES if c != "empty"),
            "readable": len(readable),
            "per_category": dict(ok),
            "ms_median": statistics.median(ms),
            "ms_p95": float(np.percentile(ms, 95)),
        }
    return out


# --- the whole loop in threads: idle CPU and latency -----------------------------------------

class ScriptedSource:
    """Empty hallway frames until `show()`; then a code. Records when the first code frame left."""

    paced = False
    name = "bench"

    def __init__(self, fps: float = 30.0):
        self.fps = fps
        rng = np.random.default_rng(5)
        self._empty = [add_noise(background(), 2.5, rng) for _ in range(3)]
        self._code: np.ndarray | None = None
        self.first_code_at: float | None = None
        self._n = 0

    def show(self, frame: np.ndarray | None) -> None:
        self._code, self.first_code_at = frame, None

    def open(self) -> None: ...

    def close(self) -> None: ...

    def read(self) -> np.ndarray | None:
        self._n += 1
        code = self._code
        if code is None:
            return self._empty[self._n % 3]
        if self.first_code_at is None:
            self.first_code_at = time.monotonic()
        return code


def threaded_loop(idle_s: float, trials: int) -> dict:
    from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer, Slot

    from kiosk.camera.decode_worker import DecodeWorker
    from kiosk.camera.worker import CameraWorker

    app = QCoreApplication.instance() or QCoreApplication([])

    class Sink(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.events: list = []
            self.previews = 0

        @Slot(object)
        def scanned(self, e: object) -> None:
            self.events.append(e)

        @Slot(object)
        def preview(self, _img: object) -> None:
            self.previews += 1

    def spin(seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()

    source = ScriptedSource()
    decoder = DecodeWorker()
    camera = CameraWorker(source, sink=decoder.submit, preview_fps=15)
    sink = Sink()
    decoder.scanned.connect(sink.scanned)
    camera.preview.connect(sink.preview)
    decoder.start()
    camera.start()
    try:
        spin(1.0)  # warm up
        f0, busy0, cpu0, wall0 = camera.frames, decoder.busy_s, time.process_time(), time.monotonic()
        ru0 = resource.getrusage(resource.RUSAGE_SELF)
        spin(idle_s)
        wall = time.monotonic() - wall0
        ru1 = resource.getrusage(resource.RUSAGE_SELF)
        idle = {
            "seconds": wall,
            "fps": (camera.frames - f0) / wall,
            "cpu_share_of_one_core": (time.process_time() - cpu0) / wall,
            "user_sys_s": (ru1.ru_utime - ru0.ru_utime + ru1.ru_stime - ru0.ru_stime),
            "decode_ms_per_frame": (decoder.busy_s - busy0) * 1000 / max(1, camera.frames - f0),
            "previews_per_s": sink.previews / (wall + 1.0),
        }
        lat: list[float] = []
        rng = np.random.default_rng(11)
        for i in range(trials):
            style = HoldUpStyle(scale=float(rng.uniform(0.2, 0.35)), tilt=float(rng.uniform(-20, 20)),
                                phone=bool(i % 2), center=(float(rng.uniform(0.35, 0.65)), 0.5))
            frame, _ = compose(member_code(rng), style, seed=i)
            before = len(sink.events)
            source.show(frame)
            deadline = time.monotonic() + 3.0
            while len(sink.events) == before and time.monotonic() < deadline:
                spin(0.01)
            if len(sink.events) > before and source.first_code_at is not None:
                lat.append((sink.events[-1].decoded_at - source.first_code_at) * 1000)
            source.show(None)
            spin(0.3)
    finally:
        camera.stop()
        decoder.stop()
    del app
    return {"idle": idle, "latency_ms": lat, "dropped": decoder.dropped, "submitted": decoder.submitted}


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-category", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--idle-s", type=float, default=5.0)
    ap.add_argument("--trials", type=int, default=10)
    args = ap.parse_args()
    machine = f"{cpu_name()}, {os.cpu_count()} cores, OpenCV {cv2.__version__}, zxing-cpp"
    print(f"machine: {machine}")
    t0 = time.perf_counter()
    samples = list(generate(args.seed, args.per_category))
    print(f"{len(samples)} frames of 1280x720 in {len(CATEGORIES)} categories "
          f"(seed {args.seed}, generated in {time.perf_counter() - t0:.1f} s)\n")
    table = rate_table(samples)
    short = {c: c[:6] for c in CATEGORIES}
    print(f"{'decoder':32s} {'read':>8s} {'med ms':>7s} {'p95 ms':>7s}  " + " ".join(f"{short[c]:>6s}"
                                                                               for c in CATEGORIES))
    for name, r in table.items():
        cells = " ".join(f"{r['per_category'].get(c, 0):>6d}" for c in CATEGORIES)
        read = f"{r['read']:>3d}/{r['readable']:<4d}"
        print(f"{name:32s} {read} {r['ms_median']:>7.2f} {r['ms_p95']:>7.2f}  {cells}")
    print(f"(per category: frames read correctly out of {args.per_category}; for 'empty': no false read)\n")
    loop = threaded_loop(args.idle_s, args.trials)
    idle = loop["idle"]
    print(f"idle loop, nothing in view, 1280x720 at {idle['fps']:.1f} fps for {idle['seconds']:.1f} s: "
          f"CPU {idle['cpu_share_of_one_core'] * 100:.1f} % of one core "
          f"(decode {idle['decode_ms_per_frame']:.2f} ms/frame, preview {idle['previews_per_s']:.0f}/s)")
    lat = loop["latency_ms"]
    if lat:
        print(f"first readable frame -> scanned event: median {statistics.median(lat):.0f} ms, "
              f"max {max(lat):.0f} ms over {len(lat)}/{args.trials} trials "
              f"(a code counts after 2 reads; frames dropped {loop['dropped']}/{loop['submitted']})")
    out = Path(__file__).parent / "out"
    out.mkdir(exist_ok=True)
    (out / "scanner.json").write_text(json.dumps({"machine": machine, "seed": args.seed,
                                                  "per_category": args.per_category, "decoders": table,
                                                  "loop": loop}, indent=1))
    print(f"\nwritten to {out / 'scanner.json'}")


if __name__ == "__main__":
    main()
