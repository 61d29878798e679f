"""Qt Linguist translations for the kiosk's own widgets (German, English).

The sources are kiosk/translations/kiosk_<lang>.ts. At start the app compiles each .ts into
a .qm in a cache directory when the .qm is missing or older than its .ts, with the
`lrelease` that ships with PySide6 (about 0.4 s once, then nothing). If lrelease is missing
or fails, the .ts is parsed directly into a dictionary translator: same result, no tool.
Texts produced by the Qt-free core (verdicts, error keys) come from kiosk.core.messages.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from kiosk.core import messages

log = logging.getLogger("kiosk.ui")

TS_DIR = Path(__file__).resolve().parent / "translations"


def ts_path(lang: str) -> Path:
    return TS_DIR / f"kiosk_{lang}.ts"


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "coworking-kiosk" / "i18n"


def lrelease_binary() -> str | None:
    import PySide6

    bundled = Path(PySide6.__file__).parent / "lrelease"
    if bundled.exists():
        return str(bundled)
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def compile_qm(lang: str, cache_dir: Path | None = None) -> Path | None:
    """The compiled .qm for `lang`, compiling it if missing or outdated; None on failure."""
    source = ts_path(lang)
    target = (cache_dir or default_cache_dir()) / f"kiosk_{lang}.qm"
    if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    tool = lrelease_binary()
    if tool is None:
        return None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
            out = Path(tmp) / target.name
            subprocess.run(
                [tool, "-silent", str(source), "-qm", str(out)], check=True, timeout=30, capture_output=True
            )
            out.replace(target)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("lrelease failed for %s (%s); using the .ts directly", lang, exc)
        return None
    return target


def parse_ts(path: Path) -> dict[tuple[str, str], str]:
    """(context, source) -> translation for every finished, non-empty message."""
    table: dict[tuple[str, str], str] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            if translation.text:
                table[(name, message.findtext("source") or "")] = translation.text
    return table


class DictTranslator(QTranslator):
    """A translator fed straight from a .ts file: the fallback when no .qm can be built."""

    def __init__(self, table: dict[tuple[str, str], str]) -> None:
        super().__init__()
        self._table = table

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return self._table.get((context, source), "")

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return not self._table


class Translations:
    """Switches the running application between German and English."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self._cache_dir = cache_dir
        self._loaded: dict[str, QTranslator] = {}
        self._active: QTranslator | None = None
        self.lang = messages.DEFAULT_LANGUAGE

    def _translator(self, lang: str) -> QTranslator:
        if lang not in self._loaded:
            qm = compile_qm(lang, self._cache_dir)
            translator = QTranslator()
            if qm is None or not translator.load(str(qm)):
                translator = DictTranslator(parse_ts(ts_path(lang)))
            self._loaded[lang] = translator
        return self._loaded[lang]

    def set_language(self, lang: str | None) -> str:
        """Install `lang` (normalised, German by default); widgets get a LanguageChange event."""
        lang = messages.language(lang)
        app = QCoreApplication.instance()
        translator = self._translator(lang)
        if app is not None and translator is not self._active:
            if self._active is not None:
                QCoreApplication.removeTranslator(self._active)
            QCoreApplication.installTranslator(translator)
            self._active = translator
        self.lang = lang
        return lang
