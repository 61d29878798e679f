"""A real `coworking-netserver` process on 127.0.0.1 for the kiosk tests and the bench.

The database is migrated and seeded in-process through the server's own services (the same
code its CLI uses); the HTTP server runs as a separate process (`python -m netserver.cli
serve` when that CLI exists, else uvicorn with the app factory and the same settings).
"""

from __future__ import annotations

import itertools
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[2]
_slugs = itertools.count(1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Seeded:
    space_id: int
    slug: str


class NetServer:
    def __init__(self, data_dir: Path, *, port: int | None = None) -> None:
        from netserver.db.engine import Database
        from netserver.db.migrate import upgrade

        self.data_dir = data_dir
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.db_url = f"sqlite:///{data_dir / 'network.db'}"
        upgrade(self.db_url)
        self.db = Database(self.db_url)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None
        self._log = open(data_dir / "server.log", "ab")  # noqa: SIM115 - closed in close()

    # -- process ----------------------------------------------------------------------------

    def command(self) -> list[str]:
        if (ROOT / "netserver" / "cli.py").exists():
            return [
                sys.executable,
                "-m",
                "netserver.cli",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ]
        return [
            sys.executable, "-m", "uvicorn", "--factory", "netserver.api.app:create_app",
            "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning",
        ]  # fmt: skip

    def start(self, timeout: float = 30.0) -> None:
        env = dict(os.environ, COWORKING_DATA_DIR=str(self.data_dir), PYTHONPATH=str(ROOT))
        self.proc = subprocess.Popen(self.command(), cwd=ROOT, env=env, stdout=self._log, stderr=self._log)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}; see {self._log.name}")
            try:
                if requests.get(self.url + "/api/v1/health", timeout=1).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.05)
        raise TimeoutError("server did not answer /api/v1/health")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None

    def close(self) -> None:
        self.stop()
        self.db.dispose()
        self._log.close()

    # -- seeding through the server's services ---------------------------------------------------

    def init_network(self, *, guest_days: int = 1) -> None:
        from netserver.services.network import init_network

        with self.db.write() as s:
            init_network(s, name="Testnetz", timezone="Europe/Berlin", default_guest_days=guest_days)

    def add_space(self, name: str | None = None) -> Seeded:
        from netserver.services.spaces import add_space

        n = next(_slugs)
        slug = f"space-{n}-{os.getpid()}"
        with self.db.write() as s:
            space = add_space(s, slug=slug, name=name or f"Space {n}", town="Stendal")
            return Seeded(space.id, slug)

    def add_member(self, name: str, home_space_id: int) -> tuple[int, str]:
        """A member with a fresh pass: (number, pass text)."""
        from netserver.services.members import add_member
        from netserver.services.passes import issue_pass

        with self.db.write() as s:
            member = add_member(s, display_name=name, home_space=home_space_id)
            number = member.number
            return number, issue_pass(s, number).text

    def add_staff(self, name: str, space_id: int, pin: str) -> int:
        from netserver.services.staff import add_staff

        with self.db.write() as s:
            return add_staff(s, display_name=name, space=space_id, pin=pin).id

    def enrollment_code(self, space_id: int) -> str:
        from netserver.services.enrollment import create_enrollment_code

        with self.db.write() as s:
            return create_enrollment_code(s, space_id).text

    def revoke_kiosk(self, kiosk_id: int) -> None:
        from netserver.services.kiosks import revoke_kiosk

        with self.db.write() as s:
            revoke_kiosk(s, kiosk_id)

    def checkins(self, **where: Any) -> list[dict[str, Any]]:
        """Rows of the server's check-in table (optionally filtered by column values)."""
        from sqlalchemy import select

        from netserver.db import Checkin

        with self.db.read() as s:
            query = select(Checkin)
            for column, value in where.items():
                query = query.where(getattr(Checkin, column) == value)
            return [
                {c.name: getattr(row, c.key) for c in Checkin.__table__.columns if hasattr(row, c.key)}
                for row in s.scalars(query)
            ]

    def overshoots(self) -> list[dict[str, Any]]:
        from sqlalchemy import select

        from netserver.db import Overshoot

        with self.db.read() as s:
            return [
                {
                    "member_number": o.member_number,
                    "month": o.month,
                    "space_ids": o.space_ids,
                    "nonces": o.nonces,
                }
                for o in s.scalars(select(Overshoot))
            ]
