"""`coworking-kiosk`'s command line: the parser, and the headless commands enroll, sync, status.

Qt-free (an import-linter contract keeps it so): kiosk/launch.py parses with `build_parser()`,
runs a subcommand through `run_command(args)` and only imports Qt for the GUI. Texts: German by
default, English with `--lang en`; shared texts come from kiosk.core.messages, the few CLI-only
ones from TEXTS below.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from kiosk.core import messages

TEXTS: dict[str, dict[str, str]] = {
    "de": {
        "enrolled": "Terminal {kiosk} ist für {space} ({network}) eingerichtet.",
        "not_enrolled": (
            "Dieses Terminal ist nicht eingerichtet. Zuerst: coworking-kiosk enroll SERVER_URL CODE"
        ),
        "needs_enrollment": "Das Terminal muss neu eingerichtet werden (Zugang widerrufen).",
        "sync_ok": (
            "Synchronisiert in {seconds:.1f} s: {pushed} hochgeladen, {rejected} abgelehnt, "
            "abgerufene Seiten: {pages}."
        ),
        "sync_failed": "Synchronisation fehlgeschlagen: {title}. {detail}",
        "keyring": "Kein Schlüsselbund verfügbar, um das Terminal-Token zu speichern.",
        "space": "Standort",
        "server": "Server",
        "state": "Zustand",
        "online": "online",
        "offline": "offline",
        "why": "Grund",
        "last_sync": "Letzte Synchronisation",
        "never": "nie",
        "pending": "Wartet auf Upload",
        "popup_ends": "Pop-up endet",
        "rejected": "Vom Server abgelehnt",
        "roster": "Mitglieder im Verzeichnis",
        "skew": "Uhrabweichung zum Server",
        "skew_warning": "(Uhr prüfen!)",
        "next": "Nächster Versuch",
        "last_error": "Letzter Fehler",
        "unknown": "unbekannt",
        "store_unavailable": "Die lokale Datenbank ist nicht verfügbar",
        "database_too_new": "Die lokale Datenbank stammt von einer neueren Programmversion",
        "invalid_url": "Keine gültige Server-Adresse",
        "stale": "Seit über {minutes} Minuten kein erfolgreicher Abgleich: läuft das Terminal?",
        "already_running": (
            "Auf diesem Datenverzeichnis läuft schon ein Terminal (PID {pid}, {path}). "
            "Die Lobby-Anzeige daneben startet mit --lobby."
        ),
    },
    "en": {
        "enrolled": "Kiosk {kiosk} is enrolled for {space} ({network}).",
        "not_enrolled": "This kiosk is not enrolled. First: coworking-kiosk enroll SERVER_URL CODE",
        "needs_enrollment": "The kiosk must be enrolled again (access revoked).",
        "sync_ok": (
            "Synced in {seconds:.1f} s: {pushed} uploaded, {rejected} rejected, pages fetched: {pages}."
        ),
        "sync_failed": "Sync failed: {title}. {detail}",
        "keyring": "No keyring is available to store the kiosk token.",
        "space": "Space",
        "server": "Server",
        "state": "State",
        "online": "online",
        "offline": "offline",
        "why": "Reason",
        "last_sync": "Last sync",
        "never": "never",
        "pending": "Waiting for upload",
        "popup_ends": "Pop-up ends",
        "rejected": "Rejected by the server",
        "roster": "Members in the roster",
        "skew": "Clock offset to the server",
        "skew_warning": "(check the clock!)",
        "next": "Next attempt",
        "last_error": "Last error",
        "unknown": "unknown",
        "store_unavailable": "The local database is not available",
        "database_too_new": "The local database was written by a newer version of this software",
        "invalid_url": "Not a valid server URL",
        "stale": "No successful sync for more than {minutes} minutes: is the kiosk running?",
        "already_running": (
            "A kiosk already runs on this data directory (PID {pid}, {path}). "
            "Start the lobby board beside it with --lobby."
        ),
    },
}

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_NOT_ENROLLED = 3
EXIT_NO_KEYRING = 4

# `status` exit codes, in the monitoring-plugin convention (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)
STATUS_OK = 0  # enrolled, online, synced within STALE_AFTER_SECONDS
STATUS_STALE = 1  # no successful sync for longer than that (is the kiosk running?), or never
STATUS_OFFLINE = 2  # the kiosk's last recorded state is offline, or its database cannot be read
STATUS_NOT_ENROLLED = 3  # not enrolled, or the server revoked it (needs enrollment again)
STALE_AFTER_SECONDS = 600  # pulls run every 30 s online; failures back off to 5 min at most
STATUS_EPILOG = (
    "exit status: 0 ok (online, synced in the last 10 minutes); 1 stale (no successful sync for "
    "10 minutes, or never); 2 offline (or the local database cannot be read); 3 not enrolled, "
    "or enrollment revoked. Times are in the network's time zone."
)


def _t(lang: str, key: str, **params: Any) -> str:
    return TEXTS[messages.language(lang)][key].format(**params)


def _out(text: str = "", *, err: bool = False) -> None:
    print(text, file=sys.stderr if err else sys.stdout, flush=True)  # noqa: T201


def _message(key: str, lang: str) -> str:
    title, detail = messages.text(key, lang=lang)
    return f"{title}. {detail}"


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed_version

    try:
        return installed_version("coworking-network-kiosk")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0+unknown"


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", default=argparse.SUPPRESS, help="de (default) or en")
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help="keep config, database and logs here")

    parser = argparse.ArgumentParser(prog="coworking-kiosk", description="Coworking network check-in kiosk")
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    parser.add_argument("--lang", default=None, help="de (default) or en")
    parser.add_argument("--data-dir", default=None, help="keep config, database and logs here")
    parser.add_argument("--demo", action="store_true", help="embedded demo network on 127.0.0.1")
    parser.add_argument(
        "--camera",
        nargs="?",
        const="default",
        default=None,
        help="use a real camera (a device number, path or URL); 'none': no camera, a USB scanner only",
    )
    parser.add_argument(
        "--mute", action="store_true", help="start without sound (staff can switch it on at the desk)"
    )
    parser.add_argument(
        "--scanner",
        action="store_true",
        help="a USB barcode scanner (keyboard wedge) is attached: the kiosk works without a camera "
        "(also learnt from its first scan)",
    )
    parser.add_argument("--lobby", action="store_true", help="lobby board only")
    parser.add_argument("--windowed", action="store_true", help="not full screen")
    parser.add_argument(
        "--high-contrast",
        action="store_true",
        help="high-contrast theme (also COWORKING_KIOSK_HIGH_CONTRAST=1)",
    )
    sub = parser.add_subparsers(dest="command")

    enroll = sub.add_parser("enroll", parents=[common], help="enroll this kiosk with a one-time code")
    enroll.add_argument("server_url")
    enroll.add_argument("code")
    enroll.add_argument("--name", default=None, help="kiosk name shown to the admin")
    enroll.add_argument("--ca-bundle", default=None, help="PEM file of a private CA")

    sub.add_parser("sync", parents=[common], help="one sync now (exit status 0 on success)")

    status = sub.add_parser(
        "status", parents=[common], help="enrollment, sync state, pending uploads", epilog=STATUS_EPILOG
    )
    status.add_argument("--json", action="store_true", help="machine-readable output")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """A headless command (`enroll`, `sync`, `status`); the GUI starts from kiosk.launch.main."""
    args = build_parser().parse_args(argv)
    if args.command is None:
        _out("coworking-kiosk: use kiosk.launch.main for the GUI", err=True)
        return EXIT_USAGE
    return run_command(args)


def run_command(args: argparse.Namespace) -> int:
    lang = messages.language(args.lang)
    from kiosk.logs import setup_logging
    from kiosk.services.config import KioskConfig

    try:
        config = KioskConfig.load(args.data_dir)
    except Exception as exc:  # a broken config file: say so, no traceback
        _out(str(exc), err=True)
        return EXIT_FAILED
    setup_logging(config.paths.log_dir)
    handler = {"enroll": _enroll, "sync": _sync, "status": _status}[args.command]
    return int(handler(args, config, lang))


def _enroll(args: argparse.Namespace, config: Any, lang: str) -> int:
    from kiosk.services.client import ClientError
    from kiosk.services.config import KeyringTokenStore, TokenStoreUnavailable
    from kiosk.services.enroll import EnrollmentError, enroll

    if args.ca_bundle:
        config = config.with_changes(ca_bundle=args.ca_bundle)
    try:
        updated = enroll(
            args.server_url, args.code, config=config, token_store=KeyringTokenStore(), kiosk_name=args.name
        )
    except TokenStoreUnavailable as exc:
        _out(_t(lang, "keyring"), err=True)
        _out(str(exc), err=True)
        return EXIT_NO_KEYRING
    except EnrollmentError as exc:
        _out(_message(exc.key, lang), err=True)
        return EXIT_FAILED
    except ClientError as exc:
        _out(_message(exc.key, lang), err=True)
        return EXIT_FAILED
    except ValueError as exc:
        _out(f"{_t(lang, 'invalid_url')}: {exc}", err=True)
        return EXIT_USAGE
    _out(
        _t(
            lang,
            "enrolled",
            kiosk=updated.kiosk_id,
            space=updated.space_name or updated.space_id,
            network=updated.network_name or "",
        )
    )
    return EXIT_OK


def _sync(args: argparse.Namespace, config: Any, lang: str) -> int:
    from kiosk.services.composition import KioskServices, NotEnrolledError
    from kiosk.store import DatabaseTooNew, StoreUnavailable

    try:
        services = KioskServices.open(config)
    except NotEnrolledError:
        _out(_t(lang, "not_enrolled"), err=True)
        return EXIT_NOT_ENROLLED
    except DatabaseTooNew:
        _out(_t(lang, "database_too_new"), err=True)
        return EXIT_FAILED
    except StoreUnavailable as exc:
        _out(f"{_t(lang, 'store_unavailable')}: {exc}", err=True)
        return EXIT_FAILED
    try:
        report = services.engine.run_once()
        if report.ok:
            _out(
                _t(
                    lang,
                    "sync_ok",
                    pushed=report.pushed,
                    rejected=report.rejected,
                    pages=report.pages,
                    seconds=report.seconds,
                )
            )
            return EXIT_OK
        key = report.error_key or "error.bad_response"
        title, detail = messages.text(key, lang=lang)
        if key == "error.store_unavailable":
            title, detail = _t(lang, "store_unavailable"), report.error or ""
        _out(_t(lang, "sync_failed", title=title, detail=detail), err=True)
        if services.needs_enrollment:
            _out(_t(lang, "needs_enrollment"), err=True)
            return EXIT_NOT_ENROLLED
        return EXIT_FAILED
    finally:
        services.close()


def status_data(config: Any) -> dict[str, Any]:
    """What `status` shows, as plain data (also the --json output)."""
    from kiosk.core.calendar import DEFAULT_TIMEZONE
    from kiosk.services.clock import SKEW_WARNING_SECONDS
    from kiosk.store import Store

    data: dict[str, Any] = {
        "timezone": config.timezone or DEFAULT_TIMEZONE,
        "enrolled": config.enrolled,
        "server_url": config.server_url,
        "kiosk_id": config.kiosk_id,
        "space_id": config.space_id,
        "space_name": config.space_name,
        "network": config.network_name,
    }
    if not config.paths.database.exists():  # never enrolled or synced: report, do not create
        data.update(
            online=None, reason_key=None, last_sync=None, last_error_key=None, last_error=None,
            last_error_at=None, next_attempt=None, needs_enrollment=False, pending=0, rejected=0,
            roster_size=0, clock_skew_seconds=None, clock_skew_warning=False, popup_ends_at=None,
        )  # fmt: skip
        data["health"] = health(data)
        return data
    store = Store(config.paths.database)
    try:
        meta = {key: store.get_meta(key) for key in (
            "online", "reason_key", "last_success", "last_error_key", "last_error", "last_error_at",
            "clock_offset", "needs_enrollment", "next_attempt", "popup_ends_at",
        )}  # fmt: skip
        skew = float(meta["clock_offset"]) if meta["clock_offset"] else None
        data.update(
            online=meta["online"] == "1" if meta["online"] is not None else None,
            reason_key=meta["reason_key"],
            last_sync=meta["last_success"],
            last_error_key=meta["last_error_key"],
            last_error=meta["last_error"],
            last_error_at=meta["last_error_at"],
            next_attempt=meta["next_attempt"],
            needs_enrollment=meta["needs_enrollment"] == "1",
            pending=store.pending_count(),
            rejected=store.rejected_count(),
            roster_size=store.roster_size(),
            clock_skew_seconds=skew,
            clock_skew_warning=skew is not None and abs(skew) > SKEW_WARNING_SECONDS,
            popup_ends_at=meta["popup_ends_at"],  # a pop-up's kiosk: it admits until then
        )
        if store.get_meta("space_id"):
            data["timezone"] = store.calendar().timezone
    finally:
        store.close()
    data["health"] = health(data)
    return data


def health(data: dict[str, Any], now: datetime | None = None) -> str:
    """ "ok", "stale", "offline" or "not_enrolled", from what `status_data` found."""
    from kiosk.core.calendar import utc_now

    if not data["enrolled"] or data["needs_enrollment"]:
        return "not_enrolled"
    if data["online"] is False:
        return "offline"
    last = _instant(data["last_sync"])
    if last is None or ((now or utc_now()) - last).total_seconds() > STALE_AFTER_SECONDS:
        return "stale"
    return "ok"


STATUS_EXIT = {
    "ok": STATUS_OK,
    "stale": STATUS_STALE,
    "offline": STATUS_OFFLINE,
    "not_enrolled": STATUS_NOT_ENROLLED,
}


def _status(args: argparse.Namespace, config: Any, lang: str) -> int:
    from kiosk.store import DatabaseTooNew, StoreUnavailable

    try:
        data = status_data(config)
    except DatabaseTooNew:
        _out(_t(lang, "database_too_new"), err=True)
        return EXIT_FAILED
    except StoreUnavailable as exc:
        _out(f"{_t(lang, 'store_unavailable')}: {exc}", err=True)
        return STATUS_OFFLINE
    code = STATUS_EXIT[data["health"]]
    if args.json:
        _out(json.dumps(data, indent=2, sort_keys=True))
        return code
    if not config.enrolled:
        _out(_t(lang, "not_enrolled"))
        return code
    tz = data["timezone"]

    def _when(value: str | None) -> str | None:
        return _local(value, tz)

    def t(key: str) -> str:
        return _t(lang, key)

    rows = [
        (t("space"), f"{data['space_name']} (#{data['space_id']}), {data['network'] or ''}".rstrip(", ")),
        (t("server"), data["server_url"]),
    ]
    if data["online"] is None:
        state = t("unknown")
    elif data["online"]:
        state = t("online")
    else:
        reason = messages.text(data["reason_key"], lang=lang)[0] if data["reason_key"] else t("unknown")
        state = f"{t('offline')} ({t('why')}: {reason})"
    rows.append((t("state"), state))
    rows.append((t("last_sync"), _when(data["last_sync"]) or t("never")))
    if data["next_attempt"]:
        rows.append((t("next"), _when(data["next_attempt"])))
    if data.get("popup_ends_at"):
        rows.append((t("popup_ends"), _when(data["popup_ends_at"])))
    rows.append((t("pending"), str(data["pending"])))
    if data["rejected"]:
        rows.append((t("rejected"), str(data["rejected"])))
    rows.append((t("roster"), str(data["roster_size"])))
    if data["clock_skew_seconds"] is not None:
        warn = f" {t('skew_warning')}" if data["clock_skew_warning"] else ""
        rows.append((t("skew"), f"{data['clock_skew_seconds']:+.1f} s{warn}"))
    if data["last_error_key"]:
        rows.append(
            (
                t("last_error"),
                f"{messages.text(data['last_error_key'], lang=lang)[0]} "
                f"({_when(data['last_error_at']) or '?'})",
            )
        )
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        _out(f"{label + ':':<{width + 1}} {value}")
    if data["needs_enrollment"]:
        _out(_t(lang, "needs_enrollment"))
    elif data["health"] == "stale":
        _out(_t(lang, "stale", minutes=STALE_AFTER_SECONDS // 60))
    return code


def _instant(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _local(value: str | None, timezone: str) -> str | None:
    """An ISO UTC time as the network's local time, labelled: "2026-12-03 14:32:45 CET"."""
    from kiosk.core.calendar import NetworkCalendar

    moment = _instant(value)
    if moment is None:
        return value or None
    return NetworkCalendar(timezone).local(moment).strftime("%Y-%m-%d %H:%M:%S %Z")
