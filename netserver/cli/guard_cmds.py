"""`admin-token list|revoke`, `month close`, `conflicts [count|dismiss ID]`: issue 13 (and 16).

`admin-token` alone (or `admin-token create`) still creates a token, as before.
"""

from __future__ import annotations

import argparse
from typing import Any

from ..services import conflicts, tokens
from ..services.report import parse_month
from ..services.settlement import close_month, list_conflicts
from .base import CliError, open_database, out


def _token_create(args: argparse.Namespace) -> None:
    with open_database(args).write() as session:
        out(tokens.create_admin_token(session, args.label))


def _token_list(args: argparse.Namespace) -> None:
    with open_database(args).read() as session:
        for row in tokens.list_admin_tokens(session):
            state = f"revoked {row.revoked_at:%Y-%m-%d %H:%M} UTC" if row.revoked_at else "active"
            out(f"{row.id}\t{row.label or '-'}\tcreated {row.created_at:%Y-%m-%d %H:%M} UTC\t{state}")


def _token_revoke(args: argparse.Namespace) -> None:
    with open_database(args).write() as session:
        row = tokens.revoke_admin_token(session, args.token_id)
        out(f"admin token {row.id} ({row.label or '-'}) revoked; it stops working at once")


def _month_close(args: argparse.Namespace) -> None:
    try:
        year, month = parse_month(args.month)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    with open_database(args).write() as session:
        row = close_month(session, year, month, by="cli")
        out(f"{row.month:%Y-%m} is closed: facts that arrive for it are held as conflicts (`conflicts`)")


def _conflicts(args: argparse.Namespace) -> None:
    with open_database(args).read() as session:
        rows = list_conflicts(session, args.space)
        for c in rows:
            member = c.member_number if c.member_number is not None else "-"
            when = f"{c.received_at:%Y-%m-%d %H:%M}"
            decided = f"\t{c.resolution} by {c.resolved_by}" if c.resolution else "\twaiting"
            out(f"{when}\tspace {c.space_id}\tmember {member}\t{c.problem}\t{c.detail}\tid {c.id}{decided}")
        if not rows:
            out("no conflicts")


def _conflict_decide(args: argparse.Namespace) -> None:
    with open_database(args).write() as session:
        row = conflicts.get_conflict(session, args.conflict_id)
        if args.conflicts_command == "count":
            conflicts.count(session, row, "cli")
            out(f"held fact {row.id} counted: it is a check-in now")
        else:
            conflicts.dismiss(session, row, "cli")
            out(f"held fact {row.id} dismissed: it stays uncounted")


def register(sub: Any) -> None:
    p = sub.add_parser("admin-token", help="admin tokens: create (default), list, revoke")
    p.add_argument("--label", default="", help="for a new token")
    p.set_defaults(func=_token_create)
    g = p.add_subparsers(dest="admin_token_command", required=False)
    c = g.add_parser("create", help="create another admin token (shown once)")
    c.add_argument("--label", default="")
    c.set_defaults(func=_token_create)
    g.add_parser("list", help="every admin token, active or revoked").set_defaults(func=_token_list)
    r = g.add_parser("revoke", help="revoke an admin token (it stops working at once)")
    r.add_argument("token_id", type=int)
    r.set_defaults(func=_token_revoke)

    m = sub.add_parser("month", help="settled months").add_subparsers(dest="month_command", required=True)
    c = m.add_parser("close", help="close a month that has ended: its counts stop changing")
    c.add_argument("month", help="YYYY-MM")
    c.set_defaults(func=_month_close)

    p = sub.add_parser(
        "conflicts", help="uploaded facts held for staff instead of counted: list, count, dismiss"
    )
    p.add_argument("--space", type=int)
    p.set_defaults(func=_conflicts)
    g = p.add_subparsers(dest="conflicts_command", required=False)
    for name, what in (
        ("count", "store a held fact as the check-in it describes (not for a closed month)"),
        ("dismiss", "keep a held fact uncounted, marked as decided"),
    ):
        d = g.add_parser(name, help=what)
        d.add_argument("conflict_id", type=int, help="the id `conflicts` lists")
        d.set_defaults(func=_conflict_decide)
