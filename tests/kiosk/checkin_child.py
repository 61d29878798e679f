"""A kiosk process for the crash test: `run` checks in continuously (deciding locally, a
background thread pushing the outbox) and prints `STORED <nonce>` after each check-in is
committed; `sync` runs one sync pass. The token comes from KIOSK_TEST_TOKEN (MemoryTokenStore).

    python -m tests.kiosk.checkin_child run|sync DATA_DIR PASSES_FILE
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from kiosk.services.composition import KioskServices
from kiosk.services.config import KioskConfig, MemoryTokenStore


def main(argv: list[str]) -> int:
    mode, data_dir = argv[0], argv[1]
    config = KioskConfig.load(data_dir)
    tokens = MemoryTokenStore()
    tokens.set(config.token_account, os.environ["KIOSK_TEST_TOKEN"])
    services = KioskServices.open(config, token_store=tokens)
    if mode == "sync":
        report = services.engine.run_once()
        print("SYNC", report.ok, report.pushed, report.error_key, flush=True)
        return 0 if report.ok else 1
    passes = Path(argv[2]).read_text().split()
    services.checkin.client = None  # decide locally: every check-in goes through the outbox

    def pusher() -> None:
        while True:
            services.engine.run_once()

    threading.Thread(target=pusher, daemon=True).start()
    i = 0
    while True:
        result = services.checkin.check_in(passes[i % len(passes)])
        print("STORED", result.nonce, flush=True)
        i += 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
