"""Issue 13 item 5: the kiosk token never appears in logs, config files or crash reports.

A real enrollment, sync, check-ins and a revocation (whose error goes through the kiosk's
excepthook, the crash path that logs tracebacks), with every logger at DEBUG (urllib3 and
requests included) writing into the kiosk's log directory; then every file the kiosk and the
server wrote is searched for the token, in full and for its secret part alone.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import launch
from kiosk.logs import setup_logging
from kiosk.services.composition import KioskServices
from kiosk.services.config import KeyringTokenStore, KioskConfig
from kiosk.services.enroll import enroll

from .conftest import MemoryKeyring
from .netserver_proc import NetServer


@pytest.fixture
def debug_logs(tmp_path: Path) -> Iterator[Path]:
    directory = tmp_path / "kiosk" / "logs"
    setup_logging(directory, level=logging.DEBUG)
    everything = logging.FileHandler(directory / "all-debug.log", encoding="utf-8")
    root = logging.getLogger()
    old_level = root.level
    root.setLevel(logging.DEBUG)
    root.addHandler(everything)
    yield directory
    root.removeHandler(everything)
    everything.close()
    root.setLevel(old_level)
    kiosk_logger = logging.getLogger("kiosk")
    for handler in list(kiosk_logger.handlers):
        if getattr(handler, "baseFilename", "").startswith(str(directory)):
            kiosk_logger.removeHandler(handler)
            handler.close()


def files_under(*roots: Path) -> list[Path]:
    return [p for root in roots for p in root.rglob("*") if p.is_file()]


def test_the_token_is_in_no_file(
    own_server: NetServer, tmp_path: Path, memory_keyring: MemoryKeyring, debug_logs: Path
) -> None:
    space = own_server.add_space()
    number, card = own_server.add_member("Anna", space.space_id)
    tokens = KeyringTokenStore()
    code = own_server.enrollment_code(space.space_id)
    config = enroll(own_server.url, code, config=KioskConfig.load(tmp_path / "kiosk"), token_store=tokens)
    [token] = memory_keyring.passwords.values()
    services = KioskServices.open(config, token_store=tokens)
    try:
        assert services.engine.run_once().ok
        services.checkin.check_in(card)
        services.checkin.check_in("CWM1NOTAREALCODE")
        assert services.engine.run_once().ok
        assert config.kiosk_id is not None
        own_server.revoke_kiosk(config.kiosk_id)
        try:
            services.client.sync_page(None)
        except Exception:  # noqa: BLE001 - the crash path: logged with its traceback
            launch._excepthook(*sys.exc_info())  # type: ignore[arg-type]
        services.engine.run_once()
    finally:
        services.close()
    secret = token.split("_", 1)[-1] if "_" in token else token[-24:]
    written = files_under(tmp_path / "kiosk", own_server.data_dir)
    assert any(p.name == "kiosk.log" for p in written) and any(p.name == "all-debug.log" for p in written)
    assert (tmp_path / "kiosk" / "logs" / "kiosk.log").read_text(encoding="utf-8").count("unexpected error")
    leaks = [p for p in written if token.encode() in p.read_bytes() or secret.encode() in p.read_bytes()]
    assert not leaks, f"the token is in {leaks}"
    assert number  # the member number may appear in logs; the token may not
