"""Files that hold secrets (the database, pass cards, demo credentials, enrollment QR codes)
are created readable by their owner only: files 0600, new directories 0700.

A printed pass card is the only copy of its secret (the server keeps a hash), and the
database holds token and PIN hashes and members' contact data; the old code created all of
them 0644 under a default umask (issue 13).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


@contextmanager
def owner_only() -> Iterator[None]:
    """Everything created inside is owner-only (umask 077). The umask is per process: use it
    in commands, not in the server's request threads."""
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


def private_dir(path: Path) -> Path:
    """`path` as a directory; created (with missing parents) 0700."""
    if not path.is_dir():
        with owner_only():
            path.mkdir(parents=True, exist_ok=True)
    return path


def private_file(path: Path) -> Path:
    """Create `path` empty with mode 0600 if it does not exist; make an existing one 0600."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, FILE_MODE)
    os.close(fd)
    os.chmod(path, FILE_MODE)
    return path


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` (replacing it), mode 0600 whatever the file had before."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
