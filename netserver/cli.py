"""`coworking-netserver`: initialise a network, serve it, and administer it from the shell.

Each sub-command sets `func(args) -> int | None` with `set_defaults`. Add-on commands live in
`netserver.cli_tools.register(subparsers)` and may use `open_database(args)` and `out()` from
`netserver.cli_base` (also re-exported here). Run as `coworking-netserver`, `python -m netserver`
or `python -m netserver.cli`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from sqlalchemy.exc import OperationalError, ProgrammingError

from .cli_base import (
    EXIT_PIPE,
    EXIT_USAGE,
    CliError,
    err,
    flush_stdout,
    open_database,
    out,
    settings_for,
)
from .services.errors import DomainError

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
    from . import cli_commands as cmd

    parser = argparse.ArgumentParser(prog="coworking-netserver", description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", help="directory of the SQLite database (env COWORKING_DATA_DIR)")
    parser.add_argument(
        "--database-url", help="SQLAlchemy URL, e.g. postgresql+psycopg://... (env COWORKING_DATABASE_URL)"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    cmd.register(sub)
    try:
        tools = importlib.import_module("netserver.cli_tools")
    except ModuleNotFoundError as exc:
        if exc.name != "netserver.cli_tools":
            raise
    else:
        tools.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code = args.func(args)
    except (CliError, DomainError) as exc:
        err(str(exc))
        return EXIT_USAGE
    except (OperationalError, ProgrammingError) as exc:
        err(f"database problem: {exc.orig} (did you run `coworking-netserver init`?)")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    flush_stdout()
    return int(code or 0)


if __name__ == "__main__":  # pragma: no cover  (`python -m netserver.cli`, same as `python -m netserver`)
    sys.exit(main())
