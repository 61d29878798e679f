"""Every user-visible string of the kiosk's widgets has a finished German translation."""

from __future__ import annotations

import re
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
        or not (tr.text or "").strip()
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
        assert sorted(re.findall(r"%\d", src)) == sorted(re.findall(r"%\d", tr.text or "")), src


def test_ts_compiles_and_switches_the_language(qapp, tmp_path):
    assert i18n.lrelease_binary() is not None
    qm = i18n.compile_qm("de", tmp_path)
    assert qm is not None and qm.stat().st_size > 1000
    assert i18n.compile_qm("de", tmp_path) == qm  # up to date: not compiled again
    translations = i18n.Translations(tmp_path)
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


def test_the_dictionary_fallback_matches_the_compiled_catalogue(qapp):
    translator = i18n.DictTranslator(i18n.parse_ts(i18n.ts_path("de")))
    assert translator.translate("LobbyBoard", "MISSED IT?") == "VERPASST?"
    assert translator.translate("LobbyBoard", "not there") == ""
