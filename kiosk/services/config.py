"""Typed kiosk settings, where they live, and where the kiosk token lives (never in the file).

One `KioskConfig` is loaded once and passed down. Paths come from platformdirs; `--data-dir`
(or COWORKING_KIOSK_DATA_DIR) keeps config, database and logs in one folder (dev mode, tests,
the demo).
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Protocol

import platformdirs

from kiosk.logs import APP_NAME

DATA_DIR_ENV = "COWORKING_KIOSK_DATA_DIR"
KEYRING_SERVICE = "coworking-kiosk"
CONFIG_NAME = "kiosk.json"
DATABASE_NAME = "kiosk.sqlite3"


@dataclass(frozen=True)
class Paths:
    config_file: Path
    database: Path
    log_dir: Path

    @classmethod
    def resolve(cls, data_dir: str | Path | None = None) -> Paths:
        chosen = data_dir or os.environ.get(DATA_DIR_ENV)
        if chosen:
            root = Path(chosen).expanduser().resolve()
            return cls(root / CONFIG_NAME, root / DATABASE_NAME, root / "logs")
        return cls(
            Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / CONFIG_NAME,
            Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DATABASE_NAME,
            Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        )


@dataclass(frozen=True)
class KioskConfig:
    """What the kiosk knows about itself. `enrolled` once a server and space are set."""

    paths: Paths = field(default_factory=Paths.resolve)
    server_url: str | None = None
    kiosk_id: int | None = None
    kiosk_name: str = "Entrance"
    space_id: int | None = None
    space_name: str | None = None
    space_slug: str | None = None
    network_name: str | None = None
    timezone: str | None = None
    ca_bundle: str | None = None  # a PEM file for a private CA; TLS is always verified
    lang: str = "de"
    redeem_budget_seconds: float = 0.8
    retention_days: int = 7
    connect_timeout_seconds: float = 5.0
    read_timeout_seconds: float = 20.0

    @property
    def enrolled(self) -> bool:
        return bool(self.server_url and self.space_id is not None)

    @property
    def token_account(self) -> str:
        """The keyring user name of this kiosk's token: server URL and kiosk id (two kiosks
        enrolled on one machine, e.g. the demo next to a real one, never share an entry)."""
        return token_account(self.server_url or "", self.kiosk_id)

    def with_changes(self, **changes: Any) -> KioskConfig:
        return replace(self, **changes)

    def save(self) -> None:
        """Write atomically; the token is never part of it."""
        data = {k: v for k, v in asdict(self).items() if k != "paths"}
        path = self.paths.config_file
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)

    @classmethod
    def load(cls, data_dir: str | Path | None = None) -> KioskConfig:
        """The saved config, or a fresh (not enrolled) one. Unknown keys are ignored."""
        paths = Paths.resolve(data_dir)
        try:
            raw = json.loads(paths.config_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(paths=paths)
        except (OSError, ValueError) as exc:
            raise ConfigError(f"cannot read {paths.config_file}: {exc}") from exc
        known = {f.name for f in fields(cls)} - {"paths"}
        return cls(paths=paths, **{k: v for k, v in raw.items() if k in known})


def token_account(server_url: str, kiosk_id: int | None) -> str:
    return f"{server_url}#kiosk-{kiosk_id}" if kiosk_id is not None else server_url


class ConfigError(RuntimeError):
    pass


# --- where the token lives ---------------------------------------------------------------


class TokenStoreUnavailable(RuntimeError):
    """No usable secret store (e.g. keyring without a backend on a headless box)."""

    key = "error.keyring_unavailable"


KEYRING_HELP = (
    "No keyring backend is available to store the kiosk token. Install one, e.g. a Secret "
    "Service (GNOME Keyring/KWallet) in the session, or on a headless box: "
    "`pip install keyrings.alt` and set PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring "
    "(see packaging/keyring.md)."
)


class TokenStore(Protocol):
    def get(self, account: str) -> str | None: ...

    def set(self, account: str, token: str) -> None: ...

    def delete(self, account: str) -> None: ...

    def check(self) -> None:
        """Raise TokenStoreUnavailable if a token could not be stored."""
        ...


class MemoryTokenStore:
    """Tokens held in memory only: the demo mode and tests."""

    def __init__(self) -> None:
        self._tokens: dict[str, str] = {}
        self._lock = threading.Lock()

    def get(self, account: str) -> str | None:
        with self._lock:
            return self._tokens.get(account)

    def set(self, account: str, token: str) -> None:
        with self._lock:
            self._tokens[account] = token

    def delete(self, account: str) -> None:
        with self._lock:
            self._tokens.pop(account, None)

    def check(self) -> None:
        return None


class KeyringTokenStore:
    """The token in the system keyring: service "coworking-kiosk", user name =
    "<server URL>#kiosk-<kiosk id>"."""

    def __init__(self, service: str = KEYRING_SERVICE) -> None:
        self.service = service

    def check(self) -> None:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring):
            raise TokenStoreUnavailable(KEYRING_HELP)

    def get(self, account: str) -> str | None:
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(self.service, account)
        except KeyringError as exc:
            raise TokenStoreUnavailable(f"{KEYRING_HELP} ({exc})") from exc

    def set(self, account: str, token: str) -> None:
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.set_password(self.service, account, token)
        except KeyringError as exc:
            raise TokenStoreUnavailable(f"{KEYRING_HELP} ({exc})") from exc

    def delete(self, account: str) -> None:
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        try:
            keyring.delete_password(self.service, account)
        except PasswordDeleteError:
            pass
        except KeyringError as exc:
            raise TokenStoreUnavailable(f"{KEYRING_HELP} ({exc})") from exc
