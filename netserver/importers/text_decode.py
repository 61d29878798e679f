"""Bytes of an uploaded text file (CSV, iCalendar) to text, whatever the program that saved it.

UTF-8 (with or without a byte-order mark) and UTF-16 with a BOM (Excel's "Unicode text") are
read as such. Anything else is detected with charset-normalizer among the 8-bit encodings that
German and Central European offices produce; Windows-1252 (what German Excel writes for
"CSV (Trennzeichen-getrennt)") wins whenever it reads the file as well as the best guess, since
short files rarely let a detector tell it from its neighbours. The caller says which encoding
was used, so a person can see it when names come out wrong.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import Final

import charset_normalizer

CANDIDATES: Final = ("cp1252", "latin_1", "cp1250", "iso8859_15", "mac_roman")
LABELS: Final = {
    "utf_8": "UTF-8",
    "utf_8_sig": "UTF-8 with BOM",
    "utf_16": "UTF-16",
    "cp1252": "Windows-1252",
    "cp1250": "Windows-1250",
    "latin_1": "ISO-8859-1 (Latin-1)",
    "iso8859_15": "ISO-8859-15",
    "mac_roman": "Mac Roman",
}


class NotText(ValueError):
    """The bytes are no text in any encoding we know (a binary file?)."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # Python codec name

    @property
    def label(self) -> str:
        return LABELS.get(self.encoding, self.encoding)

    @property
    def is_utf8(self) -> bool:
        return self.encoding in ("utf_8", "utf_8_sig")


def decode(data: bytes) -> Decoded:
    if data.startswith(codecs.BOM_UTF8):
        try:
            return Decoded(data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf_8_sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise NotText(f"line {line}: the file says it is UTF-8 but is not") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(data.decode("utf-16"), "utf_16")
        except UnicodeDecodeError:
            raise NotText("the file says it is UTF-16 but is not") from None
    try:
        return Decoded(data.decode("utf-8"), "utf_8")
    except UnicodeDecodeError:
        pass
    matches = charset_normalizer.from_bytes(data, cp_isolation=list(CANDIDATES))
    best = matches.best()
    try:
        windows = data.decode("cp1252")
    except UnicodeDecodeError:
        windows = None
    if windows is not None:
        if best is None or str(best) == windows:
            return Decoded(windows, "cp1252")
        rival = next((m for m in matches if m.encoding == "cp1252"), None)
        if rival is not None and rival.percent_chaos <= best.percent_chaos:
            return Decoded(windows, "cp1252")
    if best is None:
        return Decoded(data.decode("latin_1"), "latin_1")  # every byte is a Latin-1 character
    return Decoded(str(best), best.encoding)
