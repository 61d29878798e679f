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
from typing import Any

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


class ProxyProcess:
    """The same proxy in a process of its own, so that its relay threads do not share the
    kiosk's interpreter (GIL) when the GUI's stalls are measured (bench/proxy.py). Configured
    and read through the child's stdin/stdout, one JSON line per command; every wait bounded."""

    def __init__(self, target_port: int, *, seed: int = 13, timeout: float = 10.0) -> None:
        import subprocess
        import sys

        self._timeout = timeout
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "tests.kiosk.fault_proxy", str(target_port), str(seed)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.port = int(self._call({"op": "port"}))
        self.url = f"http://127.0.0.1:{self.port}"

    def _call(self, command: dict[str, object]) -> Any:
        import json

        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._proc.stdin.write(json.dumps(command) + "\n")
        with selectors.DefaultSelector() as selector:
            selector.register(self._proc.stdout, selectors.EVENT_READ)
            if not selector.select(self._timeout):
                raise TimeoutError(f"the fault proxy did not answer {command['op']} in {self._timeout} s")
        return json.loads(self._proc.stdout.readline())["answer"]

    def configure(
        self,
        *,
        sequence: tuple[str, ...] = (),
        weights: dict[str, float] | None = None,
        idle_close: float | None = None,
    ) -> None:
        self._call({"op": "configure", "sequence": list(sequence), "weights": weights or {"pass": 1.0},
                    "idle_close": idle_close})  # fmt: skip

    def take_used(self) -> Counter[str]:
        """The connections by behaviour since the last call."""
        return Counter(self._call({"op": "take_used"}))

    def close(self) -> None:
        try:
            self._call({"op": "close"})
        except (OSError, ValueError, TimeoutError):
            pass
        finally:
            try:
                self._proc.wait(self._timeout)
            except Exception:
                self._proc.kill()
                self._proc.wait(self._timeout)


def _serve_commands(proxy: FaultProxy) -> None:
    import json
    import sys

    for line in sys.stdin:
        command = json.loads(line)
        op, answer = command["op"], None
        if op == "port":
            answer = proxy.port
        elif op == "configure":
            proxy.sequence, proxy._turn = tuple(command["sequence"]), 0
            proxy.weights, proxy.idle_close = dict(command["weights"]), command["idle_close"]
        elif op == "take_used":
            answer, proxy.used = dict(proxy.used), Counter()
        print(json.dumps({"answer": answer}), flush=True)
        if op == "close":
            break
    proxy.close()


if __name__ == "__main__":
    import sys

    _serve_commands(FaultProxy(int(sys.argv[1]), seed=int(sys.argv[2])))
