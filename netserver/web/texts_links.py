"""Web admin texts of the member page link (issue 19) and of the held facts page (issue 16)."""

from __future__ import annotations

from typing import Final

# key: (English, German)
LINKS: Final[dict[str, tuple[str, str]]] = {
    "links.title": ("New member link", "Mitgliederlink neu erzeugen"),
    "links.section": ("Member page", "Mitgliederbereich"),
    "links.created": ("Current link made on {when}.", "Aktueller Link erzeugt am {when}."),
    "links.none": ("No member page link yet.", "Noch kein Link zum Mitgliederbereich."),
    "links.note": (
        "The old link stops working at once. The new one is shown only once, with its QR code; afterwards only its date is shown here.",
        "Der alte Link funktioniert sofort nicht mehr. Der neue wird nur einmal gezeigt, mit seinem QR-Code; danach steht hier nur noch sein Datum.",
    ),
    "links.new_pass": (
        "Also issue a new card with this link (PDF; the old card stops working)",
        "Auch eine neue Karte mit diesem Link ausstellen (PDF; die alte Karte wird ungültig)",
    ),
    "links.once": (
        "Shown only this once: give the link to the member or print the card now. The server keeps only a hash of it.",
        "Nur dieses eine Mal sichtbar: Geben Sie den Link jetzt weiter oder drucken Sie die Karte. Der Server speichert nur einen Hash davon.",
    ),
    "links.member_page": ("Member page link", "Link zum Mitgliederbereich"),
    "links.qr_alt": ("QR code of the member page link", "QR-Code des Links zum Mitgliederbereich"),
    "links.with_pass": (
        "New card no. {serial}: the card carries the pass code and, smaller, this link.",
        "Neue Karte Nr. {serial}: Sie trägt den Ausweis-Code und, kleiner, diesen Link.",
    ),
    "links.card_pdf": ("Download the card (PDF)", "Karte herunterladen (PDF)"),
    "links.no_pass": (
        "The member page shows the pass only once a card is issued together with a link (tick the box next time, or re-issue with a link).",
        "Der Mitgliederbereich zeigt den Ausweis erst, wenn eine Karte zusammen mit einem Link ausgestellt wird (beim nächsten Mal das Kästchen ankreuzen).",
    ),
    "links.back": ("Back to the member", "Zurück zum Mitglied"),
}
