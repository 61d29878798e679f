"""What every `coworking-netserver` command shares: the user-facing error, output, settings.

Kept out of `netserver/cli/__init__.py` so that the commands import it without a circle.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import NoReturn

from kiosk.core import messages

from ..db import Database
from ..settings import Settings

EXIT_USAGE = 2
EXIT_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a tool whose reader went away


class CliError(Exception):
    """A user-facing error: printed without a traceback, exit code 2."""


def _stdout_closed() -> NoReturn:
    """The reader of stdout went away (`... | head`): stop quietly, as Unix tools do. Standard
    output is pointed at devnull so the interpreter's final flush does not complain again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file descriptor (captured output)
        pass
    raise SystemExit(EXIT_PIPE)


def out(text: str = "") -> None:
    """The command line's one way to write to stdout."""
    try:
        print(text)  # noqa: T201
    except BrokenPipeError:
        _stdout_closed()


def flush_stdout() -> None:
    """Flush stdout before exiting (a pipe is block-buffered: a closed reader shows up here)."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _stdout_closed()


def err(text: str) -> None:
    sys.stderr.write(f"coworking-netserver: {text}\n")


def language(args: argparse.Namespace | None = None) -> str:
    """The language of translated messages: `--lang`, else the locale's (LC_ALL, LC_MESSAGES,
    LANG), else German, the project's default."""
    chosen = getattr(args, "lang", None)
    for value in (chosen, os.environ.get("LC_ALL"), os.environ.get("LC_MESSAGES"), os.environ.get("LANG")):
        if value and value.split(".")[0] not in ("C", "POSIX"):
            return messages.language(value)
    return messages.DEFAULT_LANGUAGE


def translated(key: str, params: dict[str, str | int], args: argparse.Namespace | None = None) -> str:
    """ "Title: detail" of a catalogue entry, for one line on the terminal."""
    title, detail = messages.text(key, params, language(args))
    return f"{title} {detail}" if title.endswith(("?", "!", ".")) else f"{title}: {detail}"


def settings_for(args: argparse.Namespace) -> Settings:
    overrides: dict[str, object] = {}
    if getattr(args, "data_dir", None):
        overrides["data_dir"] = Path(args.data_dir)
    if getattr(args, "database_url", None):
        overrides["database_url"] = args.database_url
    return Settings(**overrides)  # type: ignore[arg-type]


def open_database(args: argparse.Namespace) -> Database:
    return Database(settings_for(args).url)
