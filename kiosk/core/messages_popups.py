"""Texts of pop-up coworking (netserver/services/popups.py), part of the shared catalogue:
the command line, the API, the web admin and the member page say them with the same words."""

from __future__ import annotations

EN: dict[str, tuple[str, str]] = {
    "popup.place_missing": ("Place missing", "A pop-up needs the name of its place, e.g. Café Kranich."),
    "popup.town_missing": ("Town missing", "A pop-up needs the town it takes place in."),
    "popup.text_too_long": ("Text too long", "{field}: at most {max} characters."),
    "popup.bad_date": ("Date not understood", "Please give the date as YYYY-MM-DD, e.g. 2026-12-10."),
    "popup.bad_time": ("Time not understood", "Please give the times as HH:MM, e.g. 09:00."),
    "popup.end_before_start": (
        "End before start",
        "The pop-up has to end after it starts ({start} to {end}).",
    ),
    "popup.in_the_past": (
        "Already over",
        "This pop-up would end in the past ({end}). Please choose a later time.",
    ),
    "popup.too_far": ("Too far ahead", "A pop-up can be planned up to a year ahead."),
    "popup.host_missing": ("Host missing", "A pop-up needs a host: a member number or a name."),
    "popup.host_unknown": ("No such member", "There is no member with the number {number}."),
    "popup.space_missing": ("Space missing", "Which space hosts this pop-up? Please name the space."),
    "popup.not_found": ("No such pop-up", "There is no pop-up with the number {id}."),
    "popup.cancelled": ("Pop-up cancelled", "Pop-up {id} was cancelled; it has no kiosk code."),
    "popup.ended": (
        "Pop-up is over",
        "Pop-up {id} ended at {end}; kiosks can no longer be enrolled for it.",
    ),
    "popup.enroll_ended": (
        "The pop-up is over",
        "This enrollment code belonged to a pop-up that has ended. Kiosks can no longer be enrolled with it.",
    ),
    "error.enrollment_popup_over": (
        "The pop-up is over",
        "This code was for a pop-up that has ended or was cancelled. The kiosk cannot be enrolled with it.",
    ),
    "popup.other_space": ("Not your space", "Pop-up {id} belongs to another space."),
    "popup.member_inactive": (
        "Membership not active",
        "While your membership is paused or has ended you cannot host a pop-up.",
    ),
    "popup.too_many": (
        "Enough pop-ups for now",
        "You already host {count} upcoming pop-ups. Please wait until one has taken place.",
    ),
}

DE: dict[str, tuple[str, str]] = {
    "popup.place_missing": ("Ort fehlt", "Ein Pop-up braucht den Namen seines Ortes, z. B. Café Kranich."),
    "popup.town_missing": ("Ort fehlt", "Ein Pop-up braucht die Stadt oder das Dorf, in dem es stattfindet."),
    "popup.text_too_long": ("Text zu lang", "{field}: höchstens {max} Zeichen."),
    "popup.bad_date": ("Datum nicht verstanden", "Bitte das Datum als JJJJ-MM-TT angeben, z. B. 2026-12-10."),
    "popup.bad_time": ("Uhrzeit nicht verstanden", "Bitte die Uhrzeiten als HH:MM angeben, z. B. 09:00."),
    "popup.end_before_start": (
        "Ende vor Beginn",
        "Das Pop-up muss nach seinem Beginn enden ({start} bis {end}).",
    ),
    "popup.in_the_past": (
        "Schon vorbei",
        "Dieses Pop-up wäre schon vorbei ({end}). Bitte eine spätere Zeit wählen.",
    ),
    "popup.too_far": ("Zu weit voraus", "Ein Pop-up kann bis zu einem Jahr im Voraus geplant werden."),
    "popup.host_missing": (
        "Gastgeber fehlt",
        "Ein Pop-up braucht einen Gastgeber: Mitgliedsnummer oder Name.",
    ),
    "popup.host_unknown": ("Kein solches Mitglied", "Es gibt kein Mitglied mit der Nummer {number}."),
    "popup.space_missing": (
        "Space fehlt",
        "Welcher Space richtet dieses Pop-up aus? Bitte den Space angeben.",
    ),
    "popup.not_found": ("Kein solches Pop-up", "Es gibt kein Pop-up mit der Nummer {id}."),
    "popup.cancelled": ("Pop-up abgesagt", "Pop-up {id} wurde abgesagt; es hat keinen Terminal-Code."),
    "popup.ended": (
        "Pop-up ist vorbei",
        "Pop-up {id} endete um {end}; dafür können keine Terminals mehr eingerichtet werden.",
    ),
    "popup.enroll_ended": (
        "Das Pop-up ist vorbei",
        "Dieser Einrichtungscode gehörte zu einem Pop-up, das vorbei ist. Damit lässt sich kein "
        "Terminal mehr einrichten.",
    ),
    "error.enrollment_popup_over": (
        "Das Pop-up ist vorbei",
        "Dieser Code gehörte zu einem Pop-up, das vorbei ist oder abgesagt wurde. Damit lässt sich das "
        "Terminal nicht einrichten.",
    ),
    "popup.other_space": ("Nicht dein Space", "Pop-up {id} gehört zu einem anderen Space."),
    "popup.member_inactive": (
        "Mitgliedschaft nicht aktiv",
        "Solange deine Mitgliedschaft pausiert oder beendet ist, kannst du kein Pop-up ausrichten.",
    ),
    "popup.too_many": (
        "Erst einmal genug Pop-ups",
        "Du richtest schon {count} kommende Pop-ups aus. Bitte warte, bis eines stattgefunden hat.",
    ),
}
