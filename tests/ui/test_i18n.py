"""Every user-visible string of the kiosk's widgets has a finished German translation."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from kiosk import i18n

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    *sorted((ROOT / "kiosk" / "ui").glob("*.py")),
    *sorted((ROOT / "kiosk" / "presenters").glob("*.py")),
]
_TR = re.compile(r"""\b(?:tr|translate)\(\s*(?:"(\w+)"\s*,\s*)?("(?:[^"\\]|\\.)*")\s*[,)]""")


def ts_messages(lang: str) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(i18n.ts_path(lang)).getroot()
    return [
        (c.findtext("name") or "", m.findtext("source") or "", m.find("translation"))  # type: ignore[misc]
        for c in root.iter("context")
        for m in c.iter("message")
    ]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_source_string_has_a_finished_translation(lang):
    messages = ts_messages(lang)
    assert len(messages) > 100
    bad = [
        (ctx, src)
        for ctx, src, tr in messages
        if tr is None
        or not ((tr.text or "").strip() or all((f.text or "").strip() for f in tr.iter("numerusform")))
        or tr.get("type") in ("unfinished", "vanished", "obsolete")
    ]
    assert bad == []


def test_every_literal_in_the_ui_code_is_in_the_ts_file():
    known = {src for _ctx, src, _tr in ts_messages("de")}
    missing = []
    for path in SOURCES:
        for match in _TR.finditer(path.read_text(encoding="utf-8")):
            literal = eval(match.group(2))  # a plain string literal from our own source
            if literal not in known:
                missing.append(f"{path.name}: {literal!r}")
    assert missing == []


def test_placeholders_survive_translation():
    for _ctx, src, tr in ts_messages("de"):
        texts = [f.text or "" for f in tr.iter("numerusform")] or [tr.text or ""]
        for text in texts:
            assert sorted(re.findall(r"%\d", src)) == sorted(re.findall(r"%\d", text)), src
            assert ("%n" in src) == ("%n" in text), src


def test_the_shipped_qm_files_are_current(tmp_path):
    """The .qm files in the package are what pyside6-lrelease makes of today's .ts files."""
    for lang in ("de", "en"):
        fresh = tmp_path / f"{lang}.qm"
        source = str(i18n.ts_path(lang))
        subprocess.run(["pyside6-lrelease", "-silent", source, "-qm", str(fresh)], check=True)
        assert fresh.read_bytes() == i18n.qm_path(lang).read_bytes(), "bash packaging/translations.sh compile"


def test_switching_the_language(qapp):
    translations = i18n.Translations()
    try:
        translations.set_language("de")
        assert (
            QCoreApplication.translate("PinScreen", "Wrong PIN. Please try again.")
            == "Falsche PIN. Bitte noch einmal."
        )
        translations.set_language("en")
        assert (
            QCoreApplication.translate("PinScreen", "Wrong PIN. Please try again.")
            == "Wrong PIN. Please try again."
        )
    finally:
        translations.set_language("de")


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("en", 1, "1 check-in waiting to upload"),
        ("en", 3, "3 check-ins waiting to upload"),
        ("de", 1, "1 Check-in wartet auf das Hochladen"),
        ("de", 0, "0 Check-ins warten auf das Hochladen"),
    ],
)
def test_plural_forms_come_from_the_catalogue(qapp, lang, count, expected):
    translations = i18n.Translations()
    try:
        translations.set_language(lang)
        text = QCoreApplication.translate("SyncTab", "%n check-in(s) waiting to upload", "", count)
        assert text == expected
    finally:
        translations.set_language("de")
