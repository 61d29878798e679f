"""Files that hold secrets (pass codes): readable by their owner only.

A printed pass's code exists nowhere else (the server keeps a hash), so the PNG cards, the PDF
sheet and the plain-text codes are created with mode 0600, and the directories this module
creates with 0700. A directory that already exists keeps its mode (the caller chose it, e.g. a
shared print folder); the files in it are private all the same. The mode is set when the file
is created, so no other user can open it in between.
"""

from __future__ import annotations

import os
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


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
