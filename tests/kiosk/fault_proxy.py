"""A fault-injecting TCP proxy on 127.0.0.1 between the kiosk and the server (issue 13).

Each new connection gets one behaviour, drawn from `weights`: `pass` (forward both ways),
`drop` (close at once), `delay` (forward after a pause), `reset` (forward the request, send
part of the answer, then an RST), `half_open` (read, never answer, keep the socket open), and
`garbage` (answer random bytes). The request may reach the server in `reset` and `delay`, so
the kiosk sees a failure for a request the server did process: what idempotency is for.

`sequence` (instead of `weights`): the behaviours in turn, one per connection, so that every
kind comes up. `idle_close`: a forwarded connection with no request waiting is closed after
this many idle seconds, as servers close keep-alive connections; a kiosk that keeps its
connections open then still meets a new behaviour every few requests.
"""

from __future__ import annotations

import random
import selectors
import socket
import struct
import threading
import time
from collections import Counter

BEHAVIOURS = ("pass", "drop", "delay", "reset", "half_open", "garbage")


class FaultProxy:
    def __init__(self, target_port: int, *, seed: int = 13) -> None:
        self.target = ("127.0.0.1", target_port)
        self.rng = random.Random(seed)
        self.weights: dict[str, float] = {"pass": 1.0}
        self.sequence: tuple[str, ...] = ()
        self.idle_close: float | None = None
        self._turn = 0
        self.used: Counter[str] = Counter()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._open: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, name="fault-proxy", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        self._listener.close()
        for sock in self._open:
            try:
                sock.close()
            except OSError:
                pass

    def _pick(self) -> str:
        if self.sequence:
            self._turn += 1
            return self.sequence[(self._turn - 1) % len(self.sequence)]
        names = list(self.weights)
        return self.rng.choices(names, weights=[self.weights[n] for n in names])[0]

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            behaviour = self._pick()
            self.used[behaviour] += 1
            threading.Thread(target=self._serve, args=(client, behaviour), daemon=True).start()

    def _serve(self, client: socket.socket, behaviour: str) -> None:
        self._open.append(client)
        try:
            if behaviour == "drop":
                client.close()
                return
            if behaviour == "half_open":
                client.recv(65536)
                self._stop.wait(60)  # never answers; the kiosk's read timeout must end it
                return
            if behaviour == "garbage":
                client.recv(65536)
                client.sendall(bytes(self.rng.getrandbits(8) for _ in range(self.rng.randint(1, 2000))))
                client.close()
                return
            upstream = socket.create_connection(self.target, timeout=30)
            self._open.append(upstream)
            if behaviour == "delay":
                time.sleep(self.rng.uniform(0.05, 0.8))
            if behaviour == "reset":
                self._reset_after_answer(client, upstream)
            else:
                self._relay(client, upstream)
        except OSError:
            pass

    def _relay(self, client: socket.socket, upstream: socket.socket) -> None:
        """Forward both ways until either side closes (or, with `idle_close`, the connection
        has been idle that long with no request waiting for its answer)."""
        with selectors.DefaultSelector() as selector:
            selector.register(client, selectors.EVENT_READ, upstream)
            selector.register(upstream, selectors.EVENT_READ, client)
            last, waiting = time.monotonic(), False
            try:
                while not self._stop.is_set():
                    events = selector.select(timeout=0.05)
                    idle = time.monotonic() - last
                    if not events and self.idle_close is not None and not waiting and idle >= self.idle_close:
                        return
                    for key, _ in events:
                        src: socket.socket = key.fileobj  # type: ignore[assignment]
                        chunk = src.recv(65536)
                        if not chunk:
                            return
                        key.data.sendall(chunk)
                        last, waiting = time.monotonic(), src is client
            except OSError:
                pass
            finally:
                client.close()
                upstream.close()

    def _reset_after_answer(self, client: socket.socket, upstream: socket.socket) -> None:
        """Forward the request; once the server answers (it has processed the request), send
        the kiosk half of the answer, then an RST."""

        def forward(src: socket.socket, dst: socket.socket) -> None:
            try:
                while chunk := src.recv(65536):
                    dst.sendall(chunk)
            except OSError:
                pass

        threading.Thread(target=forward, args=(client, upstream), daemon=True).start()
        answer = upstream.recv(65536)
        client.sendall(answer[: max(1, len(answer) // 2)])
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        client.close()
        upstream.close()
