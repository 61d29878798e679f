"""Enrollment: a one-time code (typed or scanned) → kiosk token in the token store, server URL
and space in the config file (never the token).

The token store is checked *before* the code is sent, so a box without a keyring backend does
not burn its one-time code.
"""

from __future__ import annotations

from kiosk import logs
from kiosk.core import credentials
from kiosk.core.credentials import CredentialError, EnrollmentCode
from kiosk.services.client import ApiClient, ClientError
from kiosk.services.config import KioskConfig, TokenStore
from kiosk.store import Store


class EnrollmentError(Exception):
    """Enrollment failed; `key` is a kiosk.core.messages key."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def parse_code(text: str) -> str:
    """The canonical text of an enrollment code; EnrollmentError if it is not one."""
    try:
        parsed = credentials.parse(text)
    except CredentialError as exc:
        raise EnrollmentError(exc.key, f"not a valid enrollment code: {exc}") from exc
    if not isinstance(parsed, EnrollmentCode):
        raise EnrollmentError("error.enrollment_code_invalid", "this is not an enrollment code")
    return parsed.text


def enroll(
    server_url: str,
    code: str,
    *,
    config: KioskConfig,
    token_store: TokenStore,
    kiosk_name: str | None = None,
    client: ApiClient | None = None,
) -> KioskConfig:
    """Enroll this kiosk; returns (and saves) the new config. Raises EnrollmentError,
    kiosk.config.TokenStoreUnavailable (no keyring: the message says how to set one up) or
    a kiosk.client.ClientError (server unreachable, code used or expired, ...)."""
    text = parse_code(code)
    token_store.check()
    server_url = server_url.rstrip("/")
    api = client or ApiClient(
        server_url,
        ca_bundle=config.ca_bundle,
        connect_timeout=config.connect_timeout_seconds,
        read_timeout=config.read_timeout_seconds,
    )
    name = kiosk_name or config.kiosk_name
    try:
        answer = api.enroll(text, name)
    except ClientError as exc:
        logs.enroll.warning("enrollment at %s failed: %s", server_url, exc.key)
        raise
    space = answer["space"]
    network = answer.get("network") or {}
    popup = answer.get("popup") or None
    updated = config.with_changes(
        server_url=server_url,
        kiosk_id=answer.get("kiosk_id"),
        kiosk_name=name,
        space_id=int(space["id"]),
        space_name=space.get("name"),
        space_slug=space.get("slug"),
        network_name=network.get("name"),
        timezone=network.get("timezone"),
    )
    token_store.set(updated.token_account, str(answer["token"]))
    updated.save()
    store = Store(updated.paths.database)
    try:
        previous = (config.server_url, store.space_id)
        if previous != (server_url, updated.space_id):
            store.reset_cache()
        store.set_meta_many(
            {
                "space_id": str(updated.space_id),
                "needs_enrollment": None,
                "revoked_at": None,  # a revoked kiosk admits again once enrolled anew
                "offline_since": None,
                "last_error_key": None,
                "timezone": updated.timezone or None,
                # a pop-up's kiosk (docs/popups.md): decides "no guest day" there, ends with it
                "popup_id": str(popup["id"]) if popup else None,
                "popup_ends_at": str(popup["ends_at"]) if popup else None,
            }
        )
    finally:
        store.close()
    logs.enroll.info("enrolled as kiosk %s of space %s at %s", updated.kiosk_id, updated.space_id, server_url)
    return updated
