"""Texts of the web admin's pop-up page (docs/popups.md); the rules' own messages come from the
shared catalogue (kiosk/core/messages_popups.py)."""

from __future__ import annotations

from typing import Final

POPUP_PAGES: Final[dict[str, tuple[str, str]]] = {
    "nav.popups": ("Pop-ups", "Pop-ups"),
    "popups.title": ("Pop-up coworking", "Pop-up-Coworking"),
    "popups.intro": (
        "A few hours of coworking in a café or a library. Every lobby board of the region shows "
        "it; a laptop with its webcam runs the kiosk there, enrolled with a code that ends with the pop-up.",
        "Ein paar Stunden Coworking im Café oder in der Bibliothek. Jede Lobby-Tafel der Region "
        "zeigt es an; dort läuft das Terminal auf einem Laptop mit Webcam, eingerichtet mit einem Code, "
        "der mit dem Pop-up endet.",
    ),
    "popups.when": ("When", "Wann"),
    "popups.place": ("Place", "Ort"),
    "popups.address": ("Address", "Adresse"),
    "popups.town": ("Town", "Stadt / Dorf"),
    "popups.date": ("Date", "Datum"),
    "popups.from": ("From", "Von"),
    "popups.to": ("To", "Bis"),
    "popups.host": ("Host (member number or name)", "Gastgeber (Mitgliedsnummer oder Name)"),
    "popups.hosted_by": ("Host", "Gastgeber"),
    "popups.space": ("Hosting space", "Ausrichtender Space"),
    "popups.add": ("Plan pop-up", "Pop-up planen"),
    "popups.new": ("Plan a pop-up", "Ein Pop-up planen"),
    "popups.none": ("No pop-ups planned.", "Keine Pop-ups geplant."),
    "popups.cancel": ("Cancel", "Absagen"),
    "popups.code": ("Kiosk code", "Terminal-Code"),
    "popups.code_for": (
        "One-time code for the kiosk at {place}, valid until the pop-up ends ({until}). Shown once.",
        "Einmal-Code für das Terminal bei {place}, gültig bis zum Ende des Pop-ups ({until}). Wird nur einmal angezeigt.",
    ),
    "popups.qr_alt": ("QR code of the kiosk code", "QR-Code des Terminal-Codes"),
    "popups.added": (
        "Pop-up planned. It reaches the kiosks with their next sync.",
        "Pop-up geplant. Die Terminals erfahren es beim nächsten Abgleich.",
    ),
    "popups.cancelled": (
        "Pop-up cancelled: it leaves the boards, its kiosk stops.",
        "Pop-up abgesagt: Es verschwindet von den Tafeln, sein Terminal hört auf.",
    ),
    "popups.setting": ("Guest days at pop-ups", "Gasttage bei Pop-ups"),
    "popups.setting_label": (
        "A check-in at a pop-up uses a guest day",
        "Ein Check-in bei einem Pop-up kostet einen Gasttag",
    ),
    "popups.setting_save": ("Save", "Speichern"),
    "popups.setting_saved": ("Setting saved.", "Einstellung gespeichert."),
    "popups.setting_on": (
        "Check-ins at pop-ups use a guest day.",
        "Check-ins bei Pop-ups kosten einen Gasttag.",
    ),
    "popups.setting_off": (
        "Check-ins at pop-ups use no guest day.",
        "Check-ins bei Pop-ups kosten keinen Gasttag.",
    ),
    "kiosks.popup_until": ("Pop-up kiosk until {when}", "Pop-up-Terminal bis {when}"),
    "report.section.popup_visits": ("Visits at pop-ups", "Besuche bei Pop-ups"),
}
