"""The web admin's texts, German (default) and English, in the server's catalogue style
(kiosk/core/messages.py): a key, then its text per language, with {named} parameters.

`text(key, lang, **params)`; an unknown key shows itself (a test checks that every key the
templates and routes use is here in both languages).
"""

from __future__ import annotations

from typing import Any, Final

from kiosk.core.messages import language

from .texts_conflicts import CONFLICTS
from .texts_links import LINKS
from .texts_more import MORE_PAGES
from .texts_pages import PAGES
from .texts_popups import POPUP_PAGES

# key: (English, German)
_PAIRS: Final[dict[str, tuple[str, str]]] = {
    # frame
    "app.title": ("Network admin", "Netzwerk-Verwaltung"),
    "nav.dashboard": ("Dashboard", "Übersicht"),
    "nav.members": ("Members", "Mitglieder"),
    "nav.import": ("Import", "Import"),
    "nav.staff": ("Staff", "Personal"),
    "nav.kiosks": ("Kiosks", "Terminals"),
    "nav.events": ("Events", "Veranstaltungen"),
    "nav.equipment": ("Equipment", "Geräte"),
    "nav.report": ("Settlement", "Abrechnung"),
    "nav.audit": ("Audit log", "Protokoll"),
    "nav.users": ("Admin users", "Verwaltungs-Zugänge"),
    "nav.signout": ("Sign out", "Abmelden"),
    "nav.main": ("Main navigation", "Hauptnavigation"),
    "lang.switch": ("Deutsch", "English"),
    "who.network": ("{name}, coordinator of the network", "{name}, Koordination des Netzwerks"),
    "who.space": ("{name}, manager of {space}", "{name}, Leitung {space}"),
    "times.zone": ("Times in {zone}", "Zeiten in {zone}"),
    "common.all_spaces": ("All spaces", "Alle Spaces"),
    "common.space": ("Space", "Space"),
    "common.filter": ("Filter", "Filtern"),
    "common.save": ("Save", "Speichern"),
    "common.none": ("None.", "Keine."),
    "common.yes": ("yes", "ja"),
    "common.no": ("no", "nein"),
    "common.download": ("Download", "Herunterladen"),
    "common.name": ("Name", "Name"),
    "common.state": ("State", "Status"),
    "common.actions": ("Actions", "Aktionen"),
    "common.any": ("any", "alle"),
    "common.when": ("When", "Wann"),
    "common.saved": ("Saved.", "Gespeichert."),
    # errors
    "error.403.title": ("Not allowed", "Nicht erlaubt"),
    "error.403.detail": (
        "Your account may not see or change this.",
        "Ihr Zugang darf das nicht sehen oder ändern.",
    ),
    "error.404.title": ("Not found", "Nicht gefunden"),
    "error.404.detail": ("There is nothing at this address.", "Unter dieser Adresse gibt es nichts."),
    "error.422.title": ("Input not accepted", "Eingabe nicht angenommen"),
    "error.422.detail": ("Please check what you entered.", "Bitte prüfen Sie Ihre Eingabe."),
    "error.409.title": ("Conflict", "Konflikt"),
    "error.409.detail": (
        "This contradicts the data on the server.",
        "Das widerspricht den Daten auf dem Server.",
    ),
    "error.back": ("Back to the dashboard", "Zurück zur Übersicht"),
    "error.csrf": (
        "The form's security token is missing or wrong. Please reload the page.",
        "Das Sicherheitsmerkmal des Formulars fehlt oder ist falsch. Bitte laden Sie die Seite neu.",
    ),
    # sign-in
    "signin.title": ("Sign in", "Anmelden"),
    "signin.name": ("User name", "Benutzername"),
    "signin.password": ("Password", "Passwort"),
    "signin.submit": ("Sign in", "Anmelden"),
    "signin.failed": ("Wrong user name or password.", "Benutzername oder Passwort falsch."),
    "signin.locked": (
        "Too many failed attempts. Please wait until {time} and try again.",
        "Zu viele Fehlversuche. Bitte warten Sie bis {time} und versuchen Sie es dann erneut.",
    ),
    "signin.expired": ("Please sign in (again).", "Bitte melden Sie sich (erneut) an."),
    "signin.signed_out": ("You are signed out.", "Sie sind abgemeldet."),
    "setup.title": ("Set your password", "Passwort festlegen"),
    "setup.intro": ("Account {name}: choose a password.", "Zugang {name}: Wählen Sie ein Passwort."),
    "setup.password2": ("Password again", "Passwort wiederholen"),
    "setup.mismatch": ("The two passwords differ.", "Die beiden Passwörter stimmen nicht überein."),
    "setup.done": ("Password set. Please sign in.", "Passwort gesetzt. Bitte melden Sie sich an."),
    "setup.gone": (
        "This link is unknown, used or expired.",
        "Dieser Link ist unbekannt, benutzt oder abgelaufen.",
    ),
    # field messages (pydantic errors, by type)
    "field.required": ("Please fill in this field.", "Bitte füllen Sie dieses Feld aus."),
    "field.too_long": ("At most {max} characters.", "Höchstens {max} Zeichen."),
    "field.too_short": ("At least {min} characters.", "Mindestens {min} Zeichen."),
    "field.control_character": (
        "Contains a character that cannot be stored.",
        "Enthält ein unzulässiges Zeichen.",
    ),
    "field.email": ("Not an e-mail address.", "Keine E-Mail-Adresse."),
    "field.choice": ("Please choose one of the options.", "Bitte wählen Sie eine der Möglichkeiten."),
    "field.pin": ("A PIN has 6 to 12 digits.", "Eine PIN hat 6 bis 12 Ziffern."),
    "field.invalid": ("Not accepted: {message}", "Nicht angenommen: {message}"),
    "field.password": ("A password has 10 to 200 characters.", "Ein Passwort hat 10 bis 200 Zeichen."),
    "form.has_errors": ("Please correct the marked fields.", "Bitte korrigieren Sie die markierten Felder."),
}


def _merged() -> dict[str, tuple[str, str]]:
    merged = dict(_PAIRS)
    for pairs in (PAGES, MORE_PAGES, LINKS, CONFLICTS, POPUP_PAGES):
        twice = merged.keys() & pairs.keys()
        if twice:
            raise ValueError(f"text keys defined twice: {sorted(twice)}")
        merged.update(pairs)
    return merged


def _catalog(index: int) -> dict[str, str]:
    return {key: pair[index] for key, pair in _merged().items()}


EN: Final = _catalog(0)
DE: Final = _catalog(1)
CATALOGS: Final = {"en": EN, "de": DE}


def text(key: str, lang: str = "de", **params: Any) -> str:
    entry = CATALOGS[language(lang)].get(key)
    if entry is None:
        return key
    return entry.format(**params) if params else entry
