"""Decoder evaluation on frames nobody tuned it on: the frozen test split of bench/frames/.

    python -m bench.decode_eval                 # frozen test split + time-to-read sequences
    python -m bench.decode_eval --split tuning --ablations   # where parameters are chosen

Compares kiosk.scanner.QrDecoder with one plain `zxingcpp.read_barcodes(frame,
formats=QRCode)` call on the same frames in the same run: per category with 95 % Wilson
intervals, paired with an exact McNemar test on the discordant frames; then the time from a
code's first visibility to the scan event on 30 fps sequences, both through RepeatFilter.
Frames are rendered once and cached under bench/out/frames/; bench/frames/manifest.json holds the
seeds and checksums of the split the docs quote. Writes bench/out/decode_eval-<split>.json.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import zxingcpp

from bench.frames import sequences as seqmod
from bench.frames.sets import CATEGORIES, GENERATOR_VERSION, MANIFEST, SPLITS, check_manifest, checksums, load
from bench.stats import mcnemar_exact, wilson
from kiosk.scanner import DecoderOptions, QrDecoder, RepeatFilter

OUT = Path(__file__).parent / "out"
_FAMILY = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)

# A decoder here: frame -> list of texts it reports (ours reports at most one).
Reader = Callable[[np.ndarray], list[str]]


def plain(frame: np.ndarray) -> list[str]:
    """What the issue compares against: one zxing-cpp call on the full frame, default options."""
    return [bc.text for bc in zxingcpp.read_barcodes(frame, formats=_FAMILY)]


def ours(options: DecoderOptions | None = None, cls: type = QrDecoder) -> Reader:
    dec = cls(options) if options is not None else cls()

    def run(frame: np.ndarray) -> list[str]:
        det = dec.decode(frame)
        return [det.text] if det else []

    return run


def _load_other(path: str) -> type:
    spec = importlib.util.spec_from_file_location("other_scanner", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod.QrDecoder


def readers(args: argparse.Namespace) -> dict[str, Reader]:
    r: dict[str, Reader] = {"ours": ours(), "plain zxing-cpp": plain}
    if args.compare_file:
        r[f"other ({args.compare_file})"] = ours(cls=_load_other(args.compare_file))
    if args.ablations:
        o = DecoderOptions()
        r["ours, no half-res pass"] = ours(replace(o, half_first=False))
        r["ours, full pass without zxing downscale"] = ours(replace(o, full_like_plain=False))
        r["ours, full pass GlobalHistogram"] = ours(replace(o, full_binarizer="global"))
        r["ours, retry LocalAverage only"] = ours(replace(o, retry_binarizers=("local",)))
        r["ours, retry + FixedThreshold"] = ours(replace(o, retry_binarizers=("local", "global", "fixed")))
        r["ours, retry images up to 1280 px"] = ours(replace(o, retry_max_side=1280))
        r["ours, retry 1 located code"] = ours(replace(o, retry_max_codes=1))
        r["ours, no retry near errors"] = ours(replace(o, retry_near_errors=False))
    return r


def score(frames: list, images: list[np.ndarray], fn: Reader) -> dict:
    ok, wrong, ms, cpu = [], [], [], []
    for _ in range(3):  # warm-up: first calls allocate
        fn(images[0])
    for f, img in zip(frames, images, strict=True):
        t0, c0 = time.perf_counter(), time.process_time()
        texts = fn(img)
        ms.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)  # CPU time: less sensitive to other load
        ok.append((f.text in texts) if f.text is not None else not texts)
        wrong.append(any(t != f.text for t in texts))
    return {"ok": ok, "wrong": wrong, "ms": ms, "cpu_ms": cpu}


def _pct(k: int, n: int) -> str:
    lo, hi = wilson(k, n)
    return f"{k:3d}/{n:<3d} {100 * k / max(n, 1):5.1f} % [{100 * lo:4.1f}, {100 * hi:5.1f}]"


def category_table(frames: list, res: dict[str, dict], a: str, b: str) -> tuple[list[str], list[dict]]:
    lines = [f"{'category':20s} {a + ' (95 % CI)':>30s} {b + ' (95 % CI)':>30s} "
             f"{'only A':>6s} {'only B':>6s} {'McNemar p':>9s}"]
    rows = []
    groups = [(c, [i for i, f in enumerate(frames) if f.category == c]) for c in CATEGORIES]
    pos = [i for i, f in enumerate(frames) if f.text is not None]
    for name, idx in groups + [("all with a code", pos)]:
        if not idx:
            continue
        ka = sum(res[a]["ok"][i] for i in idx)
        kb = sum(res[b]["ok"][i] for i in idx)
        only_a = sum(res[a]["ok"][i] and not res[b]["ok"][i] for i in idx)
        only_b = sum(res[b]["ok"][i] and not res[a]["ok"][i] for i in idx)
        p = mcnemar_exact(only_a, only_b)
        label = name if name != "negatives" else "negatives (no read)"
        if name == "all with a code":
            lines.append("-" * 108)
        lines.append(f"{label:20s} {_pct(ka, len(idx)):>30s} {_pct(kb, len(idx)):>30s} "
                     f"{only_a:6d} {only_b:6d} {p:9.3g}")
        rows.append({"category": name, "n": len(idx), "a": ka, "b": kb, "only_a": only_a, "only_b": only_b,
                     "mcnemar_p": p, "a_ci": wilson(ka, len(idx)), "b_ci": wilson(kb, len(idx))})
    return lines, rows


def timing_lines(frames: list, res: dict[str, dict]) -> list[str]:
    out = [f"{'decoder':42s} {'read':>8s} {'wrong':>5s} {'med ms':>7s} {'p95 ms':>7s} "
           f"{'med, code':>9s} {'med, none':>9s} {'max ms':>7s} {'med CPU ms':>10s}"]
    pos = [i for i, f in enumerate(frames) if f.text is not None]
    neg = [i for i, f in enumerate(frames) if f.text is None]
    for name, r in res.items():
        ms = r["ms"]
        read = sum(r["ok"][i] for i in pos)
        wrong = sum(r["wrong"])
        out.append(f"{name[:42]:42s} {read:4d}/{len(pos):<4d}{wrong:5d} {statistics.median(ms):7.2f} "
                   f"{np.percentile(ms, 95):7.2f} {statistics.median([ms[i] for i in pos]):9.2f} "
                   f"{statistics.median([ms[i] for i in neg]) if neg else 0:9.2f} {max(ms):7.1f} "
                   f"{statistics.median(r['cpu_ms']):10.2f}")
    return out


def _sooner(e: dict | None, other: dict | None) -> bool:
    return e is not None and (other is None or e["frames"] < other["frames"])


def _med(v: list[float]) -> float:
    return statistics.median(v) if v else float("nan")


def time_to_read(per_kind: int, jobs: int, fns: dict[str, Callable[[], Reader]]) -> tuple[list[str], dict]:
    """Each sequence through each decoder and its own RepeatFilter, as the kiosk's loop does."""
    data = seqmod.load(per_kind, jobs=jobs, progress=lambda m: print(m, flush=True))
    per: dict[str, list[dict]] = {k: [] for k in fns}
    for seq, jpegs, infos in data:
        frames = [cv2.imdecode(np.frombuffer(j, np.uint8), cv2.IMREAD_COLOR) for j in jpegs]
        vis = next((i for i, inf in enumerate(infos) if inf.get("in_view")), None)
        for name, make in fns.items():
            fn, rf = make(), RepeatFilter(repeat=2, window_s=1.0, cooldown_s=3.0)
            event = None
            false_events = 0
            for i, img in enumerate(frames):
                t0 = time.perf_counter()
                texts = fn(img)
                ms = (time.perf_counter() - t0) * 1000
                if not texts:
                    continue
                text = seq.text if seq.text in texts else texts[0]
                if rf.feed(text, i / seqmod.FPS):
                    if text != seq.text:
                        false_events += 1
                    elif event is None and vis is not None:
                        event = {"frame": i, "frames": i - vis + 1,
                                 "ms": (i - vis) * 1000 / seqmod.FPS + ms}
            per[name].append({"kind": seq.kind, "index": seq.index, "visible_at": vis, "event": event,
                              "false_events": false_events})
    names = list(fns)
    a, b = names[0], names[1]
    lines = [f"{'sequence kind':18s} {'n':>3s} {'read A/B':>9s} {'median frames A/B':>18s} "
             f"{'median ms A/B':>16s} {'A faster/same/slower':>21s}"]
    summary = {}
    for kind in list(seqmod.KINDS) + ["all"]:
        ia = [r for r in per[a] if kind in ("all", r["kind"])]
        ib = [r for r in per[b] if kind in ("all", r["kind"])]
        both = [(x["event"], y["event"]) for x, y in zip(ia, ib, strict=True) if x["event"] and y["event"]]
        ra, rb = sum(1 for x in ia if x["event"]), sum(1 for y in ib if y["event"])
        faster = sum(1 for x, y in zip(ia, ib, strict=True) if _sooner(x["event"], y["event"]))
        slower = sum(1 for x, y in zip(ia, ib, strict=True) if _sooner(y["event"], x["event"]))
        same = len(ia) - faster - slower
        fa = [x["frames"] for x, _ in both]
        fb = [y["frames"] for _, y in both]
        ma = [x["ms"] for x, _ in both]
        mb = [y["ms"] for _, y in both]
        if kind == "all":
            lines.append("-" * 92)
        lines.append(f"{kind:18s} {len(ia):3d} {ra:4d}/{rb:<4d} {_med(fa):8.1f} / {_med(fb):<7.1f} "
                     f"{_med(ma):7.0f} / {_med(mb):<6.0f} {faster:7d}/{same:d}/{slower:d}")
        summary[kind] = {"n": len(ia), "read": [ra, rb], "median_frames": [_med(fa), _med(fb)],
                         "median_ms": [_med(ma), _med(mb)], "faster_same_slower": [faster, same, slower],
                         "false_events": [sum(x["false_events"] for x in ia),
                                          sum(y["false_events"] for y in ib)]}
    return lines, {"per_sequence": per, "summary": summary}


def check_reader(frames: list, images: list[np.ndarray]) -> str:
    """The claims behind the full pass: return_errors changes no valid read, and restricting the
    formats to Model 2 loses no Model 2 read of the family call."""
    m2 = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCodeModel2)
    d_err = d_fam = 0
    for img in images:
        a = {b.text for b in zxingcpp.read_barcodes(img, formats=m2, return_errors=True) if b.valid}
        b = {b.text for b in zxingcpp.read_barcodes(img, formats=m2)}
        c = {x.text for x in zxingcpp.read_barcodes(img, formats=_FAMILY)
             if x.format == zxingcpp.BarcodeFormat.QRCode}
        d_err += a != b
        d_fam += bool(c - a)
    return (f"reader check on {len(images)} frames: return_errors changed the valid reads of {d_err}; "
            f"the QR family call read a Model 2 code the Model 2 call missed in {d_fam}")


def machine() -> str:
    name = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                name = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import PIL

    zx = getattr(zxingcpp, "__version__", None)
    if zx is None:
        from importlib.metadata import version

        zx = version("zxing-cpp")
    return (f"{name}, {os.cpu_count()} cores, Python {sys.version.split()[0]}, zxing-cpp {zx}, "
            f"OpenCV {cv2.__version__}, numpy {np.__version__}, Pillow {PIL.__version__}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=sorted(SPLITS), default="test")
    ap.add_argument("--per-category", type=int, default=None, help="fewer frames for a quick look")
    ap.add_argument("--jobs", type=int, default=2, help="processes that render frames (first run)")
    ap.add_argument("--ablations", action="store_true", help="also the ablations (use on --split tuning)")
    ap.add_argument("--compare-file", help="also a QrDecoder class from this file (e.g. an older scanner.py)")
    ap.add_argument("--no-sequences", action="store_true")
    ap.add_argument("--sequences-per-kind", type=int, default=seqmod.PER_KIND)
    ap.add_argument("--check-reader", action="store_true", help="verify the full pass's reader claims")
    ap.add_argument("--write-manifest", action="store_true", help="record this split's checksums")
    args = ap.parse_args()
    split = SPLITS[args.split]
    print(f"machine: {machine()}")
    print(f"load average at start: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    t0 = time.perf_counter()
    frames = load(args.split, args.per_category, jobs=args.jobs, progress=lambda m: print(m, flush=True))
    n = args.per_category or split.per_category
    print(f"split '{split.name}': generator {GENERATOR_VERSION}, seed {split.seed}, {n} frames per "
          f"category, {len(frames)} frames of 1280x720 ({time.perf_counter() - t0:.0f} s to load or render)")
    if args.write_manifest:
        m = json.loads(MANIFEST.read_text()) if MANIFEST.exists() else {}
        m["generator_version"] = GENERATOR_VERSION
        m.setdefault("splits", {})[split.name] = {"seed": split.seed, "per_category": n,
                                                  "sha256": checksums(frames)}
        MANIFEST.write_text(json.dumps(m, indent=1, sort_keys=True) + "\n")
        print(f"manifest written: {MANIFEST}")
    bad = check_manifest(args.split, frames, args.per_category)
    print("frames match bench/frames/manifest.json" if not bad else
          f"WARNING: frames differ from bench/frames/manifest.json in {', '.join(bad)} "
          "(other library builds render other pixels): figures are not the documented split's")
    images = [f.image() for f in frames]
    if args.split == "test" and args.ablations:
        print("WARNING: ablations on the frozen test split are for reporting only; choose on --split tuning")
    fns = readers(args)
    res = {name: score(frames, images, fn) for name, fn in fns.items()}
    print()
    print("frames read, per category (A = ours, B = plain zxing-cpp; negatives: frames with no read)")
    lines, rows = category_table(frames, res, "ours", "plain zxing-cpp")
    print("\n".join(lines))
    print()
    print("all decoders (read = frames with a code read correctly; wrong = frames where it reported "
          "another text; ms = wall time per frame, CPU ms = process CPU time per frame)")
    print("\n".join(timing_lines(frames, res)))
    pos = [i for i, f in enumerate(frames) if f.text]
    neg = [i for i, f in enumerate(frames) if f.text is None]
    result = {"machine": machine(), "split": split.name, "seed": split.seed, "generator": GENERATOR_VERSION,
              "per_category": n, "manifest_mismatch": bad, "table": rows,
              "decoders": {k: {"read": sum(v["ok"][i] for i in pos),
                               "negatives_clean": sum(v["ok"][i] for i in neg),
                               "ms_median": statistics.median(v["ms"]),
                               "cpu_ms_median": statistics.median(v["cpu_ms"]),
                               "ms_p95": float(np.percentile(v["ms"], 95))}
                           for k, v in res.items()}}
    if args.check_reader:
        msg = check_reader(frames, images)
        print("\n" + msg)
        result["reader_check"] = msg
    if not args.no_sequences and args.split == "test":
        print("\ntime to read at 30 fps, from the first frame with the whole code in view to the scan "
              "event (2 reads within 1 s, RepeatFilter); A = ours, B = plain zxing-cpp; medians over "
              "the sequences both read")
        lines, seq = time_to_read(args.sequences_per_kind, args.jobs,
                                  {"ours": ours, "plain": lambda: plain})
        print("\n".join(lines))
        result["sequences"] = seq["summary"]
    print(f"\nload average at end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    OUT.mkdir(exist_ok=True)
    path = OUT / f"decode_eval-{split.name}.json"
    path.write_text(json.dumps(result, indent=1, default=float))
    print(f"written to {path}")


if __name__ == "__main__":
    main()
