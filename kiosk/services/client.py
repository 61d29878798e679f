"""HTTP client of the network server's /api/v1 (Qt-free, blocking: call it off the GUI thread).

- TLS is always verified (a custom CA bundle may be given); every request has a timeout.
- Every answer's `X-Server-Time` feeds the ServerClock (errors included).
- Failures are typed; each has `key` = `error.<code>` for kiosk.core.messages.
- One requests.Session per thread (the check-in pool and the sync thread never share one).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import requests

from kiosk import logs
from kiosk.core.wire import iso_utc, parse_server_time
from kiosk.services import json_pages
from kiosk.services.clock import ServerClock

API = "/api/v1"
BATCH_LIMIT = 500
USER_AGENT = "coworking-kiosk/0.1"


class ClientError(Exception):
    """A request that did not give a usable answer. `code` is the stable error code."""

    code = "bad_response"
    #: True for the failures that mean "the server cannot be used right now" (go offline)
    connectivity = True

    def __init__(self, message: str = "", *, status: int | None = None, details: Any = None) -> None:
        super().__init__(message or self.code)
        self.status = status
        self.details = details

    @property
    def key(self) -> str:
        return f"error.{self.code}"


class Unreachable(ClientError):
    code = "unreachable"


class Timeout(ClientError):
    code = "timeout"


class ServerError(ClientError):
    code = "server_error"


class BadResponse(ClientError):
    code = "bad_response"


class Unauthorized(ClientError):
    code = "unauthorized"
    connectivity = False


class TokenRevoked(Unauthorized):
    code = "token_revoked"


class RequestRejected(ClientError):
    """A 4xx with a stable code (forbidden, validation_error, enrollment_code_used, ...)."""

    connectivity = False

    def __init__(
        self, code: str, message: str = "", *, status: int | None = None, details: Any = None
    ) -> None:
        super().__init__(message or code, status=status, details=details)
        self.code = code

    @property
    def key(self) -> str:
        """The message key; a pop-up's code after the pop-up has its own (docs/popups.md)."""
        details = self.details if isinstance(self.details, dict) else {}
        if self.code == "enrollment_code_expired" and details.get("reason") == "popup_over":
            return "error.enrollment_popup_over"
        return f"error.{self.code}"


class NotEnrolled(ClientError):
    """No token: the kiosk needs enrollment before it can talk to the server."""

    code = "unauthorized"
    connectivity = False


TokenSource = Callable[[], str | None]


class ApiClient:
    def __init__(
        self,
        base_url: str,
        *,
        token: TokenSource | None = None,
        clock: ServerClock | None = None,
        ca_bundle: str | None = None,
        connect_timeout: float = 5.0,
        read_timeout: float = 20.0,
    ) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"not a server URL: {base_url!r}")
        if parts.scheme == "http" and parts.hostname not in ("127.0.0.1", "localhost", "::1"):
            logs.net.warning("server %s is not using TLS", parts.netloc)
        self.base_url = base_url.rstrip("/")
        self._token = token or (lambda: None)
        self.clock = clock or ServerClock()
        self.verify: bool | str = ca_bundle or True
        self.timeout = (connect_timeout, read_timeout)
        self._local = threading.local()
        self.last_latency: float | None = None

    # -- transport ---------------------------------------------------------------------------

    def _session(self) -> requests.Session:
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.headers["User-Agent"] = USER_AGENT
            self._local.session = session
        return session

    def close(self) -> None:
        """Close this thread's session."""
        session = getattr(self._local, "session", None)
        if session is not None:
            session.close()
            self._local.session = None

    def _send(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        """The one place that touches the network (a seam for tests)."""
        return self._session().request(method, url, **kwargs)

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        timeout: float | tuple[float, float] | None = None,
        auth: bool = True,
    ) -> Any:
        """Send one request and return the decoded JSON body; raises a ClientError subclass."""
        headers = {"Accept": "application/json"}
        if auth:
            token = self._token()
            if not token:
                raise NotEnrolled("this kiosk has no token")
            headers["Authorization"] = f"Bearer {token}"
        url = self.base_url + path
        sent = self.clock.local_now()
        started = time.monotonic()
        try:
            response = self._send(
                method,
                url,
                json=json,
                params=params,
                headers=headers,
                timeout=timeout or self.timeout,
                verify=self.verify,
                allow_redirects=False,
            )
        except requests.Timeout as exc:
            raise Timeout(f"{method} {path}: {exc}") from exc
        except requests.ConnectionError as exc:
            raise Unreachable(f"{method} {path}: {exc}") from exc
        except requests.RequestException as exc:
            raise Unreachable(f"{method} {path}: {exc}") from exc
        self.last_latency = time.monotonic() - started
        server_time = parse_server_time(response.headers.get("X-Server-Time"))
        if server_time is not None:
            self.clock.observe(sent, self.clock.local_now(), server_time)
        return _decode(response, f"{method} {path}")

    # -- endpoints -----------------------------------------------------------------------------

    def health(self, timeout: float | None = None) -> dict[str, Any]:
        return _object(self.request("GET", f"{API}/health", auth=False, timeout=timeout), "health")

    def enroll(self, code: str, kiosk_name: str) -> dict[str, Any]:
        body = self.request(
            "POST", f"{API}/enroll", json={"code": code, "kiosk_name": kiosk_name}, auth=False
        )
        answer = _object(body, "enroll")
        if not isinstance(answer.get("token"), str) or not isinstance(answer.get("space"), dict):
            raise BadResponse("enroll answer without token or space")
        return answer

    def sync_page(self, cursor: str | None, limit: int = 2000) -> dict[str, Any]:
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        page = _object(self.request("GET", f"{API}/sync", params=params), "sync")
        if not isinstance(page.get("cursor"), str | int):
            raise BadResponse("sync page without cursor")
        return page

    def redeem(
        self,
        nonce: str,
        code: str,
        scanned_at: datetime,
        *,
        timeout: float,
        method: str = "scan",
        day_pass: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A scan decided by the server; `method`: "scan" (camera) or "wedge" (USB scanner).
        `day_pass`: the upload payload of a day pass sold here and not uploaded yet (the code
        scanned is that pass): the server learns it first, so it is not an unknown pass."""
        body: dict[str, Any] = {
            "nonce": nonce,
            "code": code,
            "scanned_at": iso_utc(scanned_at),
            "method": method,
        }
        if day_pass is not None:
            body["day_pass"] = dict(day_pass)
        answer = _object(
            self.request("POST", f"{API}/checkins/redeem", json=body, timeout=(timeout, timeout)), "redeem"
        )
        if not isinstance(answer.get("verdict"), dict):
            raise BadResponse("redeem answer without verdict")
        return answer

    def redeem_member(
        self, nonce: str, member_number: int, staff_id: int, scanned_at: datetime, *, timeout: float
    ) -> dict[str, Any]:
        """Manual check-in at the desk (staff found the member by name), decided by the server."""
        body = {
            "nonce": nonce,
            "member_number": member_number,
            "staff_id": staff_id,
            "scanned_at": iso_utc(scanned_at),
        }
        answer = _object(
            self.request("POST", f"{API}/checkins/redeem-member", json=body, timeout=(timeout, timeout)),
            "redeem-member",
        )
        if not isinstance(answer.get("verdict"), dict):
            raise BadResponse("redeem-member answer without verdict")
        return answer

    def report_health(self, health: Mapping[str, Any]) -> dict[str, Any]:
        """Send the kiosk's health; the answer says whether this kiosk was revoked."""
        answer = _object(self.request("POST", f"{API}/kiosk/health", json=dict(health)), "kiosk health")
        if not isinstance(answer.get("revoked"), bool):
            raise BadResponse("kiosk health answer without revoked")
        return answer

    def post_batch(self, path: str, items: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """Upload one batch (≤ 500 items); returns the per-item results in request order."""
        if len(items) > BATCH_LIMIT:
            raise ValueError(f"at most {BATCH_LIMIT} items per batch")
        answer = _object(self.request("POST", path, json={"items": list(items)}), "batch")
        results = answer.get("results")
        if not isinstance(results, list) or not all(isinstance(r, dict) for r in results):
            raise BadResponse("batch answer without results")
        return results


def _object(body: Any, what: str) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise BadResponse(f"{what}: expected a JSON object")
    return body


def _decode(response: requests.Response, what: str) -> Any:
    status = response.status_code
    try:
        body = (
            json_pages.loads(response.content.decode(response.encoding or "utf-8"))
            if response.content
            else None
        )
    except ValueError:
        body = None
        if 200 <= status < 300:
            raise BadResponse(f"{what}: answer is not JSON (HTTP {status})", status=status) from None
    if 200 <= status < 300:
        return body
    error = body.get("error") if isinstance(body, dict) else None
    code = str(error.get("code")) if isinstance(error, dict) and error.get("code") else ""
    message = str(error.get("message", "")) if isinstance(error, dict) else ""
    details = error.get("details") if isinstance(error, dict) else None
    text = f"{what}: HTTP {status} {code} {message}".strip()
    if status == 401:
        if code == "token_revoked":
            raise TokenRevoked(text, status=status)
        raise Unauthorized(text, status=status)
    if status >= 500 or status in (408, 429):
        if status == 504 or status == 408:
            raise Timeout(text, status=status)
        raise ServerError(text, status=status)
    if 400 <= status < 500 and code:
        raise RequestRejected(code, text, status=status, details=details)
    raise BadResponse(text, status=status)
