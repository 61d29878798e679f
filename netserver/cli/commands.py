"""The sub-commands of `coworking-netserver` (registered by netserver/cli/__init__.py)."""

from __future__ import annotations

import argparse
import importlib
import os
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from kiosk.core.credentials import display_groups
from kiosk.core.qr import qr_png

from ..db.migrate import upgrade
from ..private_files import private_dir, unused_path, write_private
from ..services import (
    enrollment,
    equipment,
    events,
    kiosks,
    member_links,
    members,
    network,
    passes,
    spaces,
    tokens,
)
from ..settings import shown_database_url
from .base import CliError, open_database, out, settings_for, translated


def _init(args: argparse.Namespace) -> None:
    url = settings_for(args).url
    db = open_database(args)  # creates the data directory
    upgrade(url)
    with db.write() as session:
        net = network.init_network(
            session, name=args.name, timezone=args.timezone, default_guest_days=args.guest_days
        )
        token = tokens.create_admin_token(session, "init")
    out(f"Network {net.name!r} initialised ({net.timezone}, {net.default_guest_days} guest day(s) a month).")
    out(f"Database: {shown_database_url(url)}")
    out("Admin token (shown once, keep it safe):")
    out(token)


def _migrate(args: argparse.Namespace) -> None:
    upgrade(settings_for(args).url)
    out("Database is at the newest schema.")


def _serve(args: argparse.Namespace) -> None:
    import uvicorn

    settings = settings_for(args)
    upgrade(settings.url)
    os.environ["COWORKING_DATABASE_URL"] = settings.url  # for worker processes
    os.environ.setdefault("COWORKING_LOG_JSON", "true")  # structured logs (netserver/api/logs.py)
    if os.environ["COWORKING_LOG_JSON"].lower() in ("1", "true", "yes"):
        from ..api.logs import configure_logging

        configure_logging(settings.log_level)  # the supervising process; each worker does its own
    if args.workers > 1:
        os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(_metrics_dir(settings.resolved_data_dir)))
    host = args.host or settings.host
    port = args.port or settings.port
    uvicorn.run(
        "netserver.api.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=args.workers,
        log_config=None,  # the app configures logging (JSON), in every worker
        access_log=False,  # the app writes its own access line (route templates, request ids)
        proxy_headers=True,
        forwarded_allow_ips=os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
    )


def _metrics_dir(data_dir: Path) -> Path:
    """An empty directory for the workers' metric files (emptied at every start)."""
    import shutil

    path = Path(os.environ.get("RUNTIME_DIRECTORY", "") or data_dir) / "prometheus"
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _space_add(args: argparse.Namespace) -> None:
    with open_database(args).write() as session:
        space = spaces.add_space(session, slug=args.slug, name=args.name, town=args.town, space_id=args.id)
        out(f"space {space.id} {space.slug} {space.name}")


def _space_list(args: argparse.Namespace) -> None:
    with open_database(args).read() as session:
        for space in spaces.list_spaces(session):
            out(f"{space.id}\t{space.slug}\t{space.name}\t{space.town}")


def _plan_add(args: argparse.Namespace) -> None:
    with open_database(args).write() as session:
        plan = spaces.add_plan(
            session, code=args.code, name=args.name or args.code, guest_days_per_month=args.guest_days
        )
        out(f"plan {plan.code}: {plan.guest_days_per_month} guest day(s) a month")


def _member_add(args: argparse.Namespace) -> None:
    with open_database(args).write() as session:
        member = members.add_member(
            session,
            display_name=args.name,
            home_space=args.home,
            plan=args.plan,
            number=args.number,
            email=args.email,
            phone=args.phone,
        )
        out(f"member {member.number} {member.display_name}")


def _member_update(args: argparse.Namespace) -> None:
    changes: dict[str, Any] = {
        "display_name": args.name,
        "home_space": args.home,
        "plan": args.plan,
        "state": args.state,
    }
    with open_database(args).write() as session:
        member = members.update_member(
            session, args.number, **{k: v for k, v in changes.items() if v is not None}
        )
        out(f"member {member.number} {member.display_name} ({member.state}, plan {member.plan_code})")


def _member_link(args: argparse.Namespace) -> None:
    settings = settings_for(args)
    with open_database(args).write() as session:
        credential = passes.issue_pass(session, args.number) if args.new_pass else None
        secret = member_links.create_link(session, args.number, credential)
    out(settings.member_page_url(secret))
    if credential is not None:
        out(  # the code itself never goes to the terminal (issue 11): the page shows it
            f"(new pass serial {credential.serial}, shown on this page; older cards stop working."
            " For a printed card of it: `pass issue NUMBER --out DIR`)"
        )
    else:
        out(
            "(a new link; older links stop working. The server keeps no copy of the card's secret, so"
            " this page shows the pass only once a card is issued with a link: `pass issue` or --new-pass)"
        )


def _space_hours(args: argparse.Namespace) -> None:
    with open_database(args).write() as session:
        space = spaces.set_opening_hours(session, args.space, args.hours)
        out(f"space {space.id} {space.slug}: {space.opening_hours or '(no opening hours)'}")


def _space_capacity(args: argparse.Namespace) -> None:
    with open_database(args).write() as session:
        space = spaces.set_capacity(session, args.space, args.desks)
        out(f"space {space.id} {space.slug}: {space.capacity or 'no'} desks")


def _space_checkout(args: argparse.Namespace) -> None:
    with open_database(args).write() as session:
        space = spaces.set_checkout_by_scan(session, args.space, args.state == "on")
        state = "on: a second scan when leaving checks out" if space.checkout_by_scan else "off"
        out(f"space {space.id} {space.slug}: check-out by scan {state}")


def _printing() -> Any:
    try:
        return importlib.import_module("netserver.printing")
    except ModuleNotFoundError as exc:
        if exc.name not in ("netserver.printing",):
            raise
        return None


def _pass_issue(args: argparse.Namespace) -> None:
    """Issue passes and write them to --out only: the terminal (and its scrollback, a shared
    screen, a CI log) never sees a code, and the files are the owner's alone (0600, new
    directories 0700)."""
    if not args.out:
        raise CliError(translated("cli.pass_issue_needs_out", {}, args))
    printing = _printing()
    out_dir = Path(args.out)
    with open_database(args).write() as session:
        net = network.get_network(session)
        issued = []
        links: list[str] = []  # "number<TAB>member page link" lines
        settings = settings_for(args)
        for number in args.members:
            credential = passes.issue_pass(session, number)
            member = members.get_member(session, number)
            link = settings.member_page_url(member_links.create_link(session, number, credential))
            issued.append((member, credential, link))
            links.append(f"{number}\t{link}\n")
        # Written before the commit: if writing fails, the old cards stay valid.
        try:
            written = _write_passes(session, printing, net.name, issued, out_dir)
        except OSError as exc:
            raise CliError(f"cannot write the passes to {out_dir}: {exc.strerror or exc}") from None
        if links:  # the member page links are secrets like the cards: into a private file too
            links_file = unused_path(out_dir, "member-links", ".txt")
            written.append(write_private(links_file, "".join(links).encode("ascii")))
    for member, credential, _link in issued:
        out(f"pass {member.number} serial {credential.serial} issued")
    for path in written:
        out(f"wrote {path}")


def _write_passes(
    session: Any, printing: Any, network_name: str, issued: list[Any], out_dir: Path
) -> list[Path]:
    private_dir(out_dir)
    if printing is None:
        return [
            write_private(
                out_dir / f"pass-{member.number:05d}-{credential.serial}.txt",
                (credential.text + "\n").encode("ascii"),
            )
            for member, credential, _link in issued
        ]
    cards = [  # the member page link as a second, small code: it was made with this pass
        printing.member_card(
            network=network_name,
            display_name=member.display_name,
            home_space=spaces.get_space(session, member.home_space_id).name,
            code=credential.text,
            link=link,
        )
        for member, credential, link in issued
    ]
    printed = printing.write_cards(cards, out_dir)
    return [*printed.pngs, *printed.pdfs]


def _kiosk_code(args: argparse.Namespace) -> None:
    with open_database(args).write() as session:
        code = enrollment.create_enrollment_code(session, args.space, valid_for=timedelta(days=args.days))
        if args.png:
            write_private(Path(args.png), qr_png(code.text))  # a one-time secret: 0600
    out(code.text)
    out(f"({display_groups(code.text)}; one-time, valid {args.days} day(s))")
    if args.png:
        out(f"wrote {args.png}")


def _kiosk_list(args: argparse.Namespace) -> None:
    with open_database(args).read() as session:
        for k in kiosks.list_kiosks(session):
            state = "revoked" if k.revoked_at else "active"
            seen = k.last_seen_at.isoformat(timespec="seconds") if k.last_seen_at else "never"
            out(f"{k.id}\tspace {k.space_id}\t{k.name}\t{state}\tlast seen {seen}")


def _kiosk_revoke(args: argparse.Namespace) -> None:
    with open_database(args).write() as session:
        kiosk = kiosks.revoke_kiosk(session, args.kiosk_id)
        out(f"kiosk {kiosk.id} ({kiosk.name}) revoked")


def _when(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date and time: {text!r}") from None
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError(f"add a UTC offset, e.g. {text}+01:00")
    return value


def _event_add(args: argparse.Namespace) -> None:
    with open_database(args).write() as session:
        event = events.add_event(
            session,
            space=args.space,
            title=args.title,
            starts_at=args.start,
            ends_at=args.end,
            description=args.description,
            url=args.url,
            series_key=args.series,
        )
        out(f"event {event.id} {event.title}")


def _equipment_add(args: argparse.Namespace) -> None:
    with open_database(args).write() as session:
        item = equipment.add_equipment(
            session,
            space=args.space,
            name=args.name,
            category=args.category,
            status=args.status,
            note=args.note,
        )
        out(f"equipment {item.id} {item.name} (space {item.space_id})")


def _group(sub: Any, name: str, help_text: str) -> Any:
    return sub.add_parser(name, help=help_text).add_subparsers(dest=f"{name}_command", required=True)


def _backup(args: argparse.Namespace) -> int:
    from ..db.backup import BackupError, backup

    try:
        backup(settings_for(args).url, Path(args.file))
    except BackupError as exc:
        raise CliError(str(exc)) from exc
    out(f"backed up to {args.file}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from ..db.backup import BackupError, restore

    try:
        restore(settings_for(args).url, Path(args.file), force=args.force)
    except BackupError as exc:
        raise CliError(str(exc)) from exc
    out(f"restored from {args.file}")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("init", help="create the database and the network; prints an admin token")
    p.add_argument("--name", required=True)
    p.add_argument("--timezone", default="Europe/Berlin")
    p.add_argument("--guest-days", type=int, default=1)
    p.set_defaults(func=_init)
    sub.add_parser("migrate", help="upgrade the database schema").set_defaults(func=_migrate)
    p = sub.add_parser("serve", help="run the HTTP server (uvicorn)")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.add_argument("--workers", type=int, default=1)
    p.set_defaults(func=_serve)

    g = _group(sub, "space", "spaces of the network")
    p = g.add_parser("add")
    p.add_argument("slug")
    p.add_argument("name")
    p.add_argument("--town", default="")
    p.add_argument("--id", type=int)
    p.set_defaults(func=_space_add)
    g.add_parser("list").set_defaults(func=_space_list)
    p = g.add_parser("hours", help='opening hours, e.g. "Mo-Fr 08:00-18:00; Sa 10:00-14:00" ("" clears)')
    p.add_argument("space", help="space id or slug")
    p.add_argument("hours")
    p.set_defaults(func=_space_hours)
    p = g.add_parser("capacity", help="how many desks the space has (the lobby shows how many are free)")
    p.add_argument("space", help="space id or slug")
    p.add_argument("desks", type=int)
    p.set_defaults(func=_space_capacity)
    p = g.add_parser("checkout", help="check-out by scanning again when leaving (default off)")
    p.add_argument("space", help="space id or slug")
    p.add_argument("state", choices=("on", "off"))
    p.set_defaults(func=_space_checkout)

    g = _group(sub, "plan", "membership plans")
    p = g.add_parser("add")
    p.add_argument("code")
    p.add_argument("--name", default="")
    p.add_argument("--guest-days", type=int, required=True)
    p.set_defaults(func=_plan_add)

    g = _group(sub, "member", "members")
    p = g.add_parser("add")
    p.add_argument("name")
    p.add_argument("--home", required=True, help="home space id or slug")
    p.add_argument("--plan", default="standard")
    p.add_argument("--number", type=int)
    p.add_argument("--email")
    p.add_argument("--phone")
    p.set_defaults(func=_member_add)
    p = g.add_parser("update")
    p.add_argument("number", type=int)
    p.add_argument("--name")
    p.add_argument("--home")
    p.add_argument("--plan")
    p.add_argument("--state", choices=members.STATES)
    p.set_defaults(func=_member_update)
    p = g.add_parser("link", help="a new member page link (/me/...); older links stop working")
    p.add_argument("number", type=int)
    p.add_argument("--new-pass", action="store_true", help="also issue a new card, shown on the page")
    p.set_defaults(func=_member_link)

    g = _group(sub, "pass", "member passes")
    p = g.add_parser("issue", help="issue new passes (older cards stop working)")
    p.add_argument("members", type=int, nargs="+", metavar="MEMBER")
    p.add_argument(
        "--out", help="directory for the PNG cards and the PDF sheet (required: codes are never printed)"
    )
    p.set_defaults(func=_pass_issue)

    p = sub.add_parser("backup", help="back up the database into FILE (SQLite copy or pg_dump -Fc)")
    p.add_argument("file")
    p.set_defaults(func=_backup)
    p = sub.add_parser("restore", help="restore FILE into the database, then migrate (stop the server first)")
    p.add_argument("file")
    p.add_argument("--force", action="store_true", help="replace a database that is not empty")
    p.set_defaults(func=_restore)

    g = _group(sub, "kiosk", "kiosks and enrollment codes")
    p = g.add_parser("code", help="a one-time enrollment code for a space")
    p.add_argument("space")
    p.add_argument("--png", help="also write the code as a QR image")
    p.add_argument("--days", type=int, default=7)
    p.set_defaults(func=_kiosk_code)
    g.add_parser("list").set_defaults(func=_kiosk_list)
    p = g.add_parser("revoke")
    p.add_argument("kiosk_id", type=int)
    p.set_defaults(func=_kiosk_revoke)

    g = _group(sub, "event", "events")
    p = g.add_parser("add")
    p.add_argument("--space", required=True)
    p.add_argument("--title", required=True)
    p.add_argument("--start", type=_when, required=True, help="ISO time with offset")
    p.add_argument("--end", type=_when, required=True)
    p.add_argument("--description", default="")
    p.add_argument("--url", default="")
    p.add_argument("--series", default="")
    p.set_defaults(func=_event_add)

    g = _group(sub, "equipment", "shared equipment")
    p = g.add_parser("add")
    p.add_argument("name")
    p.add_argument("--space", required=True)
    p.add_argument("--category", default="")
    p.add_argument("--status", default="ok", choices=equipment.STATUSES)
    p.add_argument("--note", default="")
    p.set_defaults(func=_equipment_add)


__all__ = ["CliError", "register"]
