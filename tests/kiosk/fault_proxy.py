"""A fault-injecting TCP proxy on 127.0.0.1 between the kiosk and the server (issue 13).

Each new connection gets one behaviour, drawn from `weights`: `pass` (forward both ways),
`drop` (close at once), `delay` (forward after a pause), `reset` (forward the request, send
part of the answer, then an RST), `half_open` (read, never answer, keep the socket open), and
`garbage` (answer random bytes). The request may reach the server in `reset` and `delay`, so
the kiosk sees a failure for a request the server did process: what idempotency is for.
"""

from __future__ import annotations

import random
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
            self._pump(client, upstream, reset=behaviour == "reset")
        except OSError:
            pass

    def _pump(self, client: socket.socket, upstream: socket.socket, *, reset: bool) -> None:
        def forward(src: socket.socket, dst: socket.socket) -> None:
            try:
                while chunk := src.recv(65536):
                    dst.sendall(chunk)
            except OSError:
                pass
            finally:
                try:
                    dst.shutdown(socket.SHUT_WR)
                except OSError:
                    pass

        up = threading.Thread(target=forward, args=(client, upstream), daemon=True)
        up.start()
        if reset:
            answer = upstream.recv(65536)  # the server has the request: answer with half, then RST
            client.sendall(answer[: max(1, len(answer) // 2)])
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            client.close()
            upstream.close()
            return
        forward(upstream, client)
        up.join(timeout=30)
        client.close()
        upstream.close()
