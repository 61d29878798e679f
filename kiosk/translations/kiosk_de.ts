<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>Camera</name>
    <message>
        <source>The camera stopped sending images.</source>
        <translation>Die Kamera sendet keine Bilder mehr.</translation>
    </message>
    <message>
        <source>The camera does not work.</source>
        <translation>Die Kamera funktioniert nicht.</translation>
    </message>
</context>
<context>
    <name>CameraView</name>
    <message>
        <source>Camera picture</source>
        <translation>Kamerabild</translation>
    </message>
</context>
<context>
    <name>CheckinScreen</name>
    <message>
        <source>Please ask at the desk</source>
        <translation>Bitte am Empfang melden</translation>
    </message>
    <message>
        <source>This kiosk&apos;s clock is more than 5 minutes wrong, so it cannot check passes. Staff: please check the time synchronisation.</source>
        <translation>Die Uhr dieses Terminals geht mehr als 5 Minuten falsch, deshalb kann es keine Pässe prüfen. Personal: bitte die Zeitsynchronisation prüfen.</translation>
    </message>
    <message>
        <source>Checking your pass…</source>
        <translation>Dein Ausweis wird geprüft …</translation>
    </message>
    <message>
        <source>Sorry, that did not work</source>
        <translation>Das hat leider nicht geklappt</translation>
    </message>
    <message>
        <source>Your pass could not be checked just now. Please ask at the desk.</source>
        <translation>Dein Ausweis konnte gerade nicht geprüft werden. Bitte frag am Empfang.</translation>
    </message>
    <message>
        <source>Hold your pass up to the camera</source>
        <translation>Halte deinen Ausweis vor die Kamera</translation>
    </message>
    <message>
        <source>Printed card or phone screen. You will hear a sound when it is read.</source>
        <translation>Gedruckte Karte oder Handy-Bildschirm. Ein Ton sagt dir, wenn er gelesen ist.</translation>
    </message>
    <message>
        <source>Staff desk</source>
        <translation>Empfang</translation>
    </message>
    <message>
        <source>Switch to German</source>
        <translation>Auf Deutsch umschalten</translation>
    </message>
    <message>
        <source>Switch to English</source>
        <translation>Auf Englisch umschalten</translation>
    </message>
    <message>
        <source>Hold your pass under the scanner</source>
        <translation>Halte deinen Ausweis unter den Scanner</translation>
    </message>
    <message>
        <source>Printed card or phone screen, code facing the scanner&apos;s light. You will hear a sound.</source>
        <translation>Gedruckte Karte oder Handy-Bildschirm, den Code zum Licht des Scanners. Ein Ton sagt dir, wenn er gelesen ist.</translation>
    </message>
</context>
<context>
    <name>ConflictsTab</name>
    <message>
        <source>No conflicts. Every guest day this month stayed within the members&apos; plans.</source>
        <translation>Keine Konflikte. Alle Gasttage dieses Monats lagen im Rahmen der Tarife.</translation>
    </message>
    <message>
        <source>While kiosks were offline, these members used more guest days than their plan allows, at several spaces. Nobody is turned away afterwards; the network settles it in the monthly report. You may want to have a word with them.</source>
        <translation>Während Terminals offline waren, haben diese Mitglieder in mehreren Spaces mehr Gasttage genutzt, als ihr Tarif erlaubt. Niemand wird nachträglich abgewiesen; das Netzwerk gleicht es im Monatsbericht aus. Vielleicht sprecht ihr sie freundlich darauf an.</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Monat</translation>
    </message>
    <message>
        <source>Spaces</source>
        <translation>Spaces</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
</context>
<context>
    <name>DayPassPrint</name>
    <message>
        <source>Day pass</source>
        <translation>Tagespass</translation>
    </message>
    <message>
        <source>Valid on %1</source>
        <translation>Gültig am %1</translation>
    </message>
</context>
<context>
    <name>DayPassTab</name>
    <message>
        <source>No day pass issued yet</source>
        <translation>Noch kein Tagespass ausgestellt</translation>
    </message>
    <message>
        <source>Day pass for %1, valid on %2</source>
        <translation>Tagespass für %1, gültig am %2</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>An den Drucker geschickt.</translation>
    </message>
    <message>
        <source>Save day pass as PDF</source>
        <translation>Tagespass als PDF speichern</translation>
    </message>
    <message>
        <source>Saved as %1</source>
        <translation>Gespeichert als %1</translation>
    </message>
    <message>
        <source>Note, e.g. the visitor&apos;s first name (optional)</source>
        <translation>Notiz, z. B. Vorname des Gasts (freiwillig)</translation>
    </message>
    <message>
        <source>Note for the day pass</source>
        <translation>Notiz zum Tagespass</translation>
    </message>
    <message>
        <source>Issue day pass</source>
        <translation>Tagespass ausstellen</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Drucken …</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Als PDF speichern …</translation>
    </message>
</context>
<context>
    <name>DemoPanel</name>
    <message>
        <source>DEMO: HOLD UP A PASS</source>
        <translation>DEMO: AUSWEIS VORHALTEN</translation>
    </message>
    <message>
        <source>Home member</source>
        <translation>Mitglied hier</translation>
    </message>
    <message>
        <source>Guest, day free</source>
        <translation>Gast, Tag frei</translation>
    </message>
    <message>
        <source>Guest, day used</source>
        <translation>Gast, Tag verbraucht</translation>
    </message>
    <message>
        <source>Old card</source>
        <translation>Alte Karte</translation>
    </message>
    <message>
        <source>Forged code</source>
        <translation>Gefälschter Code</translation>
    </message>
    <message>
        <source>Phone, dark mode</source>
        <translation>Handy, dunkler Modus</translation>
    </message>
    <message>
        <source>Member page on a phone</source>
        <translation>Mitgliederseite auf dem Handy</translation>
    </message>
    <message>
        <source>Hold up: %1</source>
        <translation>Vorhalten: %1</translation>
    </message>
    <message>
        <source>Unplug camera</source>
        <translation>Kamera abziehen</translation>
    </message>
    <message>
        <source>Staff PIN for the desk (%1): %2</source>
        <translation>PIN für den Empfang (%1): %2</translation>
    </message>
</context>
<context>
    <name>DeskPresenter</name>
    <message>
        <source>Check-in undone.</source>
        <translation>Check-in zurückgenommen.</translation>
    </message>
    <message>
        <source>Status saved.</source>
        <translation>Status gespeichert.</translation>
    </message>
    <message>
        <source>That did not work: %1</source>
        <translation>Das hat nicht geklappt: %1</translation>
    </message>
</context>
<context>
    <name>DeskScreen</name>
    <message>
        <source>Staff desk</source>
        <translation>Empfang</translation>
    </message>
    <message>
        <source>Lock (Ctrl+L)</source>
        <translation>Sperren (Strg+L)</translation>
    </message>
    <message>
        <source>Lock the desk</source>
        <translation>Empfang sperren</translation>
    </message>
    <message>
        <source>Leave kiosk mode</source>
        <translation>Kiosk-Modus verlassen</translation>
    </message>
    <message>
        <source>Leave kiosk mode and close the app</source>
        <translation>Kiosk-Modus verlassen und Programm schließen</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Abgleich</translation>
    </message>
    <message>
        <source>Equipment</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>Day pass</source>
        <translation>Tagespass</translation>
    </message>
    <message>
        <source>Desk sections</source>
        <translation>Bereiche des Empfangs</translation>
    </message>
</context>
<context>
    <name>EnrollScreen</name>
    <message>
        <source>Entrance</source>
        <translation>Eingang</translation>
    </message>
    <message>
        <source>Connecting to the network…</source>
        <translation>Verbindung zum Netzwerk …</translation>
    </message>
    <message>
        <source>Please check the server address and this computer&apos;s network connection.</source>
        <translation>Bitte prüfe die Server-Adresse und die Netzwerkverbindung dieses Rechners.</translation>
    </message>
    <message>
        <source>Set up this kiosk</source>
        <translation>Dieses Terminal einrichten</translation>
    </message>
    <message>
        <source>Type the enrollment code from the network admin, or hold its QR code up to the camera. The code works once.</source>
        <translation>Gib den Einrichtungscode der Netzwerk-Verwaltung ein oder halte seinen QR-Code vor die Kamera. Der Code gilt nur einmal.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation>Einrichtungscode</translation>
    </message>
    <message>
        <source>Kiosk name</source>
        <translation>Name des Terminals</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Server-Adresse</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
</context>
<context>
    <name>EquipmentTab</name>
    <message>
        <source>Working</source>
        <translation>In Ordnung</translation>
    </message>
    <message>
        <source>Out of order</source>
        <translation>Außer Betrieb</translation>
    </message>
    <message>
        <source>In maintenance</source>
        <translation>In Wartung</translation>
    </message>
    <message>
        <source>New status</source>
        <translation>Neuer Status</translation>
    </message>
    <message>
        <source>Note, e.g. nozzle blocked, part ordered</source>
        <translation>Notiz, z. B. Düse verstopft, Teil bestellt</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Save status</source>
        <translation>Status speichern</translation>
    </message>
    <message>
        <source>Equipment</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Our equipment</source>
        <translation>Unsere Geräte</translation>
    </message>
</context>
<context>
    <name>LobbyBoard</name>
    <message>
        <source>To check in, hold your pass (card or phone) up to the camera.</source>
        <translation>Zum Einchecken halte deinen Ausweis (Karte oder Handy) vor die Kamera.</translation>
    </message>
    <message>
        <source>To check in, hold your pass (card or phone) to the scanner.</source>
        <translation>Zum Einchecken halte deinen Ausweis (Karte oder Handy) an den Scanner.</translation>
    </message>
    <message>
        <source>To check in, show your pass at the kiosk by the entrance.</source>
        <translation>Zum Einchecken zeig deinen Ausweis am Terminal am Eingang.</translation>
    </message>
    <message>
        <source>Today at %1</source>
        <translation>Heute in %1</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
    <message>
        <source>No events here today.</source>
        <translation>Heute keine Veranstaltungen hier.</translation>
    </message>
    <message>
        <source>Nothing planned in the region this week.</source>
        <translation>Diese Woche ist in der Region nichts geplant.</translation>
    </message>
    <message>
        <source>Missed “%1”? Next date: %2, %3</source>
        <translation>„%1“ verpasst? Nächster Termin: %2, %3</translation>
    </message>
    <message>
        <source>working</source>
        <translation>in Ordnung</translation>
    </message>
    <message>
        <source>out of order</source>
        <translation>außer Betrieb</translation>
    </message>
    <message>
        <source>in maintenance</source>
        <translation>in Wartung</translation>
    </message>
    <message>
        <source>No shared equipment here.</source>
        <translation>Hier gibt es keine geteilten Geräte.</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <source>TODAY HERE</source>
        <translation>HEUTE HIER</translation>
    </message>
    <message>
        <source>THIS WEEK IN THE REGION</source>
        <translation>DIESE WOCHE IN DER REGION</translation>
    </message>
    <message>
        <source>MISSED IT?</source>
        <translation>VERPASST?</translation>
    </message>
    <message>
        <source>OUR EQUIPMENT</source>
        <translation>UNSERE GERÄTE</translation>
    </message>
    <message>
        <source>ELSEWHERE IN THE REGION</source>
        <translation>ANDERSWO IN DER REGION</translation>
    </message>
    <message>
        <source>Lobby board</source>
        <translation>Infotafel</translation>
    </message>
</context>
<context>
    <name>MembersTab</name>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>ruht</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>Please give a reason for admitting despite the denial.</source>
        <translation>Bitte gib einen Grund an, warum du trotz Ablehnung einlässt.</translation>
    </message>
    <message>
        <source>Search by name or member number (Ctrl+F)</source>
        <translation>Suche nach Name oder Mitgliedsnummer (Strg+F)</translation>
    </message>
    <message>
        <source>Search members</source>
        <translation>Mitglieder suchen</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Home space</source>
        <translation>Heimat-Space</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Members found</source>
        <translation>Gefundene Mitglieder</translation>
    </message>
    <message>
        <source>Check in (Enter)</source>
        <translation>Einchecken (Eingabe)</translation>
    </message>
    <message>
        <source>Check in the selected member</source>
        <translation>Ausgewähltes Mitglied einchecken</translation>
    </message>
    <message>
        <source>ADMIT DESPITE A DENIAL</source>
        <translation>TROTZ ABLEHNUNG EINLASSEN</translation>
    </message>
    <message>
        <source>Reason, e.g. paid at the desk</source>
        <translation>Grund, z. B. am Empfang bezahlt</translation>
    </message>
    <message>
        <source>Reason for admitting</source>
        <translation>Grund für den Einlass</translation>
    </message>
    <message>
        <source>Admit anyway</source>
        <translation>Trotzdem einlassen</translation>
    </message>
    <message>
        <source>Admit despite the denial</source>
        <translation>Trotz Ablehnung einlassen</translation>
    </message>
    <message>
        <source>No recent denial. Select a member above to admit them.</source>
        <translation>Keine aktuelle Ablehnung. Wähle oben ein Mitglied, um es einzulassen.</translation>
    </message>
    <message>
        <source>Recent denials: select one, give a reason, admit anyway.</source>
        <translation>Letzte Ablehnungen: eine auswählen, Grund angeben, trotzdem einlassen.</translation>
    </message>
    <message>
        <source>Recent denials</source>
        <translation>Letzte Ablehnungen</translation>
    </message>
</context>
<context>
    <name>OccupancyCard</name>
    <message>
        <source>WHO IS HERE</source>
        <translation>WER IST DA</translation>
    </message>
    <message>
        <source>%1 here now</source>
        <translation>Jetzt %1 da</translation>
    </message>
    <message>
        <source>%1 · all %2 desks taken</source>
        <translation>%1 · alle %2 Plätze belegt</translation>
    </message>
    <message>
        <source>%1 · %2 of %3 desks free</source>
        <translation>%1 · %2 von %3 Plätzen frei</translation>
    </message>
</context>
<context>
    <name>OutOfOrderView</name>
    <message>
        <source>Out of order, please ring</source>
        <translation>Außer Betrieb, bitte klingeln</translation>
    </message>
    <message>
        <source>The camera is not working right now. Please ring the bell, someone will let you in.</source>
        <translation>Die Kamera funktioniert gerade nicht. Bitte klingle, jemand lässt dich herein.</translation>
    </message>
    <message>
        <source>This kiosk was taken out of service. Please ring the bell, someone will let you in.</source>
        <translation>Dieses Terminal wurde außer Betrieb genommen. Bitte klingle, jemand lässt dich herein.</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <source>Wrong PIN. Please try again.</source>
        <translation>Falsche PIN. Bitte noch einmal.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. The desk is locked until %1.</source>
        <translation>Zu viele falsche PINs. Der Empfang ist bis %1 gesperrt.</translation>
    </message>
    <message>
        <source>Staff desk</source>
        <translation>Empfang</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Staff PIN</source>
        <translation>PIN des Teams</translation>
    </message>
    <message>
        <source>Back to check-in (Esc)</source>
        <translation>Zurück zum Check-in (Esc)</translation>
    </message>
    <message>
        <source>Back to check-in</source>
        <translation>Zurück zum Check-in</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
</context>
<context>
    <name>PopupBoard</name>
    <message>
        <source>POP-UP COWORKING IN THE REGION</source>
        <translation>POP-UP-COWORKING IN DER REGION</translation>
    </message>
    <message>
        <source>Work together for a few hours in a café or library: bring your pass.</source>
        <translation>Ein paar Stunden gemeinsam arbeiten, im Café oder in der Bibliothek: Ausweis mitbringen.</translation>
    </message>
    <message>
        <source>Pop-up coworking</source>
        <translation>Pop-up-Coworking</translation>
    </message>
</context>
<context>
    <name>SkillsBoard</name>
    <message>
        <source>HERE TODAY: ASK US ABOUT</source>
        <translation>HEUTE HIER: SPRICH UNS AN ZU</translation>
    </message>
    <message>
        <source>Members choose on their member page to be shown here, for today only.</source>
        <translation>Mitglieder entscheiden auf ihrer Mitgliederseite, ob sie hier stehen – nur für heute.</translation>
    </message>
    <message>
        <source>Here-today board</source>
        <translation>Heute-hier-Tafel</translation>
    </message>
</context>
<context>
    <name>SoundControls</name>
    <message>
        <source>Sound off</source>
        <translation>Ton aus</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Lautstärke</translation>
    </message>
</context>
<context>
    <name>SyncTab</name>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>The kiosk keeps checking people in and tries again by itself.</source>
        <translation>Das Terminal checkt weiter ein und versucht es von selbst erneut.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message numerus="yes">
        <source>%n check-in(s) waiting to upload</source>
        <translation>
            <numerusform>%n Check-in wartet auf das Hochladen</numerusform>
            <numerusform>%n Check-ins warten auf das Hochladen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is off; the kiosk uses the server&apos;s time.</source>
        <translation>Die Uhr dieses Rechners geht falsch; das Terminal nutzt die Zeit des Servers.</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Abgleich läuft …</translation>
    </message>
    <message>
        <source>Sync now (Ctrl+S)</source>
        <translation>Jetzt abgleichen (Strg+S)</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Letzter Abgleich</translation>
    </message>
    <message>
        <source>Uploads</source>
        <translation>Uploads</translation>
    </message>
    <message>
        <source>Clock offset</source>
        <translation>Uhrabweichung</translation>
    </message>
    <message>
        <source>Next attempt</source>
        <translation>Nächster Versuch</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Jetzt abgleichen</translation>
    </message>
    <message>
        <source>Waiting for the first sync…</source>
        <translation>Warte auf den ersten Abgleich …</translation>
    </message>
    <message>
        <source>SOUND AT THE DOOR</source>
        <translation>TON AM EINGANG</translation>
    </message>
</context>
<context>
    <name>TodayPanel</name>
    <message>
        <source>TODAY HERE</source>
        <translation>HEUTE HIER</translation>
    </message>
    <message>
        <source>No events today. Enjoy a quiet day of work.</source>
        <translation>Heute keine Veranstaltungen. Einen ruhigen Arbeitstag!</translation>
    </message>
</context>
<context>
    <name>TodayTab</name>
    <message>
        <source>Home member</source>
        <translation>Mitglied hier</translation>
    </message>
    <message>
        <source>Guest day</source>
        <translation>Gasttag</translation>
    </message>
    <message>
        <source>Again today</source>
        <translation>Heute erneut</translation>
    </message>
    <message>
        <source>Admitted by staff</source>
        <translation>Vom Team eingelassen</translation>
    </message>
    <message>
        <source>Day pass</source>
        <translation>Tagespass</translation>
    </message>
    <message>
        <source>Pop-up visit</source>
        <translation>Pop-up-Besuch</translation>
    </message>
    <message>
        <source>Guest days used</source>
        <translation>Gasttage verbraucht</translation>
    </message>
    <message>
        <source>Membership not active</source>
        <translation>Mitgliedschaft nicht aktiv</translation>
    </message>
    <message>
        <source>Old card</source>
        <translation>Alte Karte</translation>
    </message>
    <message>
        <source>Unknown pass</source>
        <translation>Unbekannter Ausweis</translation>
    </message>
    <message>
        <source>Day pass not valid</source>
        <translation>Tagespass ungültig</translation>
    </message>
    <message>
        <source>Unreadable code</source>
        <translation>Code unlesbar</translation>
    </message>
    <message>
        <source>Foreign code</source>
        <translation>Fremder Code</translation>
    </message>
    <message>
        <source>undone</source>
        <translation>zurückgenommen</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <source>scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>von Hand</translation>
    </message>
    <message>
        <source>override</source>
        <translation>Ausnahme</translation>
    </message>
    <message>
        <source>Select a check-in first.</source>
        <translation>Bitte zuerst einen Check-in auswählen.</translation>
    </message>
    <message>
        <source>Please give a reason for the undo.</source>
        <translation>Bitte gib einen Grund für die Rücknahme an.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Wie</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <source>Today&apos;s check-ins</source>
        <translation>Heutige Check-ins</translation>
    </message>
    <message>
        <source>Reason for the undo, e.g. scanned twice by mistake</source>
        <translation>Grund für die Rücknahme, z. B. versehentlich doppelt gescannt</translation>
    </message>
    <message>
        <source>Reason for the undo</source>
        <translation>Grund für die Rücknahme</translation>
    </message>
    <message>
        <source>Undo check-in</source>
        <translation>Check-in zurücknehmen</translation>
    </message>
    <message>
        <source>Undo the selected check-in</source>
        <translation>Ausgewählten Check-in zurücknehmen</translation>
    </message>
    <message>
        <source>Unknown pass (claims no. %1)</source>
        <translation>Unbekannter Ausweis (gibt Nr. %1 an)</translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) admitted today</source>
        <translation>
            <numerusform>Heute %n Person eingelassen</numerusform>
            <numerusform>Heute %n Personen eingelassen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n scan(s) in all</source>
        <translation>
            <numerusform>%n Scan insgesamt</numerusform>
            <numerusform>%n Scans insgesamt</numerusform>
        </translation>
    </message>
    <message>
        <source>reason: %1</source>
        <translation>Grund: %1</translation>
    </message>
    <message>
        <source>left %1</source>
        <translation>gegangen %1</translation>
    </message>
</context>
<context>
    <name>VerdictCard</name>
    <message>
        <source>Check-in result</source>
        <translation>Ergebnis des Check-ins</translation>
    </message>
    <message>
        <source>Admitted</source>
        <translation>Eingelassen</translation>
    </message>
    <message>
        <source>Checked out</source>
        <translation>Ausgecheckt</translation>
    </message>
    <message>
        <source>All desks are taken right now. Please ask at the desk: the team will gladly help you find a place.</source>
        <translation>Gerade sind alle Plätze belegt. Bitte frag am Empfang: Das Team hilft dir gern, einen Platz zu finden.</translation>
    </message>
    <message>
        <source>Not admitted</source>
        <translation>Nicht eingelassen</translation>
    </message>
    <message>
        <source>Please try again</source>
        <translation>Bitte noch einmal versuchen</translation>
    </message>
    <message>
        <source>Offline: decided here, will be sent later</source>
        <translation>Offline: hier entschieden, wird später gesendet</translation>
    </message>
    <message>
        <source>%1, member in %2</source>
        <translation>%1, Mitglied in %2</translation>
    </message>
    <message>
        <source>Guest days left in %1: %2 of %3</source>
        <translation>Gasttage übrig im %1: %2 von %3</translation>
    </message>
</context>
</TS>
