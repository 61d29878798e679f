"""`coworking-netserver user add|list|disable`: accounts of the web admin."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from ..services import admin_users, audit
from ..services.spaces import get_space
from .base import CliError, open_database, out, settings_for


def _read_password() -> str:
    """From the terminal (asked twice), or the first line of standard input when it is not one."""
    if sys.stdin is None:
        raise CliError("no standard input to read a password from: use --link")
    if not sys.stdin.isatty():
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise CliError("no password on standard input (or use --link)")
        return line
    first = getpass.getpass(f"Password ({admin_users.MIN_PASSWORD} characters or more): ")
    if getpass.getpass("Password again: ") != first:
        raise CliError("the two passwords differ")
    return first


def setup_link(args: argparse.Namespace, token: str) -> str:
    settings = settings_for(args)
    base = (args.base_url or f"http://{settings.host}:{settings.port}").rstrip("/")
    return f"{base}/admin/setup/{token}"


def _add(args: argparse.Namespace) -> None:
    password = None if args.link else admin_users.check_password(_read_password())
    with open_database(args).write() as session:
        user = admin_users.add_user(session, name=args.name, role=args.role, space=args.space)
        if password is not None:
            admin_users.set_password(session, user, password)
            token = None
        else:
            token = admin_users.create_setup_token(session, user)
        audit.record(
            session,
            actor="cli",
            action="admin.user_add",
            space_id=user.space_id,
            detail=f"user {user.name} ({user.role})",
        )
        where = f", space {get_space(session, user.space_id).slug}" if user.space_id else ""
    out(f"user {user.name} ({user.role}{where})")
    if token is not None:
        out("One-time link to set the password (valid 3 days):")
        out(setup_link(args, token))


def _list(args: argparse.Namespace) -> None:
    with open_database(args).read() as session:
        slugs = {}
        for user in admin_users.list_users(session):
            if user.space_id is not None and user.space_id not in slugs:
                slugs[user.space_id] = get_space(session, user.space_id).slug
            state = "active" if user.active else "disabled"
            if user.active and not user.password_hash:
                state = "no password yet"
            where = slugs[user.space_id] if user.space_id is not None else "-"
            out(f"{user.name}\t{user.role}\t{where}\t{state}")


def _disable(args: argparse.Namespace) -> None:
    with open_database(args).write() as session:
        user = admin_users.disable_user(session, args.name)
        audit.record(
            session,
            actor="cli",
            action="admin.user_disable",
            space_id=user.space_id,
            detail=f"user {user.name}",
        )
    out(f"user {user.name} disabled; their sessions ended")


def register(sub: Any) -> None:
    group = sub.add_parser("user", help="accounts of the web admin (/admin/)")
    g = group.add_subparsers(dest="user_command", required=True)
    p = g.add_parser("add", help="add a coordinator (--role network) or a space's manager (--role space)")
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=admin_users.ROLES)
    p.add_argument("--space", help="the space of a manager (slug)")
    p.add_argument("--link", action="store_true", help="print a one-time link to set the password instead")
    p.add_argument("--base-url", help="the admin's address for --link (default: http://HOST:PORT)")
    p.set_defaults(func=_add)
    g.add_parser("list").set_defaults(func=_list)
    p = g.add_parser("disable", help="the user cannot sign in any more")
    p.add_argument("name")
    p.set_defaults(func=_disable)
