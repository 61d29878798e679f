"""A keyring backend for a kiosk box run by systemd: the token as a systemd credential.

Select it for the kiosk's service (packaging/kiosk/coworking-kiosk.service does)::

    Environment=PYTHON_KEYRING_BACKEND=kiosk.services.credstore.CredentialsKeyring
    Environment=COWORKING_CREDSTORE=/var/lib/coworking-kiosk/credstore
    LoadCredential=coworking-kiosk-token:/var/lib/coworking-kiosk/credstore/coworking-kiosk-token

Reading: the credstore file first (it holds the newest token after an enrollment at the
first-run screen), else `$CREDENTIALS_DIRECTORY/coworking-kiosk-token` (what systemd passed in:
also an encrypted credential, `LoadCredentialEncrypted=`, whose plain file the kiosk user cannot
read). Writing (enrollment): the credstore file, mode 0600, atomically. One token per box: the
keyring user name (`<server>#kiosk-<id>`) is not part of the file. Qt-free; docs in
packaging/keyring.md.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError, PasswordSetError

SERVICE = "coworking-kiosk"
CREDENTIAL = "coworking-kiosk-token"


def credstore_dir() -> Path | None:
    configured = os.environ.get("COWORKING_CREDSTORE")
    return Path(configured) if configured else None


class CredentialsKeyring(KeyringBackend):
    """See module docstring."""

    @classmethod
    def priority(cls) -> float:  # type: ignore[override]
        """Chosen automatically only inside a unit that passes the credential."""
        return 20 if os.environ.get("CREDENTIALS_DIRECTORY") or credstore_dir() else 0

    def _files(self) -> list[Path]:
        files = []
        store = credstore_dir()
        if store is not None:
            files.append(store / CREDENTIAL)
        passed = os.environ.get("CREDENTIALS_DIRECTORY")
        if passed:
            files.append(Path(passed) / CREDENTIAL)
        return files

    def get_password(self, service: str, username: str) -> str | None:
        if service != SERVICE:
            return None
        for path in self._files():
            try:
                token = path.read_text(encoding="utf-8").strip()
            except (FileNotFoundError, PermissionError):
                continue
            if token:
                return token
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        store = credstore_dir()
        if service != SERVICE or store is None:
            raise PasswordSetError("set COWORKING_CREDSTORE to the directory for the kiosk token")
        try:
            store.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, tmp = tempfile.mkstemp(dir=store, prefix=".token-")
            try:
                os.fchmod(fd, 0o600)
                os.write(fd, password.encode("utf-8"))
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, store / CREDENTIAL)
        except OSError as exc:
            raise PasswordSetError(f"cannot write the kiosk token into {store}: {exc}") from exc

    def delete_password(self, service: str, username: str) -> None:
        store = credstore_dir()
        path = store / CREDENTIAL if store is not None else None
        if service != SERVICE or path is None or not path.exists():
            raise PasswordDeleteError(username)
        path.unlink()
