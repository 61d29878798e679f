"""`coworking-netserver`: initialise a network, serve it, and administer it from the shell.

Each sub-command sets `func(args) -> int | None` with `set_defaults`: the core commands in
`commands.py`, the file-based ones (demo-seed, imports, report) in `tools.py`; both use
`open_database(args)` and `out()` from `base.py` (also re-exported here). Run as
`coworking-netserver`, `python -m netserver` or `python -m netserver.cli`.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from sqlalchemy.exc import OperationalError, ProgrammingError

from ..services.errors import DomainError
from .base import (
    EXIT_PIPE,
    EXIT_USAGE,
    CliError,
    err,
    flush_stdout,
    open_database,
    out,
    settings_for,
    translated,
)

__all__ = [
    "EXIT_PIPE",
    "EXIT_USAGE",
    "CliError",
    "build_parser",
    "main",
    "open_database",
    "out",
    "settings_for",
]


def build_parser() -> argparse.ArgumentParser:
    from . import commands, guard_cmds, popup_cmds, staff_commands, tools, users

    parser = argparse.ArgumentParser(prog="coworking-netserver", description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", help="directory of the SQLite database (env COWORKING_DATA_DIR)")
    parser.add_argument(
        "--database-url", help="SQLAlchemy URL, e.g. postgresql+psycopg://... (env COWORKING_DATABASE_URL)"
    )
    parser.add_argument(
        "--lang", choices=("de", "en"), help="language of messages (default: the locale's, else German)"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.register(sub)
    guard_cmds.register(sub)
    popup_cmds.register(sub)
    staff_commands.register(sub)
    tools.register(sub)
    users.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code = args.func(args)
    except DomainError as exc:
        err(translated(exc.key, exc.params, args) if exc.key else str(exc))
        return EXIT_USAGE
    except CliError as exc:
        err(str(exc))
        return EXIT_USAGE
    except (OperationalError, ProgrammingError) as exc:
        err(f"database problem: {exc.orig} (did you run `coworking-netserver init`?)")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    flush_stdout()
    return int(code or 0)
