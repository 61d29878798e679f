"""Files that hold secrets (the database, pass cards and codes, demo credentials, enrollment QR
codes) are created readable by their owner only: files 0600, the directories created here 0700.

A printed pass card is the only copy of its secret (the server keeps a hash), and the database
holds token and PIN hashes and members' contact data; the old code created all of them 0644
under a default umask (issue 13). A directory that already exists keeps its mode (the caller
chose it, e.g. a shared print folder); the files in it are private all the same. The mode is set
when a file is created, so no other user can open it in between.
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
    """`path` as a directory; the missing levels are created 0700 (whatever the umask)."""
    missing: list[Path] = []
    current = path
    while not current.exists():
        missing.append(current)
        current = current.parent
    for directory in reversed(missing):
        try:
            directory.mkdir(mode=DIR_MODE)
        except FileExistsError:
            continue
        os.chmod(directory, DIR_MODE)  # mkdir's mode is masked by the umask
    if not path.is_dir():
        raise NotADirectoryError(f"{path} is not a directory")
    return path


def private_file(path: Path) -> Path:
    """Create `path` empty with mode 0600 if it does not exist; make an existing one 0600."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, FILE_MODE)
    os.close(fd)
    os.chmod(path, FILE_MODE)
    return path


def write_private(path: Path, data: bytes) -> Path:
    """Write `data` to `path`, created (or truncated) with mode 0600."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)  # an existing file keeps its mode on O_CREAT
        with os.fdopen(fd, "wb") as stream:
            fd = -1
            stream.write(data)
    finally:
        if fd != -1:
            os.close(fd)
    return path


def unused_path(out_dir: Path, stem: str, suffix: str) -> Path:
    """`out_dir/stem.suffix`, or `stem-2`, `stem-3`, ... if taken: a file whose secrets exist
    nowhere else is never overwritten."""
    candidate, counter = out_dir / f"{stem}{suffix}", 2
    while candidate.exists():
        candidate = out_dir / f"{stem}-{counter}{suffix}"
        counter += 1
    return candidate
