"""Texts of the network's administration, part of the shared catalogue: the staff rules
(netserver/services/staff_rules.py) and the server's command line.

Kept apart from messages.py, which merges them in: the command line, the API and the web admin
say these things with the same words, in German and English.
"""

from __future__ import annotations

EN: dict[str, tuple[str, str]] = {
    "staff.name_empty": ("Name missing", "Staff need a display name."),
    "staff.name_taken": (
        "Name already in the team",
        "{space} already has a staff member called {name} (number {id}). Please use another "
        "name, for example with the surname's initial.",
    ),
    "staff.name_taken.cli": (
        "Name already in the team",
        "{space} already has a staff member called {name} (number {id}). Use another name, "
        "or add --allow-same-name to add a second person of that name.",
    ),
    "staff.pin_format": ("PIN not usable", "A staff PIN has {min} to {max} digits and nothing else."),
    "staff.pin_trivial": (
        "PIN too easy to guess",
        "Repeated digits (000000, 121212) and runs (123456, 654321) are refused. Please choose another PIN.",
    ),
    "staff.pin_taken": (
        "PIN already in use",
        "Another staff member of {space} has this PIN. Please choose another PIN.",
    ),
    "staff.pin_mismatch": ("PINs differ", "The two PINs you typed are not the same. Nothing was changed."),
    "staff.not_found": ("No such staff member", "There is no staff member with the number {id}."),
    "staff.ask_same_name": (
        "Name already in the team",
        "{space} already has a staff member called {name} (number {id}). Add another person of "
        "that name? [y/N] ",
    ),
    "staff.not_added": ("Not added", "Nothing was changed."),
    "cli.pass_issue_needs_out": (
        "Where should the passes go?",
        "Add --out DIR: the cards (PNG, PDF) are written there and nowhere else, because the "
        "server keeps only a hash of each code. Nothing was issued.",
    ),
}

DE: dict[str, tuple[str, str]] = {
    "staff.name_empty": ("Name fehlt", "Eine Person im Team braucht einen Anzeigenamen."),
    "staff.name_taken": (
        "Name schon im Team",
        "In {space} gibt es schon {name} im Team (Nummer {id}). Bitte nimm einen anderen "
        "Namen, zum Beispiel mit dem Anfangsbuchstaben des Nachnamens.",
    ),
    "staff.name_taken.cli": (
        "Name schon im Team",
        "In {space} gibt es schon {name} im Team (Nummer {id}). Nimm einen anderen Namen oder "
        "gib --allow-same-name an, um eine zweite Person dieses Namens anzulegen.",
    ),
    "staff.pin_format": (
        "PIN nicht verwendbar",
        "Eine Team-PIN hat {min} bis {max} Ziffern und sonst nichts.",
    ),
    "staff.pin_trivial": (
        "PIN zu leicht zu erraten",
        "Wiederholte Ziffern (000000, 121212) und Folgen (123456, 654321) sind nicht erlaubt. "
        "Bitte wähle eine andere PIN.",
    ),
    "staff.pin_taken": (
        "PIN schon vergeben",
        "Eine andere Person im Team von {space} hat diese PIN. Bitte wähle eine andere PIN.",
    ),
    "staff.pin_mismatch": (
        "PINs verschieden",
        "Die beiden eingegebenen PINs stimmen nicht überein. Es wurde nichts geändert.",
    ),
    "staff.not_found": ("Unbekannte Person", "Im Team gibt es niemanden mit der Nummer {id}."),
    "staff.ask_same_name": (
        "Name schon im Team",
        "In {space} gibt es schon {name} im Team (Nummer {id}). Eine weitere Person dieses "
        "Namens anlegen? [j/N] ",
    ),
    "staff.not_added": ("Nicht angelegt", "Es wurde nichts geändert."),
    "cli.pass_issue_needs_out": (
        "Wohin mit den Ausweisen?",
        "Bitte --out VERZEICHNIS angeben: Die Karten (PNG, PDF) werden nur dort gespeichert, weil "
        "der Server von jedem Code nur einen Hash behält. Es wurde nichts ausgestellt.",
    ),
}
