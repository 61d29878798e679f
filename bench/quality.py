"""All of issue 13's evidence in one run, printing every figure docs/quality.md quotes.

    python -m bench.quality                 # SQLite; PostgreSQL too with COWORKING_TEST_PG_URL
    python -m bench.quality --quick         # small sizes, to see that it works (no figures)

Runs, in order: the fuzzed codes (bench.fuzz_codes, 100,000), the kiosk SIGKILLs (bench.crash,
200), the whole kiosk behind the fault-injecting proxy beside a plain connection (bench.proxy,
300 check-ins), the load at 1/4/16/64/256 clients and the 200-redeem race (bench.load). Each
part is a separate process, so one part's state cannot flatter another.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from bench.core import machine

FULL = [
    ["bench.fuzz_codes", "--codes", "100000"],
    ["bench.crash", "--kills", "200"],
    ["bench.proxy", "--checkins", "300"],
    ["bench.load", "--clients", "1,4,16,64,256", "--seconds", "10", "--race", "200"],
]
QUICK = [
    ["bench.fuzz_codes", "--codes", "2000"],
    ["bench.crash", "--kills", "3"],
    ["bench.proxy", "--checkins", "10"],
    ["bench.load", "--clients", "1,4", "--seconds", "2", "--race", "20", "--members", "50"],
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    for part in QUICK if args.quick else FULL:
        print(f"== python -m {' '.join(part)}", flush=True)
        subprocess.run([sys.executable, "-m", *part], check=True)


if __name__ == "__main__":
    main()
