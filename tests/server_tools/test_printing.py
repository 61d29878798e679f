"""Printed passes: the QR codes on the PNG cards and on the PDF sheet decode with zxing-cpp."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from kiosk.core.credentials import DayPass, MemberPass, new_secret
from netserver.printing import Card, day_pass_card, member_card, write_cards
from netserver.printing.pdf import PER_PAGE

NAMES = [("Anna K.", "Stendal"), ("Jürgen W.", "Tangermünde"), ("Maximiliane-Sophie von B.", "Gardelegen")]


def cards(count: int) -> list[Card]:
    return [
        member_card(
            network="Coworking Altmark",
            display_name=NAMES[i % len(NAMES)][0],
            home_space=NAMES[i % len(NAMES)][1],
            code=MemberPass(secret=new_secret(), member_number=10001 + i, serial=1 + i % 3).text,
        )
        for i in range(count)
    ]


def decoded(image: Image.Image) -> set[str]:
    return {result.text for result in zxingcpp.read_barcodes(image) if result.valid}


def test_one_png_per_card_with_a_readable_code(tmp_path: Path) -> None:
    batch = cards(3)
    printed = write_cards(batch, tmp_path, today=date(2026, 11, 22))
    assert [p.name for p in printed.pngs] == ["pass-10001-1.png", "pass-10002-2.png", "pass-10003-3.png"]
    for card, path in zip(batch, printed.pngs, strict=True):
        with Image.open(path) as image:
            assert image.size == (1004, 650)  # 85 x 55 mm at 300 dpi
            assert decoded(image) == {card.code}


def test_day_pass_card(tmp_path: Path) -> None:
    code = DayPass(secret=new_secret(), space_id=7, valid_on=date(2026, 11, 22), number=3).text
    card = day_pass_card(network="Coworking Altmark", space="Werben", code=code)
    assert card.heading == "Tagespass" and card.lines == ("Werben", "So. 22. Nov.")
    printed = write_cards([card], tmp_path, today=date(2026, 11, 22))
    assert printed.pdf.name == "daypasses-20261122.pdf"
    with Image.open(printed.pngs[0]) as image:
        assert decoded(image) == {code}


def test_cards_refuse_the_wrong_kind_of_code() -> None:
    code = MemberPass(secret=1, member_number=1, serial=1).text
    with pytest.raises(ValueError, match="day pass"):
        day_pass_card(network="N", space="S", code=code)


# Locally a missing pdftoppm skips; in CI (which installs poppler-utils) it must run, so it fails.
@pytest.mark.skipif(
    shutil.which("pdftoppm") is None and not os.environ.get("CI"),
    reason="needs pdftoppm (apt-get install poppler-utils)",
)
def test_pdf_sheet_decodes_at_300_dpi(tmp_path: Path) -> None:
    batch = cards(PER_PAGE + 2)
    printed = write_cards(batch, tmp_path, today=date(2026, 11, 22))
    assert printed.pdf.name == "passes-20261122.pdf"
    subprocess.run(["pdftoppm", "-r", "300", "-png", str(printed.pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 2
    found = []
    for page in pages:
        with Image.open(page) as image:
            assert image.size == (2480, 3508) or image.size == (2481, 3508)  # A4 at 300 dpi
            found.append(decoded(image))
    assert found[0] == {c.code for c in batch[:PER_PAGE]}
    assert found[1] == {c.code for c in batch[PER_PAGE:]}


def test_an_existing_sheet_is_never_overwritten(tmp_path: Path) -> None:
    first = write_cards(cards(1), tmp_path, today=date(2026, 11, 22)).pdf
    second = write_cards(cards(1), tmp_path, today=date(2026, 11, 22)).pdf
    assert (first.name, second.name) == ("passes-20261122.pdf", "passes-20261122-2.pdf")


# -- every name prints: the shipped DejaVu fonts, embedded ------------------------------------

UNICODE_NAMES = [("Łukasz Ż.", "Gdańsk-Żabianka"), ("Ayşe Ğ.", "Tangermünde"), ("Jürgen Groß", "Straße")]


def unicode_cards() -> list[Card]:
    return [
        member_card(
            network="Coworking Altmark",
            display_name=name,
            home_space=home,
            code=MemberPass(secret=new_secret(), member_number=10001 + i, serial=1).text,
        )
        for i, (name, home) in enumerate(UNICODE_NAMES)
    ]


@pytest.mark.skipif(
    shutil.which("pdftotext") is None and not os.environ.get("CI"),
    reason="needs pdftotext and pdffonts (apt-get install poppler-utils)",
)
def test_pdf_sheet_prints_every_name_in_an_embedded_unicode_font(tmp_path: Path) -> None:
    printed = write_cards(unicode_cards(), tmp_path, today=date(2026, 11, 22))
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(printed.pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    for name, home in UNICODE_NAMES:
        assert name in text and home in text, (name, home, text)
    fonts = subprocess.run(["pdffonts", str(printed.pdf)], check=True, capture_output=True, text=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows, fonts
    # name, type..., emb, sub, uni, object id: every font is an embedded TrueType subset of DejaVu
    for row in rows:
        assert "DejaVuSans" in row[0] and "TrueType" in row, fonts
        emb, sub, uni = row[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), fonts
    assert not any(base in fonts for base in ("Helvetica", "Courier", "Times"))


def test_png_card_draws_the_letters_not_placeholder_boxes(tmp_path: Path) -> None:
    """Each of the names renders with glyphs of its own: a font without Ł or Ğ draws the same
    .notdef box for both, so the two images of two one-letter names would be identical."""
    from netserver.printing.png import _font

    font = _font("bold", 80)
    boxes = {char: font.getmask(char).getbbox() for char in "ŁŻşĞäß"}
    notdef = font.getmask("\U0010fffd").getbbox()
    assert all(box != notdef for box in boxes.values()), boxes
    assert len({bytes(font.getmask(c)) for c in "ŁŻşĞäß"}) == 6


def test_a_card_with_the_member_link_carries_a_second_smaller_code_with_a_caption(tmp_path: Path) -> None:
    link = "https://cowork.example.org/me/q3V9xk2L0-bZ_7hT4sYwE1aP8mN6cR5dF0gJ2uK9vX"
    code = MemberPass(secret=new_secret(), member_number=10001, serial=1).text
    other = MemberPass(secret=new_secret(), member_number=10002, serial=1).text
    card = member_card(
        network="Coworking Altmark", display_name="Anna K.", home_space="Stendal", code=code, link=link
    )
    plain = member_card(network="Coworking Altmark", display_name="Ben", home_space="Stendal", code=other)
    printed = write_cards([card, plain], tmp_path, today=date(2026, 12, 4))
    with Image.open(printed.pngs[0]) as image:
        assert decoded(image) == {code, link}
    with Image.open(printed.pngs[1]) as image:
        assert decoded(image) == {other}
    text = subprocess.run(
        ["pdftotext", "-layout", str(printed.pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert text.count("Dein Mitgliederbereich") == 1 and text.count("Your member page") == 1
    subprocess.run(["pdftoppm", "-r", "300", "-png", str(printed.pdf), str(tmp_path / "page")], check=True)
    with Image.open(tmp_path / "page-1.png") as page:
        assert decoded(page) == {code, link, other}  # the vector codes on the sheet read as well
