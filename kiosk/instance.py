"""One kiosk per data directory: an advisory lock on `<data dir>/kiosk.lock` (Qt-free).

A check-in kiosk holds the lock exclusively for as long as it runs; a second one on the same
data refuses to start (`AlreadyRunning`, with the first one's PID). `--lobby` takes the lock too
when it is alone (it then syncs like a kiosk); beside a running kiosk it shares that kiosk's
data read-only (`shared=True`: no sync of its own, the board refreshes from the database).
The lock is released by the kernel when the process ends, however it ends.
"""

from __future__ import annotations

import fcntl
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO

LOCK_NAME = "kiosk.lock"


class AlreadyRunning(RuntimeError):
    def __init__(self, path: Path, pid: int | None) -> None:
        super().__init__(f"another kiosk (PID {pid or '?'}) uses {path}")
        self.path, self.pid = path, pid


@dataclass
class InstanceLock:
    path: Path
    shared: bool
    _file: IO[str] | None

    @classmethod
    def acquire(cls, data_dir: Path, *, lobby: bool = False) -> InstanceLock:
        data_dir.mkdir(parents=True, exist_ok=True)
        path = data_dir / LOCK_NAME
        handle = path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            text = handle.read().strip()
            handle.close()
            if lobby:
                return cls(path, shared=True, _file=None)
            raise AlreadyRunning(data_dir, int(text) if text.isdigit() else None) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        return cls(path, shared=False, _file=handle)

    def release(self) -> None:
        if self._file is not None:
            try:
                self._file.seek(0)
                self._file.truncate()
            except OSError:
                pass
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._file.close()
            self._file = None
