"""The real `coworking-kiosk` GUI in a child process, for tests that signal or inspect it.

The only seam: the kiosk token comes from KIOSK_TEST_TOKEN through an in-memory keyring
backend (no keyring exists on a headless test box); everything else is `kiosk.launch.main`.

    python -m tests.kiosk.gui_child [coworking-kiosk arguments...]
"""

from __future__ import annotations

import os
import sys

import keyring

from kiosk.launch import main
from kiosk.services.config import KEYRING_SERVICE, KioskConfig

from .conftest import MemoryKeyring

if __name__ == "__main__":
    backend = MemoryKeyring()
    data_dir = sys.argv[sys.argv.index("--data-dir") + 1] if "--data-dir" in sys.argv else None
    if os.environ.get("KIOSK_TEST_TOKEN") and data_dir:
        config = KioskConfig.load(data_dir)
        backend.set_password(KEYRING_SERVICE, config.token_account, os.environ["KIOSK_TEST_TOKEN"])
    keyring.set_keyring(backend)
    sys.exit(main(sys.argv[1:]))
