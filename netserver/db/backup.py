"""`coworking-netserver backup FILE` and `restore FILE` (docs/operations.md, "Back up and restore").

- SQLite: SQLite's online backup API (a consistent copy while the server runs; WAL included);
  the backup is itself a SQLite file. Restore copies it into a new file beside the target and
  renames it over the target (stop the server first).
- PostgreSQL: `pg_dump --format=custom` and `pg_restore` (found on PATH, else in
  /usr/lib/postgresql/<newest>/bin; `COWORKING_PG_BIN` names the directory). The password goes
  to the tools in PGPASSWORD, never on their command line.

A restore refuses a non-empty database unless `force`; afterwards the migrations run, so a
backup taken before an upgrade comes up to the current schema. Kiosks notice nothing but a full
re-sync: a restored database's change sequence is behind their cursors (services/sync.py).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import URL, make_url

from .migrate import upgrade

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"
TOOL_TIMEOUT = 3600.0  # seconds; a dump of a large network takes minutes, never hours


class BackupError(Exception):
    """A user-facing failure (the CLI prints it without a traceback)."""


def backup(url: str, target: Path) -> None:
    parsed = make_url(url)
    target = Path(target)
    if target.exists():
        raise BackupError(f"{target} exists; choose a new file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    if parsed.get_backend_name() == "sqlite":
        _sqlite_backup(_sqlite_path(parsed), target)
    elif parsed.get_backend_name() == "postgresql":
        _run_pg("pg_dump", parsed, ["--format=custom", "--no-owner", f"--file={target}"])
    else:
        raise BackupError(f"cannot back up a {parsed.get_backend_name()} database")


def restore(url: str, source: Path, *, force: bool = False) -> None:
    parsed = make_url(url)
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"{source}: no such file")
    with source.open("rb") as handle:
        head = handle.read(16)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if not head.startswith(SQLITE_MAGIC):
            raise BackupError(f"{source} is not a SQLite backup (a PostgreSQL dump needs a PostgreSQL URL)")
        if not force and _has_tables(url):
            raise BackupError("the target database is not empty; use --force to replace it")
        _sqlite_restore(source, _sqlite_path(parsed))
    elif backend == "postgresql":
        if not head.startswith(PG_MAGIC):
            raise BackupError(f"{source} is not a pg_dump custom-format file")
        nonempty = _has_tables(url)
        if nonempty and not force:
            raise BackupError("the target database is not empty; use --force to replace it")
        # --dbname is the database's name only: host, user and password come from the environment
        options = [f"--dbname={parsed.database}", "--no-owner", "--exit-on-error", "--single-transaction"]
        if nonempty:
            options += ["--clean", "--if-exists"]
        _run_pg("pg_restore", parsed, [*options, str(source)])
    else:
        raise BackupError(f"cannot restore into a {backend} database")
    upgrade(url)


# -- SQLite -----------------------------------------------------------------------------------


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(url.database)


def _sqlite_backup(path: Path, target: Path) -> None:
    if not path.is_file():
        raise BackupError(f"{path}: no such database")
    partial = target.with_name(target.name + ".partial")
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        dest = sqlite3.connect(partial)
        try:
            source.backup(dest, pages=1024)  # in steps: writers are not held up for long
            dest.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            dest.close()
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"backup of {path} failed: {exc}") from exc
    finally:
        source.close()
    os.replace(partial, target)


def _sqlite_restore(source: Path, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".restoring")
    partial.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            if src.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                raise BackupError(f"{source} is damaged (integrity check failed)")
            dest = sqlite3.connect(partial)
            try:
                src.backup(dest)
            finally:
                dest.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"restore from {source} failed: {exc}") from exc
    for suffix in ("-wal", "-shm"):  # the old database's journal must not be replayed into the new
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(partial, path)


def _has_tables(url: str) -> bool:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and not _sqlite_path(parsed).exists():
        return False
    engine = create_engine(parsed)
    try:
        with engine.connect() as conn:
            return bool(inspect(conn).get_table_names())
    finally:
        engine.dispose()


# -- PostgreSQL -------------------------------------------------------------------------------


def pg_tool(name: str) -> str:
    """The path of `pg_dump` / `pg_restore`."""
    configured = os.environ.get("COWORKING_PG_BIN")
    if configured:
        candidate = Path(configured) / name
        if candidate.is_file():
            return str(candidate)
        raise BackupError(f"COWORKING_PG_BIN={configured} has no {name}")
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0,
    )
    if versions:
        return str(versions[-1])
    raise BackupError(f"{name} not found: install postgresql-client (or set COWORKING_PG_BIN)")


def _pg_env(url: URL) -> dict[str, str]:
    env = dict(os.environ)
    host = url.host or str(url.query.get("host", "") or "")
    for key, value in (
        ("PGHOST", host),
        ("PGPORT", str(url.port) if url.port else ""),
        ("PGUSER", url.username or ""),
        ("PGPASSWORD", url.password or ""),
        ("PGDATABASE", url.database or ""),
    ):
        if value:
            env[key] = str(value)
    return env


def _run_pg(tool: str, url: URL, arguments: list[str]) -> None:
    command = [pg_tool(tool), *arguments]
    try:
        done = subprocess.run(
            command, env=_pg_env(url), capture_output=True, text=True, timeout=TOOL_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise BackupError(f"{tool} took longer than {TOOL_TIMEOUT:.0f} s") from exc
    if done.returncode != 0:
        message = (done.stderr or done.stdout).strip().splitlines()
        raise BackupError(f"{tool} failed: {' '.join(message[-3:]) or done.returncode}")
