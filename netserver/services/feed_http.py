"""Fetching a calendar feed over HTTP: conditional (ETag / If-Modified-Since), with a total
deadline and a size limit, so a slow or huge answer costs at most `timeout` seconds and
`max_bytes` of memory. Standard library only (the server has no HTTP client dependency)."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Final
from urllib.parse import urlsplit, urlunsplit

FETCH_TIMEOUT_S: Final = 20.0
MAX_FEED_BYTES: Final = 5_000_000
CHUNK: Final = 64 * 1024
USER_AGENT: Final = "coworking-netserver (calendar feed)"


class FeedFetchError(Exception):
    """The feed could not be fetched; the message is for the coordinator."""


@dataclass(frozen=True, slots=True)
class Fetched:
    not_modified: bool
    body: bytes = b""
    etag: str = ""
    last_modified: str = ""


def normalize_url(url: str) -> str:
    """webcal:// is https:// (what calendar apps hand out); only http(s) with a host is taken."""
    url = url.strip()
    if url.lower().startswith("webcal://"):
        url = "https://" + url[len("webcal://") :]
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError("a feed URL starts with https:// (or http://, webcal://) and names a host")
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise ValueError("a feed URL has no spaces or control characters")
    try:
        address = ipaddress.ip_address(parts.hostname)
    except ValueError:
        address = None
    if address is not None and (address.is_link_local or address.is_multicast or address.is_unspecified):
        raise ValueError(f"{parts.hostname} is no address a calendar is served from")
    return urlunsplit((parts.scheme.lower(), parts.netloc, parts.path or "/", parts.query, ""))


def shown_url(url: str) -> str:
    """The URL for logs and messages, without a password in it."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


class _NoFileRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise FeedFetchError(f"the feed redirects to a non-web address ({urlsplit(newurl).scheme}:)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(
    url: str,
    *,
    etag: str = "",
    last_modified: str = "",
    timeout: float = FETCH_TIMEOUT_S,
    max_bytes: int = MAX_FEED_BYTES,
) -> Fetched:
    headers = {"User-Agent": USER_AGENT, "Accept": "text/calendar, text/plain;q=0.5, */*;q=0.1"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    opener = urllib.request.build_opener(_NoFileRedirects)
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FeedFetchError(
                    f"the feed is larger than {max_bytes // 1_000_000} MB ({declared} bytes)"
                )
            body = bytearray()
            while True:
                if time.monotonic() > deadline:
                    raise FeedFetchError(f"the feed did not arrive within {timeout:.0f} s")
                chunk = response.read(CHUNK)
                if not chunk:
                    break
                body += chunk
                if len(body) > max_bytes:
                    raise FeedFetchError(f"the feed is larger than {max_bytes // 1_000_000} MB")
            return Fetched(
                False,
                bytes(body),
                response.headers.get("ETag", "") or "",
                response.headers.get("Last-Modified", "") or "",
            )
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Fetched(True, etag=etag, last_modified=last_modified)
        raise FeedFetchError(f"the server answered HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError | socket.timeout):
            raise FeedFetchError(f"no answer within {timeout:.0f} s") from None
        raise FeedFetchError(f"cannot reach the feed: {reason}") from None
    except TimeoutError:
        raise FeedFetchError(f"no answer within {timeout:.0f} s") from None
    except (ConnectionError, OSError, ValueError, http.client.HTTPException) as exc:
        if isinstance(exc, FeedFetchError):
            raise
        raise FeedFetchError(f"the connection failed: {exc}") from None
