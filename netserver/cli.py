"""`coworking-netserver`: initialise a network, serve it, and administer it from the shell.

Each sub-command sets `func(args) -> int | None` with `set_defaults`. Add-on commands live in
`netserver.cli_tools.register(subparsers)` and may use `open_database(args)` and `out()`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.exc import OperationalError, ProgrammingError

from .db import Database
from .services.errors import DomainError
from .settings import Settings

EXIT_USAGE = 2


class CliError(Exception):
    """A user-facing error: printed without a traceback, exit code 2."""


def out(text: str = "") -> None:
    """The command line's one way to write to stdout."""
    print(text)  # noqa: T201


def err(text: str) -> None:
    sys.stderr.write(f"coworking-netserver: {text}\n")


def settings_for(args: argparse.Namespace) -> Settings:
    overrides: dict[str, object] = {}
    if getattr(args, "data_dir", None):
        overrides["data_dir"] = Path(args.data_dir)
    if getattr(args, "database_url", None):
        overrides["database_url"] = args.database_url
    return Settings(**overrides)  # type: ignore[arg-type]


def open_database(args: argparse.Namespace) -> Database:
    return Database(settings_for(args).url)


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
    return int(code or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
