"""Texts of the admin's pages (dashboard, members, kiosks, staff): key -> (English, German)."""

from __future__ import annotations

from typing import Final

PAGES: Final[dict[str, tuple[str, str]]] = {
    # dashboard
    "dash.title": ("Today, {day}", "Heute, {day}"),
    "dash.by_hour": ("Check-ins by the hour ({total} today)", "Check-ins nach Stunde ({total} heute)"),
    "dash.hour": ("Hour", "Stunde"),
    "dash.checkins": ("Check-ins", "Check-ins"),
    "dash.present": ("Here", "Anwesend"),
    "dash.present_note": (
        "Here: people at the space at some time in that hour, as its kiosks counted them (until they "
        "checked out or the space closed). Numbers only.",
        "Anwesend: Personen, die in dieser Stunde im Space waren, wie seine Kiosks sie gezählt haben "
        "(bis zum Auschecken oder Schließen). Nur Zahlen.",
    ),
    "dash.no_checkins": ("No check-ins yet today.", "Heute noch keine Check-ins."),
    "dash.guests": ("Guests by home space", "Gäste nach Heimat-Space"),
    "dash.home_space": ("Home space", "Heimat-Space"),
    "dash.guests_count": ("Guests", "Gäste"),
    "dash.no_guests": ("No guests today.", "Heute keine Gäste."),
    # kiosks
    "kiosks.title": ("Kiosks", "Terminals"),
    "kiosks.name": ("Kiosk", "Terminal"),
    "kiosks.online": ("online", "online"),
    "kiosks.offline_since": ("offline since {when}", "offline seit {when}"),
    "kiosks.never": ("never connected", "noch nie verbunden"),
    "kiosks.revoked": ("revoked", "entfernt"),
    "kiosks.none": ("No kiosks enrolled.", "Keine Terminals eingerichtet."),
    "kiosks.last_sync": ("Last sync", "Letzte Synchronisation"),
    "kiosks.revoke": ("Revoke", "Entfernen"),
    "kiosks.replace": ("Re-enroll a replacement", "Ersatz einrichten"),
    "kiosks.new_code": ("New enrollment code", "Neuer Einrichtungscode"),
    "kiosks.code_space": ("Space of the new kiosk", "Space des neuen Terminals"),
    "kiosks.create_code": ("Create enrollment code", "Einrichtungscode erstellen"),
    "kiosks.code_for": (
        "Enrollment code for {space}: scan it at the kiosk's first-run screen, or type it. One-time, valid until {until}.",
        "Einrichtungscode für {space}: am Einrichtungsbildschirm des Terminals scannen oder eintippen. Einmalig, gültig bis {until}.",
    ),
    "kiosks.qr_alt": ("QR code of the enrollment code", "QR-Code des Einrichtungscodes"),
    "kiosks.revoked_notice": (
        "Kiosk revoked: its token no longer works.",
        "Terminal entfernt: sein Schlüssel gilt nicht mehr.",
    ),
    "kiosks.replaced_notice": (
        "The old kiosk is revoked. Enroll the replacement with this code.",
        "Das alte Terminal ist entfernt. Richten Sie den Ersatz mit diesem Code ein.",
    ),
    "kiosks.revoke_confirm": (
        "Revoke this kiosk? Its token stops working at once.",
        "Dieses Terminal entfernen? Sein Schlüssel gilt sofort nicht mehr.",
    ),
    "kiosks.health.version": ("App version", "App-Version"),
    "kiosks.health.queue": ("Queued check-ins", "Wartende Check-ins"),
    "kiosks.health.camera": ("Camera", "Kamera"),
    # staff
    "staff.title": ("Staff", "Personal"),
    "staff.add": ("Add staff member", "Person hinzufügen"),
    "staff.pin": ("PIN (6 to 12 digits)", "PIN (6 bis 12 Ziffern)"),
    "staff.new_pin": ("New PIN", "Neue PIN"),
    "staff.reset_pin": ("Reset PIN", "PIN zurücksetzen"),
    "staff.deactivate": ("Deactivate", "Deaktivieren"),
    "staff.activate": ("Activate", "Aktivieren"),
    "staff.active": ("active", "aktiv"),
    "staff.inactive": ("deactivated", "deaktiviert"),
    "staff.added": ("Staff member added.", "Person hinzugefügt."),
    "staff.pin_set": (
        "PIN changed; kiosks learn it with their next sync.",
        "PIN geändert; die Terminals erfahren es bei der nächsten Synchronisation.",
    ),
    "staff.state_set": (
        "Saved; kiosks learn it with their next sync.",
        "Gespeichert; die Terminals erfahren es bei der nächsten Synchronisation.",
    ),
    "staff.none": ("No staff yet.", "Noch kein Personal."),
    # members
    "members.title": ("Members", "Mitglieder"),
    "members.search": ("Number or name", "Nummer oder Name"),
    "members.search_button": ("Search", "Suchen"),
    "members.number": ("No.", "Nr."),
    "members.home": ("Home space", "Heimat-Space"),
    "members.plan": ("Plan", "Tarif"),
    "members.none": ("No member matches.", "Kein Mitglied passt."),
    "members.more": (
        "Only the first {count} are shown: narrow the search.",
        "Nur die ersten {count} werden gezeigt: bitte die Suche eingrenzen.",
    ),
    "members.guest_note": (
        "A guest of your space (home: {home}): you can see, not change, this member.",
        "Gast Ihres Space (Heimat: {home}): Sie können dieses Mitglied sehen, nicht ändern.",
    ),
    "members.email": ("E-mail", "E-Mail"),
    "members.phone": ("Phone", "Telefon"),
    "members.edit": ("Edit", "Bearbeiten"),
    "members.usage": ("This month", "Dieser Monat"),
    "members.guest_days": (
        "Guest days used in {month}: {used} of {allowed}",
        "Gasttage im {month}: {used} von {allowed} genutzt",
    ),
    "members.visits": ("Visits", "Besuche"),
    "members.history": ("History (newest first)", "Verlauf (neueste zuerst)"),
    "members.no_history": ("No check-ins yet.", "Noch keine Check-ins."),
    "members.reason": ("Verdict", "Ergebnis"),
    "members.counted": ("guest day", "Gasttag"),
    "members.offline": ("offline", "offline"),
    "members.annulled": ("undone", "storniert"),
    "members.admitted": ("admitted", "eingelassen"),
    "members.denied": ("denied", "abgewiesen"),
    "members.pass": ("Pass", "Ausweis"),
    "members.pass_serial": ("Current pass: no. {serial}", "Aktueller Ausweis: Nr. {serial}"),
    "members.no_pass": ("No pass issued yet.", "Noch kein Ausweis ausgestellt."),
    "members.reissue": ("Re-issue pass (PDF)", "Ausweis neu ausstellen (PDF)"),
    "members.reissue_note": (
        "The old card stops working at every kiosk with its next sync. The new card opens as a PDF to print; it is shown only once.",
        "Die alte Karte gilt an jedem Terminal ab der nächsten Synchronisation nicht mehr. Die neue Karte kommt als PDF zum Drucken und wird nur einmal gezeigt.",
    ),
    "members.state.active": ("active", "aktiv"),
    "members.state.paused": ("paused", "pausiert"),
    "members.state.ended": ("ended", "beendet"),
    "members.set_state": ("Membership", "Mitgliedschaft"),
    "members.pause": ("Pause", "Pausieren"),
    "members.end": ("End", "Beenden"),
    "members.resume": ("Activate", "Aktivieren"),
    "members.saved": (
        "Saved; kiosks learn it with their next sync.",
        "Gespeichert; die Terminals erfahren es bei der nächsten Synchronisation.",
    ),
    "members.gdpr": ("Data protection (GDPR)", "Datenschutz (DSGVO)"),
    "members.gdpr_download": (
        "Download everything stored about this member",
        "Alle gespeicherten Daten dieses Mitglieds herunterladen",
    ),
    "members.erase": ("Erase personal data", "Personendaten löschen"),
    "members.erase_note": (
        "Removes name, e-mail and phone everywhere (kiosks at their next sync) and ends the membership. The settlement keeps anonymous counts. This cannot be undone.",
        "Entfernt Name, E-Mail und Telefon überall (Terminals bei der nächsten Synchronisation) und beendet die Mitgliedschaft. Die Abrechnung behält anonyme Zahlen. Das lässt sich nicht rückgängig machen.",
    ),
    "members.erase_confirm": ("Type ERASE to confirm", "Zur Bestätigung LÖSCHEN eingeben"),
    "members.erase_word": ("ERASE", "LÖSCHEN"),
    "members.erased": ("Personal data erased.", "Personendaten gelöscht."),
    "members.erase_wrong": (
        "Please type the confirmation word.",
        "Bitte geben Sie das Bestätigungswort ein.",
    ),
}
