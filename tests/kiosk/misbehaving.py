"""A tiny HTTP server on 127.0.0.1 that misbehaves on demand, or forwards to a real server.

Modes: "error" (HTTP 500 with an error body), "slow" (answers after `delay` seconds),
"garbage" (HTTP 200 with a body that is not JSON), "proxy" (forwards to `upstream`).
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests


class Misbehaving:
    def __init__(self, upstream: str, mode: str = "error", delay: float = 3.0) -> None:
        self.upstream = upstream
        self.mode = mode
        self.delay = delay
        self.requests = 0
        self._release = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def _answer(self) -> None:
                outer.requests += 1
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                mode = outer.mode
                if mode == "slow":
                    outer._release.wait(outer.delay)
                    mode = "garbage"
                if mode == "proxy":
                    headers = {
                        k: v
                        for k, v in self.headers.items()
                        if k.lower() in ("authorization", "content-type")
                    }
                    r = requests.request(
                        self.command, outer.upstream + self.path, data=body, headers=headers, timeout=30
                    )
                    self._send(
                        r.status_code,
                        r.content,
                        r.headers.get("Content-Type", "application/json"),
                        r.headers.get("X-Server-Time"),
                    )
                elif mode == "error":
                    self._send(
                        500, b'{"error": {"code": "server_error", "message": "boom"}}', "application/json"
                    )
                else:
                    self._send(200, b"<html>captive portal</html>", "text/html")

            def _send(self, status: int, body: bytes, ctype: str, server_time: str | None = None) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(body)))
                    if server_time:
                        self.send_header("X-Server-Time", server_time)
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass  # the client gave up (timeout)

            do_GET = do_POST = _answer

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="misbehaving", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._release.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(10)
