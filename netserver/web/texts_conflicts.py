"""Web admin texts of the held facts page (issue 16): uploads kept for staff instead of counted."""

from __future__ import annotations

from typing import Final

# key: (English, German)
CONFLICTS: Final[dict[str, tuple[str, str]]] = {
    "nav.conflicts": ("Held check-ins", "Zurückgehalten"),
    "conflicts.title": ("Held check-ins", "Zurückgehaltene Check-ins"),
    "conflicts.intro": (
        "Check-ins a kiosk uploaded that were not counted: dated before the kiosk was enrolled, later than the server's time, or in a closed month. Count one if its time is right, or dismiss it; nothing changes until you decide.",
        "Check-ins, die ein Terminal hochgeladen hat und die nicht gezählt wurden: datiert vor der Einrichtung des Terminals, später als die Serverzeit oder in einem abgeschlossenen Monat. Zählen Sie einen, wenn seine Zeit stimmt, oder verwerfen Sie ihn; bis zu Ihrer Entscheidung ändert sich nichts.",
    ),
    "conflicts.show": ("Show", "Anzeigen"),
    "conflicts.waiting": ("waiting for a decision", "warten auf Entscheidung"),
    "conflicts.decided": ("decided", "entschieden"),
    "conflicts.received": ("Received", "Empfangen"),
    "conflicts.occurred": ("Dated", "Datiert"),
    "conflicts.member": ("Member", "Mitglied"),
    "conflicts.problem": ("Why held", "Grund"),
    "conflicts.fact": ("At the door", "An der Tür"),
    "conflicts.decision": ("Decision", "Entscheidung"),
    "conflicts.kiosk": ("kiosk {id}", "Terminal {id}"),
    "conflicts.problem.before_enrollment": (
        "dated before its kiosk was enrolled",
        "datiert vor der Einrichtung des Terminals",
    ),
    "conflicts.problem.in_future": (
        "dated later than the server's time",
        "datiert später als die Serverzeit",
    ),
    "conflicts.problem.month_closed": ("in a closed (settled) month", "in einem abgeschlossenen Monat"),
    "conflicts.count": ("Count it", "Zählen"),
    "conflicts.dismiss": ("Dismiss", "Verwerfen"),
    "conflicts.resolution.counted": ("counted", "gezählt"),
    "conflicts.resolution.dismissed": ("dismissed", "verworfen"),
    "conflicts.counted": ("Counted: it is a check-in now.", "Gezählt: Es ist jetzt ein Check-in."),
    "conflicts.dismissed": ("Dismissed: it stays uncounted.", "Verworfen: Er bleibt ungezählt."),
    "conflicts.refused": ("Not counted: {message}", "Nicht gezählt: {message}"),
    "conflicts.none": ("No held check-ins are waiting.", "Keine zurückgehaltenen Check-ins warten."),
    "conflicts.none_decided": ("No decided check-ins yet.", "Noch keine entschiedenen Check-ins."),
    "conflicts.more": ("The oldest {limit} are shown.", "Die ältesten {limit} werden gezeigt."),
}
