"""Add-on commands of `coworking-netserver`: demo-seed, member import, event import, report.

`netserver.cli.build_parser` calls `register(subparsers)`; bad input ends in `CliError`
(message on stderr, exit code 2, no traceback).
"""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kiosk.core.calendar import NetworkCalendar, utc_now
from kiosk.core.credentials import display_groups

from .. import demo, demo_popups
from ..db.migrate import upgrade
from ..importers.ical import EventImportError, IcsError, apply_events, default_window
from ..importers.ical_worker import parse_ics_bounded
from ..printing import member_card, write_cards
from ..private_files import write_private
from ..services import exports, feeds
from ..services.feed_http import shown_url
from ..services.member_import import ImportPlan, MemberImportError, commit, preview, read_member_file
from ..services.network import get_calendar, get_network
from ..services.report import build_report, parse_month, report_csv, space_names
from ..services.report_xlsx import report_xlsx
from ..services.spaces import get_space
from .base import CliError, err, open_database, out, settings_for

MAX_LISTED_ERRORS = 50


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}") from None


def _write(path: str, text: str) -> None:
    """The demo's credentials (admin token, enrollment codes, sample passes): 0600."""
    try:
        write_private(Path(path), text.encode("utf-8"))
    except OSError as exc:
        raise CliError(f"cannot write {path}: {exc.strerror or exc}") from None


def _problems(path: str, what: str, problems: list[str]) -> CliError:
    shown = problems[:MAX_LISTED_ERRORS]
    more = len(problems) - len(shown)
    lines = [f"{path}: {len(problems)} problem(s), {what}:", *(f"  {p}" for p in shown)]
    if more:
        lines.append(f"  ... and {more} more")
    return CliError("\n".join(lines))


def _demo_seed(args: argparse.Namespace) -> None:
    db = open_database(args)  # creates the data directory
    upgrade(settings_for(args).url)
    today: date = args.today or NetworkCalendar(demo.TIMEZONE).local_date(utc_now())
    try:
        network = demo.seed(db, today, space=args.space)
    except (demo.DemoAlreadySeeded, ValueError) as exc:
        raise CliError(str(exc)) from None
    data = network.to_json()
    if args.out:
        _write(args.out, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        out(f"wrote {args.out}")
    out(f"Demo network {demo.NETWORK_NAME!r} seeded for {today.isoformat()}.")
    out(f"Kiosk enrollment code for {network.space_slug}: {network.enrollment_code}")
    out(f"  ({display_groups(network.enrollment_code)})")
    out("Sample passes (hold them up at the kiosk of that space):")
    for key, sample in network.samples.items():
        who = f"{sample.display_name} ({sample.home_space})"
        out(f"  {key:<12} {sample.text}  {who} -> {sample.expected.value}")
    for number, secret in network.member_links.items():
        sample = network.samples["home_member"]
        out(f"Member page of {sample.display_name} ({number}), open it on a phone:")
        out(f"  {settings_for(args).member_page_url(secret)}")
    if network.popup_code:
        out(f"Pop-up kiosk code ({demo_popups.PLACE}, Werben, tomorrow 09:00-13:00; ends with the pop-up):")
        out(f"  {network.popup_code}")
    out("Staff PINs:")
    for slug, (name, pin) in network.staff_pins.items():
        out(f"  {slug:<13} {pin}  {name}")
    out("Web admin (/admin/ on the server, e.g. http://127.0.0.1:8765/admin/ after `serve`):")
    for name, password, what in network.admins:
        out(f"  user {name:<13} password {password}  ({what})")
    if args.cards:
        _sample_cards(args, network)


def _sample_cards(args: argparse.Namespace, network: demo.DemoNetwork) -> None:
    with open_database(args).read() as session:
        cards = [
            member_card(
                network=demo.NETWORK_NAME,
                display_name=sample.display_name,
                home_space=get_space(session, sample.home_space).name,
                code=sample.text,
            )
            for sample in network.samples.values()
        ]
    try:
        printed = write_cards(cards, Path(args.cards))
    except OSError as exc:
        raise CliError(f"cannot write cards to {args.cards}: {exc.strerror or exc}") from None
    for path in (*printed.pngs, *printed.pdfs):
        out(f"wrote {path}")


def _member_import(args: argparse.Namespace) -> None:
    """Read and check the file outside any transaction, preview in a read transaction, then
    (without --dry-run) commit in a short writing one."""
    member_file = read_member_file(_read(args.file))
    db = open_database(args)
    with db.read() as session:
        plan = preview(session, member_file)
    if args.dry_run:
        _print_plan(args.file, plan)
        return
    if plan.refused:
        for warning in plan.warnings:
            err(f"warning: {warning}")
        raise _problems(args.file, "nothing imported", [str(r) for r in plan.refused])
    try:
        with db.write() as session:
            summary = commit(session, plan)
    except MemberImportError as exc:
        raise _problems(args.file, "nothing imported", [str(r) for r in exc.refusals]) from None
    for warning in plan.warnings:
        out(f"warning: {warning}")
    out(
        f"{args.file}: {summary.created} member(s) added, {summary.updated} updated, "
        f"{summary.unchanged} unchanged."
    )


def _print_plan(path: str, plan: ImportPlan) -> None:
    counts = plan.counts()
    out(f"{path}: {plan.source}")
    for warning in plan.warnings:
        out(f"warning: {warning}")
    out(
        f"dry run, nothing written: would add {counts['added']}, change {counts['changed']}, "
        f"leave {counts['unchanged']} unchanged; {counts['refused']} refused"
    )
    listed = 0
    for planned in plan.members:
        if planned.action == "unchanged":
            continue
        listed += 1
        if listed > MAX_LISTED_ERRORS:
            continue
        member = planned.member
        if planned.action == "add":
            what = f"{member.home_space}, {member.plan or 'standard'}, {member.state.value}"
            out(f"  line {planned.line}: add {planned.number} {member.display_name} ({what})")
        else:
            changes = "; ".join(f"{c.field} {c.old or '-'} -> {c.new or '-'}" for c in planned.changes)
            out(f"  line {planned.line}: change {planned.number}: {changes}")
    if listed > MAX_LISTED_ERRORS:
        out(f"  ... and {listed - MAX_LISTED_ERRORS} more added or changed")
    for refusal in plan.refused[:MAX_LISTED_ERRORS]:
        out(f"  refused {refusal}")
    if len(plan.refused) > MAX_LISTED_ERRORS:
        out(f"  ... and {len(plan.refused) - MAX_LISTED_ERRORS} more refused")


def _event_import(args: argparse.Namespace) -> None:
    """Parse in a bounded child process with no transaction open, then apply in a short one."""
    data = _read(args.file)
    db = open_database(args)
    with db.read() as session:
        calendar = get_calendar(session)
        window = default_window(calendar.local_date(utc_now()), calendar.timezone)
    try:
        parsed = parse_ics_bounded(data, timezone=calendar.timezone, window=window)
    except IcsError as exc:
        raise CliError(f"{args.file}: {exc}") from None
    try:
        with db.write() as session:
            summary = apply_events(session, parsed, default_space=args.space, strict=args.strict)
    except EventImportError as exc:
        raise _problems(args.file, "nothing imported", list(exc.problems)) from None
    out(f"{args.file}: {summary.line()}.")
    for warning in summary.warnings:
        out(f"warning: {warning}")
    for skipped in summary.skipped[:MAX_LISTED_ERRORS]:
        out(f"left out: {skipped}")
    if len(summary.skipped) > MAX_LISTED_ERRORS:
        out(f"left out: ... and {len(summary.skipped) - MAX_LISTED_ERRORS} more")


def _event_subscribe(args: argparse.Namespace) -> None:
    db = open_database(args)
    with db.write() as session:
        feed = feeds.subscribe(session, args.url, space=args.space, interval_minutes=args.every)
        feed_id, url = feed.id, feed.url
    out(f"feed {feed_id}: {shown_url(url)}, fetched every {args.every} minute(s)")
    if not args.no_fetch:
        _print_fetch(feeds.fetch_feed(db, feed_id, force=True))


def _print_fetch(result: feeds.FeedResult) -> None:
    if result.status == "error":
        raise CliError(f"feed {result.feed_id}: fetch failed: {result.message} (will retry)")
    if result.status == "busy":
        out(f"feed {result.feed_id}: another server process is fetching it right now")
    elif result.status == "not_modified":
        out(f"feed {result.feed_id}: not modified since the last fetch")
    else:
        out(f"feed {result.feed_id}: {result.message}")


def _event_feeds(args: argparse.Namespace) -> None:
    with open_database(args).read() as session:
        calendar = get_calendar(session)
        rows = feeds.list_feeds(session)
        if not rows:
            out("no calendar feeds (subscribe with: event subscribe URL --space SLUG)")
        for feed in rows:
            space = get_space(session, feed.space_id).slug if feed.space_id else "(X-SPACE/LOCATION)"

            def local(value: datetime | None) -> str:
                return calendar.local(value).strftime("%Y-%m-%d %H:%M") if value else "never"

            status = feed.last_status or "not fetched yet"
            out(f"feed {feed.id}: {shown_url(feed.url)}")
            count = feeds.count_events(session, feed.id)
            out(f"  space {space}, every {feed.interval_minutes} min, {count} event(s)")
            out(f"  last fetch {local(feed.last_fetch_at)}: {status}; next {local(feed.next_fetch_at)}")
            if feed.last_error:
                out(f"  error ({feed.failures} in a row): {feed.last_error}")
            if feed.last_summary:
                out(f"  last import ({local(feed.last_success_at)}): {feed.last_summary.splitlines()[0]}")
                for line in feed.last_summary.splitlines()[1:MAX_LISTED_ERRORS]:
                    out(f"    {line}")


def _event_fetch(args: argparse.Namespace) -> None:
    db = open_database(args)
    if args.feeds:
        for feed_id in args.feeds:
            _print_fetch(feeds.fetch_feed(db, feed_id, force=True))
        return
    results = feeds.run_due(db)
    if not results:
        out("no feed is due")
    failed = [r for r in results if r.status == "error"]
    for result in results:
        if result.status != "error":
            _print_fetch(result)
    if failed:
        raise CliError("\n".join(f"feed {r.feed_id}: fetch failed: {r.message}" for r in failed))


def _event_unsubscribe(args: argparse.Namespace) -> None:
    with open_database(args).write() as session:
        removed = feeds.unsubscribe(session, args.feed)
    out(f"feed {args.feed} removed with its {removed} event(s)")


def _report(args: argparse.Namespace) -> None:
    try:
        year, month = parse_month(args.month)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    fmt = "excel-de" if args.excel_de else args.format
    if fmt == "xlsx" and not args.out:
        raise CliError("--format xlsx writes a file: add --out FILE.xlsx")
    with open_database(args).read() as session:
        network = get_network(session)
        rows = build_report(session, year, month)
        names = space_names(session)
    if fmt == "xlsx":
        data = report_xlsx(rows, year=year, month=month, names=names, network=network.name, lang=args.lang)
    else:
        dialect = "excel-de" if fmt == "excel-de" else "rfc4180"
        data = report_csv(rows, year=year, month=month, names=names, dialect=dialect)
    _emit(args.out, data, binary=fmt == "xlsx")


def _emit(path: str | None, data: bytes, *, binary: bool) -> None:
    if path:
        try:
            Path(path).write_bytes(data)
        except OSError as exc:
            raise CliError(f"cannot write {path}: {exc.strerror or exc}") from None
        out(f"wrote {path}")
    elif binary:
        raise CliError("an Excel file is written with --out FILE.xlsx")
    else:
        out(data.decode("utf-8-sig").rstrip("\r\n").replace("\r\n", "\n"))


def _export_format(args: argparse.Namespace) -> str:
    fmt = "excel-de" if args.excel_de else str(args.format)
    if fmt == "xlsx" and not args.out:
        raise CliError("--format xlsx writes a file: add --out FILE.xlsx")
    return fmt


def _member_export(args: argparse.Namespace) -> None:
    fmt = _export_format(args)
    with open_database(args).read() as session:
        rows = exports.member_rows(session, args.space)
    data = exports.as_file(exports.MEMBER_COLUMNS, rows, fmt, "Mitglieder")
    _emit(args.out, data, binary=fmt == "xlsx")


def _audit_export(args: argparse.Namespace) -> None:
    fmt = _export_format(args)
    with open_database(args).read() as session:
        rows = exports.audit_rows(session, args.since, args.until)
    data = exports.as_file(exports.AUDIT_COLUMNS, rows, fmt, "Audit-Log")
    _emit(args.out, data, binary=fmt == "xlsx")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _group(sub: Any, name: str, help_text: str) -> Any:
    """The sub-command group `name` (e.g. "member"), reusing the one cli.py made if any."""
    parser = sub.choices.get(name)
    if parser is None:
        return sub.add_parser(name, help=help_text).add_subparsers(dest=f"{name}_command", required=True)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return parser.add_subparsers(dest=f"{name}_command", required=True)


def register(sub: Any) -> None:
    p = sub.add_parser("demo-seed", help="seed the Altmark demo network into an empty database")
    p.add_argument(
        "--space",
        default=demo.DEFAULT_SPACE,
        help=f"slug of the space the demo kiosk runs at (default {demo.DEFAULT_SPACE})",
    )
    p.add_argument("--out", metavar="FILE.json", help="also write the sample passes and codes as JSON")
    p.add_argument("--cards", metavar="DIR", help="also print the sample passes (PNG cards, PDF sheet)")
    p.add_argument(
        "--today", type=_day, metavar="YYYY-MM-DD", help="the date to seed around (default: today)"
    )
    p.set_defaults(func=_demo_seed)

    g = _group(sub, "member", "members")
    p = g.add_parser("import", help="add or update members from a CSV or XLSX file (all or nothing)")
    p.add_argument("file", metavar="FILE", help="CSV (any common encoding, , ; or tab) or Excel .xlsx")
    p.add_argument(
        "--dry-run", action="store_true", help="only show what would be added, changed and refused"
    )
    p.set_defaults(func=_member_import)

    g = _group(sub, "event", "events")
    p = g.add_parser("import", help="add or update events from an iCalendar (.ics) file")
    p.add_argument("file", metavar="FILE.ics")
    p.add_argument("--space", help="space for events without an X-SPACE property")
    p.add_argument(
        "--strict", action="store_true", help="refuse the whole file if any event cannot be read or placed"
    )
    p.set_defaults(func=_event_import)

    p = g.add_parser("subscribe", help="keep a calendar feed (an iCalendar URL), fetched on a schedule")
    p.add_argument("url", metavar="URL", help="https://... or webcal://... of an .ics feed")
    p.add_argument("--space", help="space for events without X-SPACE (else LOCATION decides)")
    p.add_argument(
        "--every",
        type=int,
        default=feeds.DEFAULT_INTERVAL_MIN,
        metavar="MINUTES",
        help=f"fetch interval (default {feeds.DEFAULT_INTERVAL_MIN}, at least {feeds.MIN_INTERVAL_MIN})",
    )
    p.add_argument("--no-fetch", action="store_true", help="do not fetch it right away")
    p.set_defaults(func=_event_subscribe)
    p = g.add_parser("feeds", help="the calendar feeds: last fetch, its error, next fetch")
    p.set_defaults(func=_event_feeds)
    p = g.add_parser("fetch", help="fetch calendar feeds now (given ones, or those that are due)")
    p.add_argument("feeds", type=int, nargs="*", metavar="FEED")
    p.set_defaults(func=_event_fetch)
    p = g.add_parser("unsubscribe", help="remove a calendar feed and its events")
    p.add_argument("feed", type=int, metavar="FEED")
    p.set_defaults(func=_event_unsubscribe)

    p = sub.add_parser("report", help="monthly report: guest days per host x home space, ... (CSV or Excel)")
    p.add_argument("month", metavar="MONTH", help="YYYY-MM")
    p.add_argument("--format", choices=("csv", "xlsx"), default="csv", help="csv (default) or xlsx")
    p.add_argument(
        "--excel-de",
        action="store_true",
        help="CSV for German Excel: semicolons, UTF-8 with BOM, decimal comma",
    )
    p.add_argument("--lang", choices=("de", "en"), default="de", help="language of the xlsx sheets")
    p.add_argument("--out", metavar="FILE", help="write to a file instead of standard output")
    p.set_defaults(func=_report)

    g = _group(sub, "member", "members")
    p = g.add_parser("export", help="the member list as CSV or xlsx (the columns member import reads)")
    _export_options(p)
    p.add_argument("--space", help="only the members of this home space")
    p.set_defaults(func=_member_export)

    g = _group(sub, "audit", "the audit log")
    p = g.add_parser("export", help="the audit log as CSV or xlsx (times in the network's zone)")
    _export_options(p)
    p.add_argument("--from", dest="since", type=_day, metavar="YYYY-MM-DD", help="first day")
    p.add_argument("--to", dest="until", type=_day, metavar="YYYY-MM-DD", help="last day")
    p.set_defaults(func=_audit_export)


def _export_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    p.add_argument("--excel-de", action="store_true", help="CSV for German Excel (semicolons, BOM)")
    p.add_argument("--out", metavar="FILE", help="write to a file instead of standard output")
