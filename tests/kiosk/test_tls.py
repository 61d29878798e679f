"""Issue 13 item 5: the kiosk's client verifies TLS by default. A real HTTPS server on
127.0.0.1 with a self-signed certificate is refused (nothing is sent past the handshake);
with that certificate given as the CA bundle the same server is accepted."""

from __future__ import annotations

import json
import ssl
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kiosk.services.client import ApiClient, Unreachable


class _Health(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        body = json.dumps({"status": "ok", "server_time": "2026-11-20T09:00:00.000Z"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def https_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Health)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}", cert
    server.shutdown()
    server.server_close()


def test_verification_is_on_by_default(https_server: tuple[str, Path]) -> None:
    url, _cert = https_server
    client = ApiClient(url, connect_timeout=5, read_timeout=5)
    assert client.verify is True
    with pytest.raises(Unreachable, match="CERTIFICATE_VERIFY_FAILED|certificate verify failed"):
        client.health()


def test_a_given_ca_bundle_is_trusted(https_server: tuple[str, Path]) -> None:
    url, cert = https_server
    client = ApiClient(url, ca_bundle=str(cert), connect_timeout=5, read_timeout=5)
    assert client.health()["status"] == "ok"
