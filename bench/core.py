"""Core benchmark: parse-and-verify rate against a 100,000-member roster, and QR render+decode.

Run: python -m bench.core [--members 100000] [--scans 50000]
Prints its figures; the README and docs quote only what this prints.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import time
from datetime import UTC, datetime

import zxingcpp

from kiosk.core.credentials import CredentialError, MemberPass, parse
from kiosk.core.models import MemberRecord, MemberState, Policy, Visit
from kiosk.core.qr import render_qr
from kiosk.core.rules import decide


def machine() -> str:
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as info:
            model = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    import os

    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}"


def build_roster(count: int, rng: random.Random) -> tuple[dict[int, MemberRecord], list[str]]:
    roster: dict[int, MemberRecord] = {}
    texts: list[str] = []
    for number in range(10_000, 10_000 + count):
        card = MemberPass(member_number=number, serial=1, secret=rng.getrandbits(80))
        roster[number] = MemberRecord(
            number, f"Member {number}", number % 7 + 1, MemberState.ACTIVE, "basis", 1, card.secret_hash()
        )
        texts.append(card.text)
    return roster, texts


def bench_parse_verify(
    roster: dict[int, MemberRecord], texts: list[str], scans: int, rng: random.Random
) -> None:
    sample = [rng.choice(texts) for _ in range(scans)]
    start = time.perf_counter()
    ok = 0
    for text in sample:
        card = parse(text)
        assert isinstance(card, MemberPass)
        record = roster.get(card.member_number)
        ok += record is not None and card.matches(record.secret_hash)
    elapsed = time.perf_counter() - start
    assert ok == scans
    print(
        f"parse+verify: {scans / elapsed:,.0f} ops/s ({elapsed / scans * 1e6:.1f} µs each) "
        f"against a roster of {len(roster):,} members"
    )

    policy = Policy()
    now = datetime.now(UTC)
    visits = [Visit(10_001, 3, now.date(), True)]
    timings = []
    for text in sample[:5000]:
        t0 = time.perf_counter()
        try:
            card = parse(text)
        except CredentialError:
            continue
        member = roster.get(card.member_number) if isinstance(card, MemberPass) else None
        decide(card, space_id=2, now=now, policy=policy, member=member, visits=visits, offline=True)
        timings.append(time.perf_counter() - t0)
    timings.sort()
    print(
        f"parse+decide (offline): p50 {statistics.median(timings) * 1e6:.1f} µs, "
        f"p99 {timings[int(len(timings) * 0.99)] * 1e6:.1f} µs"
    )


def bench_render_decode(texts: list[str], count: int) -> None:
    render, read = [], []
    for text in texts[:count]:
        t0 = time.perf_counter()
        image = render_qr(text, box_size=6)
        t1 = time.perf_counter()
        results = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
        t2 = time.perf_counter()
        assert results and results[0].text == text
        render.append(t1 - t0)
        read.append(t2 - t1)
    print(
        f"render QR (qrcode, box 6 px): median {statistics.median(render) * 1e3:.2f} ms; "
        f"decode (zxing-cpp): median {statistics.median(read) * 1e3:.2f} ms; {count} codes, all read back"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--scans", type=int, default=50_000)
    parser.add_argument("--codes", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(20261122)
    print(f"machine: {machine()}")
    t0 = time.perf_counter()
    roster, texts = build_roster(args.members, rng)
    print(f"built roster of {args.members:,} members with hashes in {time.perf_counter() - t0:.1f} s")
    bench_parse_verify(roster, texts, args.scans, rng)
    bench_render_decode(texts, args.codes)


if __name__ == "__main__":
    main()
