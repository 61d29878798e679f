"""Translatable texts the core produces: verdict explanations, code errors, server error codes.

Pure Python so the server, the command line and the kiosk share one catalog; the kiosk's
own widgets use Qt Linguist files. German is the default language.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from . import messages_admin, messages_popups
from .verdicts import Param, Verdict

LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"

# key -> (title, detail). A value may be a {"one": ..., "other": ...} dict chosen by
# params["count"].
Entry = tuple[str, str] | dict[str, tuple[str, str]]

EN: dict[str, Entry] = {
    "verdict.home_member": ("Welcome, {name}!", "Good to see you. Have a good day."),
    "verdict.guest_day": ("Welcome, {name} ({home})!", "Guest day {number} of {allowed} in {month}."),
    "verdict.already_today": (
        "Welcome back, {name}!",
        "You are already checked in here today. This does not count again.",
    ),
    "verdict.staff_override": ("Welcome, {name}!", "Admitted by staff."),
    "verdict.day_pass": ("Welcome!", "Your day pass is valid today. Enjoy your day."),
    "verdict.popup_visit": ("Welcome, {name} ({home})!", "Pop-up coworking: this uses no guest day."),
    "presence.goodbye": ("Goodbye, {name}!", "You are checked out. See you soon!"),
    "presence.goodbye.visitor": ("Goodbye!", "You are checked out. Thank you for visiting!"),
    "verdict.guest_days_used": {
        "one": ("Your guest day for {month} is used", "Please ask at the desk."),
        "other": ("Your {allowed} guest days for {month} are used", "Please ask at the desk."),
    },
    "verdict.membership_inactive": (
        "Membership not active",
        "{name}, your membership is paused or has ended. Please ask at the desk.",
    ),
    "verdict.pass_replaced": (
        "This card has been replaced",
        "{name}, please use your newest pass, or ask at the desk.",
    ),
    "verdict.unknown_pass": (
        "Pass not recognised",
        "This pass is not valid in our network. Please ask at the desk.",
    ),
    "verdict.unknown_pass.offline": (
        "Pass not yet known here",
        "If you joined recently, this kiosk may not have heard of it yet. Please ask at the desk.",
    ),
    "verdict.day_pass_not_valid.date": (
        "Day pass not valid today",
        "This day pass is for {valid_on}. Please ask at the desk.",
    ),
    "verdict.day_pass_not_valid.space": (
        "Day pass for another space",
        "This day pass is valid at another space. Please ask at the desk.",
    ),
    "verdict.day_pass_not_valid.revoked": (
        "Day pass withdrawn",
        "This day pass is no longer valid. Please ask at the desk.",
    ),
    "verdict.invalid_code": (
        "Code could not be read",
        "Please hold the code still and try again, or ask at the desk.",
    ),
    "verdict.invalid_code.check": (
        "Code read incompletely",
        "Please hold the code still and try again, or ask at the desk.",
    ),
    "verdict.invalid_code.enrollment": (
        "This is a kiosk set-up code",
        "Only staff need it. Please show your member pass.",
    ),
    "verdict.foreign_code": (
        "Not a pass of our network",
        "This code is not a member pass or day pass of our network. Please ask at the desk.",
    ),
    "verdict.foreign_code.member_page": (
        "That is your member page",
        "The small code opens your member page on a phone. Please hold up the big code of your card.",
    ),
    "verdict.foreign_code.version": (
        "Pass from a newer version",
        "This kiosk needs an update to read this pass. Please ask at the desk.",
    ),
    "code.invalid": ("Not a valid code", "Please check the code and try again."),
    "code.malformed": ("Not a valid code", "The code has the wrong length or unexpected characters."),
    "code.check_symbol": ("Code mistyped", "A character of the code is wrong. Please check it."),
    "code.foreign": ("Not a code of our network", "This code does not belong to our network."),
    "code.unsupported_version": ("Code from a newer version", "This software needs an update."),
    "code.member_page": ("A member page link", "This link opens a member page; it is not a pass."),
    "error.unauthorized": ("Not authorised", "The server did not accept this kiosk's credentials."),
    "error.token_revoked": ("Kiosk removed", "This kiosk was removed from the network. Enroll it again."),
    "error.forbidden": ("Not allowed", "This kiosk may not do that for another space."),
    "error.not_found": ("Not found", "The server does not know this item."),
    "error.validation_error": ("Invalid request", "The server rejected the request as invalid."),
    "error.enrollment_code_invalid": ("Unknown enrollment code", "Please check the code and try again."),
    "error.enrollment_code_used": ("Enrollment code already used", "Ask the network admin for a new one."),
    "error.enrollment_code_expired": ("Enrollment code expired", "Ask the network admin for a new one."),
    "error.conflict": ("Conflict", "The request conflicts with data on the server."),
    "error.unreachable": ("Server unreachable", "Working offline; check-ins are kept and sent later."),
    "error.timeout": ("Server too slow", "Working offline; check-ins are kept and sent later."),
    "error.server_error": ("Server error", "The server had a problem; the kiosk will try again."),
    "error.bad_response": ("Unexpected answer", "The server sent something the kiosk cannot read."),
    "error.server_slow": ("Server too slow", "Deciding here for now; the kiosk checks again in a moment."),
    "error.store_unavailable": (
        "Check-in could not be saved",
        "The kiosk's storage is not available. Please ask at the desk.",
    ),
    "error.database_too_new": (
        "Kiosk data from a newer version",
        "This kiosk's data was written by a newer version. Please update the software.",
    ),
    "error.keyring_unavailable": (
        "No secure storage for the kiosk key",
        "Set up a keyring backend (see packaging/keyring.md), then enroll again.",
    ),
}

DE: dict[str, Entry] = {
    "verdict.home_member": ("Willkommen, {name}!", "Schön, dass du da bist. Einen guten Tag!"),
    "verdict.guest_day": ("Willkommen, {name} ({home})!", "Gasttag {number} von {allowed} im {month}."),
    "verdict.already_today": (
        "Willkommen zurück, {name}!",
        "Du bist heute hier schon eingecheckt. Das zählt nicht noch einmal.",
    ),
    "verdict.staff_override": ("Willkommen, {name}!", "Vom Team eingelassen."),
    "verdict.day_pass": ("Willkommen!", "Dein Tagespass gilt heute. Einen schönen Tag!"),
    "verdict.popup_visit": ("Willkommen, {name} ({home})!", "Pop-up-Coworking: Das kostet keinen Gasttag."),
    "presence.goodbye": ("Tschüss, {name}!", "Du bist ausgecheckt. Bis bald!"),
    "presence.goodbye.visitor": ("Tschüss!", "Du bist ausgecheckt. Danke für deinen Besuch!"),
    "verdict.guest_days_used": {
        "one": ("Dein Gasttag für {month} ist verbraucht", "Bitte frag am Empfang."),
        "other": ("Deine {allowed} Gasttage für {month} sind verbraucht", "Bitte frag am Empfang."),
    },
    "verdict.membership_inactive": (
        "Mitgliedschaft nicht aktiv",
        "{name}, deine Mitgliedschaft ruht oder ist beendet. Bitte frag am Empfang.",
    ),
    "verdict.pass_replaced": (
        "Diese Karte wurde ersetzt",
        "{name}, bitte nutze deinen neuesten Ausweis oder frag am Empfang.",
    ),
    "verdict.unknown_pass": (
        "Ausweis nicht erkannt",
        "Dieser Ausweis gilt nicht in unserem Netzwerk. Bitte frag am Empfang.",
    ),
    "verdict.unknown_pass.offline": (
        "Ausweis hier noch nicht bekannt",
        "Wenn du gerade erst Mitglied geworden bist, weiß dieses Terminal es vielleicht noch nicht. "
        "Bitte frag am Empfang.",
    ),
    "verdict.day_pass_not_valid.date": (
        "Tagespass heute nicht gültig",
        "Dieser Tagespass gilt am {valid_on}. Bitte frag am Empfang.",
    ),
    "verdict.day_pass_not_valid.space": (
        "Tagespass für einen anderen Space",
        "Dieser Tagespass gilt in einem anderen Space. Bitte frag am Empfang.",
    ),
    "verdict.day_pass_not_valid.revoked": (
        "Tagespass zurückgezogen",
        "Dieser Tagespass gilt nicht mehr. Bitte frag am Empfang.",
    ),
    "verdict.invalid_code": (
        "Code nicht lesbar",
        "Bitte halte den Code ruhig und versuche es noch einmal, oder frag am Empfang.",
    ),
    "verdict.invalid_code.check": (
        "Code unvollständig gelesen",
        "Bitte halte den Code ruhig und versuche es noch einmal, oder frag am Empfang.",
    ),
    "verdict.invalid_code.enrollment": (
        "Das ist ein Einrichtungscode",
        "Den braucht nur das Team. Bitte zeig deinen Mitgliedsausweis.",
    ),
    "verdict.foreign_code": (
        "Kein Ausweis unseres Netzwerks",
        "Dieser Code ist weder Mitgliedsausweis noch Tagespass unseres Netzwerks. Bitte frag am Empfang.",
    ),
    "verdict.foreign_code.member_page": (
        "Das ist dein Mitgliederbereich",
        "Der kleine Code öffnet deinen Mitgliederbereich auf dem Handy. "
        "Bitte halte den großen Code deiner Karte vor.",
    ),
    "verdict.foreign_code.version": (
        "Ausweis aus einer neueren Version",
        "Dieses Terminal braucht ein Update, um den Ausweis zu lesen. Bitte frag am Empfang.",
    ),
    "code.invalid": ("Kein gültiger Code", "Bitte prüfe den Code und versuche es noch einmal."),
    "code.malformed": ("Kein gültiger Code", "Der Code hat die falsche Länge oder unerwartete Zeichen."),
    "code.check_symbol": ("Code vertippt", "Ein Zeichen des Codes stimmt nicht. Bitte prüfe ihn."),
    "code.foreign": ("Kein Code unseres Netzwerks", "Dieser Code gehört nicht zu unserem Netzwerk."),
    "code.unsupported_version": ("Code aus einer neueren Version", "Diese Software braucht ein Update."),
    "code.member_page": (
        "Ein Link zum Mitgliederbereich",
        "Dieser Link öffnet einen Mitgliederbereich; er ist kein Ausweis.",
    ),
    "error.unauthorized": ("Nicht berechtigt", "Der Server hat die Zugangsdaten dieses Terminals abgelehnt."),
    "error.token_revoked": (
        "Terminal entfernt",
        "Dieses Terminal wurde aus dem Netzwerk entfernt. Bitte neu einrichten.",
    ),
    "error.forbidden": ("Nicht erlaubt", "Dieses Terminal darf das nicht für einen anderen Space tun."),
    "error.not_found": ("Nicht gefunden", "Der Server kennt diesen Eintrag nicht."),
    "error.validation_error": ("Ungültige Anfrage", "Der Server hat die Anfrage als ungültig abgelehnt."),
    "error.enrollment_code_invalid": (
        "Unbekannter Einrichtungscode",
        "Bitte prüfe den Code und versuche es noch einmal.",
    ),
    "error.enrollment_code_used": (
        "Einrichtungscode schon benutzt",
        "Bitte frag die Netzwerk-Verwaltung nach einem neuen.",
    ),
    "error.enrollment_code_expired": (
        "Einrichtungscode abgelaufen",
        "Bitte frag die Netzwerk-Verwaltung nach einem neuen.",
    ),
    "error.conflict": ("Konflikt", "Die Anfrage widerspricht den Daten auf dem Server."),
    "error.unreachable": (
        "Server nicht erreichbar",
        "Das Terminal arbeitet offline; Check-ins werden gespeichert und später gesendet.",
    ),
    "error.timeout": (
        "Server zu langsam",
        "Das Terminal arbeitet offline; Check-ins werden gespeichert und später gesendet.",
    ),
    "error.server_error": ("Serverfehler", "Der Server hatte ein Problem; das Terminal versucht es erneut."),
    "error.bad_response": (
        "Unerwartete Antwort",
        "Der Server hat etwas gesendet, das das Terminal nicht lesen kann.",
    ),
    "error.server_slow": (
        "Server zu langsam",
        "Das Terminal entscheidet vorerst selbst und versucht es gleich wieder.",
    ),
    "error.store_unavailable": (
        "Check-in konnte nicht gespeichert werden",
        "Der Speicher des Terminals ist nicht verfügbar. Bitte frag am Empfang.",
    ),
    "error.database_too_new": (
        "Terminal-Daten aus einer neueren Version",
        "Die Daten dieses Terminals stammen von einer neueren Version. Bitte die Software aktualisieren.",
    ),
    "error.keyring_unavailable": (
        "Kein sicherer Speicher für den Terminal-Schlüssel",
        "Bitte einen Keyring einrichten (siehe packaging/keyring.md) und das Terminal neu einrichten.",
    ),
}

EN.update(messages_admin.EN)
DE.update(messages_admin.DE)
EN.update(messages_popups.EN)
DE.update(messages_popups.DE)

CATALOGS: dict[str, dict[str, Entry]] = {"en": EN, "de": DE}

MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "de": (
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
}
MONTHS_SHORT = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "de": ("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."),
}
WEEKDAYS_SHORT = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "de": ("Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."),
}


def language(lang: str | None) -> str:
    """A supported language for `lang` ("de_DE.UTF-8" -> "de"); German by default."""
    short = (lang or "").split("_")[0].split("-")[0].lower()
    return short if short in CATALOGS else DEFAULT_LANGUAGE


def month_name(month: int, lang: str = DEFAULT_LANGUAGE) -> str:
    return MONTHS[language(lang)][month - 1]


def short_date(day: date, lang: str = DEFAULT_LANGUAGE) -> str:
    """ "Thu 28 Nov" / "Do., 28. Nov."."""
    lang = language(lang)
    weekday = WEEKDAYS_SHORT[lang][day.weekday()]
    month = MONTHS_SHORT[lang][day.month - 1]
    return f"{weekday} {day.day} {month}" if lang == "en" else f"{weekday} {day.day}. {month}"


def text(
    key: str, params: Mapping[str, Param] | None = None, lang: str = DEFAULT_LANGUAGE
) -> tuple[str, str]:
    """(title, detail) for `key` in `lang`, with params filled in.

    An unknown key falls back to the generic invalid-code text rather than failing: a newer
    server may send keys this kiosk does not know yet.
    """
    params = dict(params or {})
    catalog = CATALOGS[language(lang)]
    entry = catalog.get(key) or catalog.get(key.rsplit(".", 1)[0]) or catalog["code.invalid"]
    if isinstance(entry, dict):
        entry = entry["one" if params.get("count") == 1 else "other"]
    values = _display_values(params, language(lang))
    return entry[0].format_map(values), entry[1].format_map(values)


def explain(
    verdict: Verdict, lang: str = DEFAULT_LANGUAGE, space_names: Mapping[int, str] | None = None
) -> tuple[str, str]:
    """(title, detail) of a verdict for the screen."""
    params: dict[str, Param] = dict(verdict.params)
    home_id = params.get("home_space_id")
    if isinstance(home_id, int):
        params.setdefault("home", (space_names or {}).get(home_id, f"#{home_id}"))
    return text(verdict.message_key, params, lang)


class _Defaulting(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "?"


def _display_values(params: Mapping[str, Param], lang: str) -> _Defaulting:
    values = _Defaulting(params)
    month = params.get("month")
    if isinstance(month, int) and 1 <= month <= 12:
        values["month"] = month_name(month, lang)
    valid_on = params.get("valid_on")
    if isinstance(valid_on, str):
        try:
            values["valid_on"] = short_date(date.fromisoformat(valid_on), lang)
        except ValueError:
            pass
    values.setdefault("name", "")
    return values
