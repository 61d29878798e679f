"""Printing passes: one PNG per card and a printable PDF sheet (A4, 2 x 5 cards, cut marks)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..private_files import private_dir, unused_path
from .cards import Card, day_pass_card, member_card
from .pdf import sheet_bytes, write_sheet
from .png import render_card, write_png


@dataclass(frozen=True, slots=True)
class PrintedCards:
    pngs: tuple[Path, ...]
    pdfs: tuple[Path, ...]

    @property
    def pdf(self) -> Path:
        """The sheet, when all cards were of one kind (the usual case)."""
        return self.pdfs[0]


def write_cards(cards: Sequence[Card], out_dir: Path, *, today: date | None = None) -> PrintedCards:
    """Write `cards` to `out_dir`: one PNG per card and one PDF sheet per kind of card.

    The sheet is named `passes-YYYYMMDD.pdf` (`daypasses-...` for day passes); an existing
    sheet is never overwritten (`-2`, `-3`, ... are appended instead), because the secrets in
    it exist nowhere else. For the same reason every file is readable by its owner only
    (netserver/private_files.py).
    """
    private_dir(out_dir)  # the missing levels 0700; every file 0600
    day = today or date.today()
    pngs = tuple(write_png(card, out_dir / f"{card.stem}.png") for card in cards)
    pdfs = tuple(
        write_sheet(
            [c for c in cards if c.kind == kind],
            unused_path(out_dir, f"{kind}-{day:%Y%m%d}", ".pdf"),
            title=f"{kind} {day.isoformat()}",
        )
        for kind in sorted({card.kind for card in cards})
    )
    return PrintedCards(pngs=pngs, pdfs=pdfs)


__all__ = [
    "Card",
    "PrintedCards",
    "day_pass_card",
    "member_card",
    "render_card",
    "sheet_bytes",
    "write_cards",
]
