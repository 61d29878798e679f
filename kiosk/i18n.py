"""Qt Linguist translations for the kiosk's own widgets (German, English).

The sources are kiosk/translations/kiosk_<lang>.ts; `bash packaging/translations.sh compile`
builds the .qm files beside them with PySide6's `pyside6-lrelease`, and they are committed and
shipped in the wheel (CI checks that they are current), so a kiosk box needs no Qt tools.
Plurals are Qt's: `self.tr("%n check-ins", "", n)` with <numerusform>s in the .ts.
Texts produced by the Qt-free core (verdicts, error keys) come from kiosk.core.messages.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from kiosk.core import messages

log = logging.getLogger("kiosk.ui")

TRANSLATIONS = Path(__file__).resolve().parent / "translations"


def ts_path(lang: str) -> Path:
    return TRANSLATIONS / f"kiosk_{lang}.ts"


def qm_path(lang: str) -> Path:
    return TRANSLATIONS / f"kiosk_{lang}.qm"


class Translations:
    """Switches the running application between German and English."""

    def __init__(self) -> None:
        self._loaded: dict[str, QTranslator] = {}
        self._active: QTranslator | None = None
        self.lang = messages.DEFAULT_LANGUAGE

    def _translator(self, lang: str) -> QTranslator:
        if lang not in self._loaded:
            translator = QTranslator()
            if not translator.load(str(qm_path(lang))):
                log.error("cannot load %s: texts stay in English", qm_path(lang))
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
