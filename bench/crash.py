"""SIGKILL of a checking-in kiosk at random points, many times over (issue 13).

    python -m bench.crash [--kills 200] [--seed 13]

A kiosk process (tests/kiosk/checkin_child.py) checks in distinct guest members as fast as it
can, deciding locally and pushing its outbox from a second thread, and prints `STORED nonce`
after each commit, i.e. when a verdict could be on screen. It is killed with SIGKILL after a
random number of check-ins or a random delay (during start, a write, a push), restarted with
the next members, and so on. At the end one sync uploads what is left. Checked: every check-in
shown reached the server exactly once; at most one unshown check-in per kill (committed, not
yet printed); every member's guest day counted once. The CI-sized run (20 kills) is
tests/kiosk/test_crash_random.py.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kiosk.services.composition import KioskServices
from kiosk.services.config import KioskConfig, MemoryTokenStore
from kiosk.services.enroll import enroll
from tests.kiosk.netserver_proc import ROOT, NetServer

PER_RUN = 25  # members per kiosk run: each member is checked in once at most


@dataclass
class CrashResult:
    kills: int
    shown: int
    on_server: int
    duplicates: int
    lost: int
    unshown: int
    counted_twice: int


def run(server: NetServer, workdir: Path, kills: int, seed: int) -> CrashResult:
    rng = random.Random(seed)
    home, here = server.add_space("Home"), server.add_space("Crash")
    cards = [server.add_member(f"Crash {i}", home.space_id)[1] for i in range(PER_RUN * kills)]
    tokens = MemoryTokenStore()
    config = enroll(
        server.url, server.enrollment_code(here.space_id), config=KioskConfig.load(workdir / "kiosk"),
        token_store=tokens,
    )  # fmt: skip
    services = KioskServices.open(config, token_store=tokens)
    assert services.engine.run_once().ok  # the roster
    services.close()
    data_dir = str(config.paths.config_file.parent)
    env = dict(os.environ, KIOSK_TEST_TOKEN=tokens.get(config.token_account) or "", PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "tests.kiosk.checkin_child"]
    shown: list[str] = []
    for k in range(kills):
        batch = workdir / f"passes-{k}"
        batch.write_text("\n".join(cards[k * PER_RUN : (k + 1) * PER_RUN]))
        child = subprocess.Popen(
            [*command, "run", data_dir, str(batch)], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        by_count = rng.random() < 0.5
        limit = rng.randint(0, PER_RUN - 2)  # never wraps round to a member again
        timer = threading.Timer(rng.uniform(0.05, 3.0), child.send_signal, (signal.SIGKILL,))
        if not by_count:
            timer.start()
        seen = 0
        for line in child.stdout:
            if line.startswith("STORED "):
                shown.append(line.split()[1])
                seen += 1
            if seen >= PER_RUN - 1 or (by_count and seen >= limit):
                break
        child.send_signal(signal.SIGKILL)
        timer.cancel()
        # read the rest through the same text wrapper: communicate(timeout=) reads the raw pipe
        # and would miss the lines the wrapper has buffered already
        rest = child.stdout.read()
        child.wait(timeout=30)
        shown += [line.split()[1] for line in rest.splitlines() if line.startswith("STORED ")]
    final = subprocess.run(
        [*command, "sync", data_dir], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert final.returncode == 0, final.stdout + final.stderr
    rows = server.checkins(space_id=here.space_id)
    nonces = [r["nonce"] for r in rows]
    counted = Counter(r["member_number"] for r in rows if r["counted"])
    return CrashResult(
        kills=kills,
        shown=len(shown),
        on_server=len(nonces),
        duplicates=len(nonces) - len(set(nonces)),
        lost=len(set(shown) - set(nonces)),
        unshown=len(set(nonces) - set(shown)),
        counted_twice=sum(1 for n in counted.values() if n > 1),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        server = NetServer(Path(tmp) / "server")
        server.init_network(guest_days=1)
        server.start()
        try:
            started = time.monotonic()
            result = run(server, Path(tmp), args.kills, args.seed)
        finally:
            server.close()
    print(f"SIGKILLs: {result.kills} in {time.monotonic() - started:.0f} s (seed {args.seed})")
    print(f"check-ins shown: {result.shown}; on the server: {result.on_server}")
    print(f"lost (shown, not on the server): {result.lost}; duplicates: {result.duplicates}")
    print(f"on the server but never shown (killed between commit and screen): {result.unshown}")
    print(f"members counted twice: {result.counted_twice}")


if __name__ == "__main__":
    main()
