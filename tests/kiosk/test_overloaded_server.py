"""Issue 13 item 1, kiosk side: a server answering 503 with Retry-After (overloaded) is "try
later": the client raises ServerError (a connectivity failure) and the check-in is decided
offline at once, with the same nonce, and queued for upload."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kiosk.services.client import ApiClient, ServerError

from .conftest import KioskFactory
from .netserver_proc import NetServer


class _Busy(BaseHTTPRequestHandler):
    def _busy(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))
        body = json.dumps({"error": {"code": "overloaded", "message": "busy"}}).encode()
        self.send_response(503)
        self.send_header("Retry-After", "2")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _busy  # noqa: N815 - the http.server API

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def busy_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Busy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_503_is_a_connectivity_failure(busy_url: str) -> None:
    with pytest.raises(ServerError) as caught:
        ApiClient(busy_url).health(timeout=2)
    assert caught.value.connectivity and caught.value.status == 503


def test_checkin_against_an_overloaded_server_is_decided_offline(
    server: NetServer, make_kiosk: KioskFactory, busy_url: str
) -> None:
    home, here = server.add_space("Home"), server.add_space("Busy")
    _number, card = server.add_member("Busy Guest", home.space_id)
    kiosk = make_kiosk(server, here.space_id, "busy")
    assert kiosk.engine.run_once().ok  # the roster
    assert kiosk.checkin.client is not None
    kiosk.checkin.client.base_url = busy_url  # from now on the server is overloaded
    result = kiosk.checkin.check_in(card)
    assert result.admitted and result.verdict.offline
    assert kiosk.sync_state().pending >= 1  # queued for upload with its nonce
