"""The monthly report as an Excel workbook: the guest-day matrix in space names (host space per
row, home space per column, totals), day passes per space below it, and every row of the report
(all sections, totals included) on a second sheet. German by default, English with lang="en"."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from .report import ALL, NONE, ReportRow
from .table_files import Sheet, write_xlsx

MONTHS: Final = {
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split(),
    "en": "January February March April May June July August September October November December".split(),
}
WORDS: Final[Mapping[str, Mapping[str, str]]] = {
    "de": {
        "matrix": "Gasttage",
        "details": "Details",
        "title": "Gasttage {month} – {network}",
        "explain": "Zeile: Space, der die Gäste empfangen hat; Spalte: Heimat-Space der Mitglieder.",
        "corner": "Gastgeber \\ Heimat",
        "total": "Summe",
        "day_passes": "Tagespässe (Besuche mit Tagespass)",
        "space": "Space",
        "count": "Anzahl",
        "header": "Monat|Bereich|Gastgeber-Space|Heimat-Space|Grund|Anzahl",
        "guest_days": "Gasttage",
        "overshoot_days": "Gasttage über dem Kontingent",
        "overrides": "Einlass durch Personal",
        "day_passes_section": "Tagespässe",
        "denials": "Abweisungen",
        "revoked_uploads": "Nach dem Sperren des Kiosks hochgeladen",
        "popup_visits": "Besuche bei Pop-ups",
        "none": "(kein Mitglied)",
    },
    "en": {
        "matrix": "Guest days",
        "details": "Details",
        "title": "Guest days {month} – {network}",
        "explain": "Row: the space that hosted the guests; column: the members' home space.",
        "corner": "Host \\ home",
        "total": "Total",
        "day_passes": "Day passes (visits with a day pass)",
        "space": "Space",
        "count": "Count",
        "header": "Month|Section|Host space|Home space|Reason|Count",
        "guest_days": "Guest days",
        "overshoot_days": "Guest days over the allowance",
        "overrides": "Admitted by staff",
        "day_passes_section": "Day passes",
        "denials": "Denials",
        "revoked_uploads": "Uploaded after the kiosk was revoked",
        "popup_visits": "Visits at pop-ups",
        "none": "(no member)",
    },
}


def report_xlsx(
    rows: Sequence[ReportRow],
    *,
    year: int,
    month: int,
    names: Mapping[str, str],
    network: str,
    lang: str = "de",
) -> bytes:
    words = WORDS["en" if lang == "en" else "de"]
    month_name = f"{MONTHS['en' if lang == 'en' else 'de'][month - 1]} {year}"

    def name(slug: str) -> str:
        if slug == ALL:
            return words["total"]
        if slug == NONE:
            return words["none"]
        return names.get(slug, slug)

    guest = [r for r in rows if r.section == "guest_days"]
    cells = {(r.host_space, r.home_space): r.count for r in guest}
    order = sorted(names, key=lambda slug: names[slug].casefold())
    homes = [slug for slug in order] + sorted({r.home_space for r in guest} - set(order) - {ALL})
    hosts = [slug for slug in order] + sorted({r.host_space for r in guest} - set(order) - {ALL})
    matrix: list[list[object]] = []
    for host in hosts:
        matrix.append(
            [name(host), *(cells.get((host, home), 0) for home in homes), cells.get((host, ALL), 0)]
        )
    matrix.append([words["total"], *(cells.get((ALL, home), 0) for home in homes), cells.get((ALL, ALL), 0)])
    day_passes = {
        r.host_space: r.count for r in rows if r.section == "day_passes" and r.home_space in (NONE, ALL)
    }
    matrix.append([])
    matrix.append([words["day_passes"]])
    matrix += [[name(host), day_passes.get(host, 0)] for host in hosts]
    matrix.append([words["total"], day_passes.get(ALL, 0)])
    first = Sheet(
        words["matrix"],
        [words["corner"], *(name(h) for h in homes), words["total"]],
        matrix,
        heading=[words["title"].format(month=month_name, network=network), words["explain"]],
        widths=[max(22, *(len(name(h)) + 2 for h in hosts)), *(max(8, len(name(h)) + 2) for h in homes), 8],
    )
    label = f"{year:04d}-{month:02d}"
    section = {
        s: words.get(f"{s}_section", words.get(s, s))
        for s in ("guest_days", "overshoot_days", "overrides", "denials", "revoked_uploads", "popup_visits")
    }
    section["day_passes"] = words["day_passes_section"]
    details = [
        [label, section.get(r.section, r.section), name(r.host_space),
         "" if r.section == "denials" else name(r.home_space),
         words["total"] if r.reason == ALL else r.reason, r.count]
        for r in rows
    ]  # fmt: skip
    second = Sheet(words["details"], words["header"].split("|"), details)
    return write_xlsx([first, second])
