"""`coworking-netserver staff add|list|disable|enable|pin`: the staff of a space.

The rules (PIN strength, a PIN once per space, a name once per space) live in
netserver/services/staff.py; this module only asks for what is missing and prints.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from kiosk.core import messages

from ..services import audit, spaces, staff
from ..services.errors import DomainError
from .base import CliError, language, open_database, out, translated

_YES = {"de": ("j", "ja", "y", "yes"), "en": ("y", "yes")}


def _ask_pin(args: argparse.Namespace) -> str:
    """The PIN from --pin, else typed twice on the terminal (not echoed)."""
    if args.pin:
        return str(args.pin)
    pin = getpass.getpass("PIN: ")
    if sys.stdin.isatty() and getpass.getpass("PIN (again / noch einmal): ") != pin:
        raise CliError(translated("staff.pin_mismatch", {}, args))
    return pin


def _confirm_same_name(args: argparse.Namespace, exc: DomainError) -> bool:
    """On a terminal: ask whether a second person of the same name is meant."""
    title, question = messages.text("staff.ask_same_name", exc.params, language(args))
    sys.stderr.write(f"{title}: {question}")
    sys.stderr.flush()
    answer = sys.stdin.readline().strip().casefold()
    return answer in _YES[language(args)]


def _add(args: argparse.Namespace) -> None:
    pin = _ask_pin(args)
    with open_database(args).write() as session:
        try:
            row = staff.add_staff(
                session,
                display_name=args.name,
                space=args.space,
                pin=pin,
                allow_same_name=args.allow_same_name,
            )
        except DomainError as exc:
            if exc.key != "staff.name_taken":
                raise
            if not (sys.stdin.isatty() and _confirm_same_name(args, exc)):
                key = "staff.name_taken.cli" if not sys.stdin.isatty() else "staff.not_added"
                raise CliError(translated(key, exc.params, args)) from None
            row = staff.add_staff(
                session, display_name=args.name, space=args.space, pin=pin, allow_same_name=True
            )
        audit.record(session, actor="cli", action="staff.add", detail=str(row.id), space_id=row.space_id)
        out(f"staff {row.id} {row.display_name} (space {row.space_id})")


def _list(args: argparse.Namespace) -> None:
    with open_database(args).read() as session:
        space_id = spaces.get_space(session, args.space).id if args.space else None
        slugs = {s.id: s.slug for s in spaces.list_spaces(session)}
        for row in staff.list_staff(session, space_id):
            state = "active" if row.active else "disabled"
            out(f"{row.id}\t{slugs.get(row.space_id, row.space_id)}\t{row.display_name}\t{state}")


def _set_active(active: bool) -> Any:
    def run(args: argparse.Namespace) -> None:
        with open_database(args).write() as session:
            row = staff.set_staff_active(session, args.staff_id, active)
            action = "staff.enable" if active else "staff.disable"
            audit.record(session, actor="cli", action=action, detail=str(row.id), space_id=row.space_id)
            state = "enabled" if active else "disabled: the PIN stops working at each kiosk's next sync"
            out(f"staff {row.id} {row.display_name} {state}")

    return run


def _pin(args: argparse.Namespace) -> None:
    with open_database(args).read() as session:
        staff.get_staff(session, args.staff_id)  # a clear message before asking for a PIN
    pin = _ask_pin(args)
    with open_database(args).write() as session:
        row = staff.set_staff_pin(session, args.staff_id, pin)
        audit.record(session, actor="cli", action="staff.pin", detail=str(row.id), space_id=row.space_id)
        out(f"staff {row.id} {row.display_name}: new PIN set (kiosks use it after their next sync)")


def register(sub: Any) -> None:
    g = sub.add_parser("staff", help="staff of a space").add_subparsers(dest="staff_command", required=True)
    p = g.add_parser("add", help="add a staff member (PIN asked for when --pin is missing)")
    p.add_argument("name")
    p.add_argument("--space", required=True)
    p.add_argument("--pin", help="6 to 32 digits, not trivial (asked for when missing)")
    p.add_argument(
        "--allow-same-name", action="store_true", help="add a second person with the name of an existing one"
    )
    p.set_defaults(func=_add)
    p = g.add_parser("list", help="id, space, name and state of every staff member")
    p.add_argument("--space", help="only this space (id or slug)")
    p.set_defaults(func=_list)
    p = g.add_parser("disable", help="the PIN stops working at every kiosk at its next sync")
    p.add_argument("staff_id", type=int, metavar="STAFF_ID")
    p.set_defaults(func=_set_active(False))
    p = g.add_parser("enable", help="let a disabled staff member unlock the desk again")
    p.add_argument("staff_id", type=int, metavar="STAFF_ID")
    p.set_defaults(func=_set_active(True))
    p = g.add_parser("pin", help="change a staff member's PIN (asked for when --pin is missing)")
    p.add_argument("staff_id", type=int, metavar="STAFF_ID")
    p.add_argument("--pin", help="the new PIN")
    p.set_defaults(func=_pin)


__all__ = ["register"]
