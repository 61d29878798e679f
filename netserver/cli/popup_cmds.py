"""`coworking-netserver popup add|list|cancel|code|guest-day`: pop-up coworking (docs/popups.md).

The rules live in netserver/services/popups.py; this module parses, records the audit entry
and prints. `popup add` prints the pop-up's kiosk enrollment code, which expires at its end.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk.core.credentials import EnrollmentCode, display_groups
from kiosk.core.qr import qr_png

from ..db import Popup
from ..private_files import write_private
from ..services import audit, network, popups
from .base import open_database, out


def _when(popup: Popup, tz: str) -> str:
    from kiosk.core.calendar import NetworkCalendar

    calendar = NetworkCalendar(tz)
    start, end = calendar.local(popup.starts_at), calendar.local(popup.ends_at)
    return f"{start:%Y-%m-%d %H:%M}-{end:%H:%M}"


def _print_code(code: EnrollmentCode, popup: Popup, tz: str, png: str | None) -> None:
    if png:
        write_private(Path(png), qr_png(code.text))  # a one-time secret: 0600
    out(code.text)
    out(
        f"({display_groups(code.text)}; one-time kiosk code, valid until the pop-up ends: {_when(popup, tz)})"
    )
    if png:
        out(f"wrote {png}")


def _add(args: argparse.Namespace) -> None:
    request = popups.PopupRequest(
        place=args.place,
        address=args.address,
        town=args.town,
        day=args.date,
        start=args.start,
        end=args.end,
        host=args.host,
        space=args.space,
    )
    with open_database(args).write() as session:
        popup = popups.add_popup(session, request, actor="cli")
        audit.record(session, actor="cli", action="popup.add", detail=str(popup.id), space_id=popup.space_id)
        tz = network.get_network(session).timezone
        out(f"pop-up {popup.id}: {popup.place}, {popup.town}, {_when(popup, tz)} (space {popup.space_id})")
        if not args.no_code:
            _print_code(popups.popup_code(session, popup.id), popup, tz, args.png)


def _list(args: argparse.Namespace) -> None:
    with open_database(args).read() as session:
        tz = network.get_network(session).timezone
        for p in popups.list_popups(session, upcoming=not args.all):
            state = "cancelled" if p.cancelled else "planned"
            where = ", ".join(part for part in (p.place, p.address, p.town) if part)
            out(f"{p.id}\t{_when(p, tz)}\t{where}\thost {p.host_name}\tspace {p.space_id}\t{state}")


def _cancel(args: argparse.Namespace) -> None:
    with open_database(args).write() as session:
        popup = popups.cancel_popup(session, args.popup_id)
        audit.record(
            session, actor="cli", action="popup.cancel", detail=str(popup.id), space_id=popup.space_id
        )
        out(f"pop-up {popup.id} ({popup.place}, {popup.town}) cancelled")


def _code(args: argparse.Namespace) -> None:
    with open_database(args).write() as session:
        code = popups.popup_code(session, args.popup_id)
        popup = popups.get_popup(session, args.popup_id)
        audit.record(session, actor="cli", action="popup.code", detail=str(popup.id), space_id=popup.space_id)
        _print_code(code, popup, network.get_network(session).timezone, args.png)


def _guest_day(args: argparse.Namespace) -> None:
    counts = args.state == "on"
    with open_database(args).write() as session:
        popups.set_popup_guest_day(session, counts)
        audit.record(session, actor="cli", action="network.popup_guest_day", detail=args.state)
    out("check-ins at pop-ups " + ("use a guest day" if counts else "use no guest day"))


def register(sub: Any) -> None:
    g = sub.add_parser("popup", help="pop-up coworking (a café, a library, for a few hours)")
    g = g.add_subparsers(dest="popup_command", required=True)
    p = g.add_parser("add", help="plan a pop-up and print its kiosk code")
    p.add_argument("--place", required=True, help='e.g. "Café Kranich"')
    p.add_argument("--address", default="", help='e.g. "Markt 3"')
    p.add_argument("--town", required=True)
    p.add_argument("--date", required=True, help="YYYY-MM-DD (network time zone)")
    p.add_argument("--from", dest="start", required=True, help="HH:MM")
    p.add_argument("--to", dest="end", required=True, help="HH:MM")
    p.add_argument("--host", required=True, help="a member number, or a coordinator's name")
    p.add_argument("--space", help="the hosting space (default: a member host's home space)")
    p.add_argument("--png", help="also write the kiosk code as a QR image")
    p.add_argument(
        "--no-code", action="store_true", help="print no kiosk code (get one later: popup code ID)"
    )
    p.set_defaults(func=_add)
    p = g.add_parser("list", help="upcoming pop-ups (--all: past and cancelled too)")
    p.add_argument("--all", action="store_true")
    p.set_defaults(func=_list)
    p = g.add_parser("cancel", help="cancel a pop-up: it leaves the boards, its kiosks stop")
    p.add_argument("popup_id", type=int)
    p.set_defaults(func=_cancel)
    p = g.add_parser("code", help="a new one-time kiosk code that expires with the pop-up")
    p.add_argument("popup_id", type=int)
    p.add_argument("--png")
    p.set_defaults(func=_code)
    p = g.add_parser("guest-day", help="whether a check-in at a pop-up uses a guest day (default: off)")
    p.add_argument("state", choices=("on", "off"))
    p.set_defaults(func=_guest_day)


__all__ = ["register"]
