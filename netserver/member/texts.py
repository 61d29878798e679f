"""The member page's texts, German (default) and English: a key, then (English, German), with
{named} parameters. `text(key, lang, **params)`; a test checks every key the templates use."""

from __future__ import annotations

from typing import Any, Final

LANGS: Final = ("de", "en")

_PAIRS: Final[dict[str, tuple[str, str]]] = {
    "page.title": ("My pass", "Mein Ausweis"),
    "lang.switch": ("Deutsch", "English"),
    "pass.heading": ("Your pass", "Dein Ausweis"),
    "pass.hint": (
        "Hold the screen up to the kiosk camera. Turn the brightness up if it is not read.",
        "Halte den Bildschirm vor die Kamera des Terminals. Ist er zu dunkel, dreh die Helligkeit hoch.",
    ),
    "pass.qr_label": ("QR code of your member pass {code}", "QR-Code deines Ausweises {code}"),
    "pass.none": (
        "Your pass is not shown here: ask your home space {space} for a new card; its link shows the pass.",
        "Dein Ausweis wird hier nicht angezeigt: Frag deinen Heimat-Space {space} nach einer neuen Karte;"
        " ihr Link zeigt den Ausweis.",
    ),
    "pass.inactive": ("Your membership is {state}.", "Deine Mitgliedschaft ist {state}."),
    "state.paused": ("paused", "pausiert"),
    "state.ended": ("ended", "beendet"),
    "state.active": ("active", "aktiv"),
    "member.line": ("{name} · member {number} · {space}", "{name} · Mitglied {number} · {space}"),
    "guest.heading": ("Guest days", "Gasttage"),
    "guest.left": (
        "of {allowed} guest days free in {month}, at any partner space",
        "von {allowed} Gasttagen im {month} frei, in jedem Partner-Space",
    ),
    "spaces.heading": ("Partner spaces", "Partner-Spaces"),
    "spaces.home": ("your home space", "dein Heimat-Space"),
    "spaces.no_hours": ("Opening hours not given", "Keine Öffnungszeiten angegeben"),
    "events.heading": ("Coming up in the region", "Demnächst in der Region"),
    "events.none": ("No events in the next 30 days.", "Keine Veranstaltungen in den nächsten 30 Tagen."),
    "events.when": ("{day}, {start}–{end}", "{day}, {start}–{end} Uhr"),
    "skills.heading": ("Here-today board", "Heute-hier-Tafel"),
    "skills.explain": (
        "If you like, the lobby screen of the space you check into shows your first name and up to"
        " three topics, on that day only. Nothing is shown without your consent.",
        "Wenn du möchtest, zeigt der Lobby-Bildschirm des Space, in dem du eincheckst, deinen Vornamen"
        " und bis zu drei Themen, nur an diesem Tag. Ohne deine Zustimmung wird nichts gezeigt.",
    ),
    "skills.first_name": ("First name", "Vorname"),
    "skills.topic": ("Topic {n}", "Thema {n}"),
    "skills.save": ("Show me on the board", "Auf der Tafel zeigen"),
    "skills.withdraw": ("Withdraw", "Zurückziehen"),
    "skills.on": ("Shown as: {name} – {topics}", "Angezeigt als: {name} – {topics}"),
    "skills.off": ("You are not on the board.", "Du stehst nicht auf der Tafel."),
    "skills.saved": (
        "Saved. Boards show it from your next check-in today.",
        "Gespeichert. Die Tafel zeigt es ab deinem Check-in.",
    ),
    "skills.withdrawn": (
        "Withdrawn: every board drops it at its next refresh.",
        "Zurückgezogen: Jede Tafel entfernt es beim nächsten Aktualisieren.",
    ),
    "skills.error": (
        "Please give a first name of up to 50 characters and topics of up to 40 characters.",
        "Bitte gib einen Vornamen mit bis zu 50 Zeichen und Themen mit bis zu 40 Zeichen an.",
    ),
    "lost.button": ("I lost my card", "Ich habe meine Karte verloren"),
    "lost.heading": ("Block your card?", "Karte sperren?"),
    "lost.explain": (
        "Your card stops working at every kiosk of the network at once. Your home space {space}"
        " is told and issues a new card. This cannot be undone.",
        "Deine Karte funktioniert sofort an keinem Terminal des Netzwerks mehr. Dein Heimat-Space"
        " {space} wird benachrichtigt und stellt dir eine neue Karte aus."
        " Das lässt sich nicht rückgängig machen.",
    ),
    "lost.confirm": ("Yes, block my card", "Ja, Karte sperren"),
    "lost.cancel": ("Cancel", "Abbrechen"),
    "lost.done": (
        "Your card is blocked. {space} has been told and will issue a new one.",
        "Deine Karte ist gesperrt. {space} ist benachrichtigt und stellt dir eine neue aus.",
    ),
    "link.heading": ("This link", "Dieser Link"),
    "link.explain": (
        "This page's address is your key: do not share it. If someone else has it, make a new one;"
        " the old one stops working.",
        "Die Adresse dieser Seite ist dein Schlüssel: Gib sie nicht weiter. Hat sie jemand anderes,"
        " erstelle eine neue; die alte funktioniert dann nicht mehr.",
    ),
    "link.rotate": ("Make a new link", "Neuen Link erstellen"),
    "link.rotated": (
        "New link made: bookmark this page again.",
        "Neuer Link erstellt: Setz dir ein neues Lesezeichen.",
    ),
    "offline.note": (
        "Offline: showing the pass saved on this phone.",
        "Offline: Der auf diesem Telefon gespeicherte Ausweis.",
    ),
    "install.hint": (
        "Add this page to your home screen to have the pass at hand, also offline.",
        "Leg diese Seite auf den Startbildschirm, dann hast du den Ausweis immer dabei, auch offline.",
    ),
    "notfound.heading": ("Page not found", "Seite nicht gefunden"),
    "notfound.body": (
        "This link does not work (any more). Ask your home space for your current link.",
        "Dieser Link funktioniert nicht (mehr). Frag deinen Heimat-Space nach deinem aktuellen Link.",
    ),
    "toomany.heading": ("Too many attempts", "Zu viele Versuche"),
    "toomany.body": (
        "Please try again in a few minutes.",
        "Bitte versuche es in ein paar Minuten noch einmal.",
    ),
    "form.expired": (
        "This form is no longer valid; please try again.",
        "Dieses Formular ist nicht mehr gültig; bitte versuch es noch einmal.",
    ),
    "popups.heading": ("Pop-up coworking", "Pop-up-Coworking"),
    "popups.explain": (
        "A few hours of coworking in a café or a library, anywhere in the region. Bring your pass.",
        "Ein paar Stunden Coworking im Café oder in der Bibliothek, überall in der Region."
        " Bring deinen Ausweis mit.",
    ),
    "popups.none": ("No pop-ups planned yet.", "Noch keine Pop-ups geplant."),
    "popups.mine": ("you host it", "du lädst ein"),
    "popups.by": ("with {space}", "mit {space}"),
    "popups.host_heading": ("Host a pop-up", "Ein Pop-up ausrichten"),
    "popups.host_explain": (
        "Invite others to work with you for a few hours. Your home space hosts it with you and"
        " sends a laptop kiosk code; every lobby board of the region shows it.",
        "Lade andere ein, ein paar Stunden mit dir zu arbeiten. Dein Heimat-Space richtet es mit dir"
        " aus und schickt einen Terminal-Code für den Laptop; jede Lobby-Tafel der Region zeigt es.",
    ),
    "popups.place": ("Place (e.g. Café Kranich)", "Ort (z. B. Café Kranich)"),
    "popups.address": ("Address", "Adresse"),
    "popups.town": ("Town", "Stadt / Dorf"),
    "popups.date": ("Date", "Datum"),
    "popups.from": ("From", "Von"),
    "popups.to": ("To", "Bis"),
    "popups.submit": ("Plan my pop-up", "Mein Pop-up planen"),
    "popups.added": (
        "Your pop-up is planned. The lobby boards show it from their next sync.",
        "Dein Pop-up ist geplant. Die Lobby-Tafeln zeigen es ab ihrem nächsten Abgleich.",
    ),
}

_MONTHS: Final = {
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
}  # fmt: skip
_WEEKDAYS: Final = {
    "de": ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}

KEYS: Final = frozenset(_PAIRS)


def lang_of(value: str | None) -> str:
    return "en" if (value or "").lower().startswith("en") else "de"


def text(key: str, lang: str, **params: Any) -> str:
    pair = _PAIRS.get(key)
    if pair is None:
        return key
    template = pair[0] if lang == "en" else pair[1]
    return template.format(**params) if params else template


def month_name(month: int, lang: str) -> str:
    return _MONTHS[lang_of(lang)][month - 1]


def weekday_name(weekday: int, lang: str) -> str:
    return _WEEKDAYS[lang_of(lang)][weekday]


# Notices a redirect may name (`?done=KEY`): only these are shown.
NOTICES: Final = frozenset({"skills.saved", "skills.withdrawn", "link.rotated", "popups.added"})
