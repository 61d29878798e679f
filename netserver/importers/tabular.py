"""A table from an uploaded spreadsheet file: CSV (any common encoding and delimiter) or XLSX.

Pure: bytes in, cells with their line (the row number a spreadsheet shows) out. Positions are
kept so that every refusal can say where: "line 3, column C". Limits keep a hostile file from
taking the server's memory or time: at most MAX_ROWS rows and MAX_COLUMNS columns are read, and
an XLSX archive may unpack to at most MAX_UNPACKED bytes.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final

from .text_decode import NotText, decode

MAX_ROWS: Final = 250_000
MAX_COLUMNS: Final = 64
MAX_CELL: Final = 10_000  # characters
MAX_UNPACKED: Final = 200_000_000
DELIMITERS: Final = (";", ",", "\t")
DELIMITER_NAMES: Final = {";": "semicolon", ",": "comma", "\t": "tab"}
_SEP_LINE: Final = re.compile(r"^\s*sep=(.)\s*$")
_ZIP: Final = b"PK\x03\x04"
_OLE2: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls (and .doc)


class TableError(ValueError):
    """The file cannot be read as a table; `line` 0 means the file as a whole."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True, slots=True)
class Row:
    line: int  # 1-based, as the spreadsheet program shows it
    cells: tuple[Any, ...]  # str for CSV; str, int, float, datetime or None for XLSX


@dataclass(frozen=True)
class Table:
    kind: str  # "csv" or "xlsx"
    rows: tuple[Row, ...]  # every non-blank row, the header among them
    encoding: str | None = None  # CSV: the label of the encoding it was read in
    delimiter: str | None = None  # CSV
    sheet: str | None = None  # XLSX: the worksheet read
    warnings: tuple[str, ...] = ()

    def column(self, index: int) -> str:
        """How the spreadsheet program names the column at 0-based `index`."""
        return column_letter(index) if self.kind == "xlsx" else str(index + 1)

    def describe(self) -> str:
        if self.kind == "csv" and self.encoding is None:
            return "not readable as a table"
        if self.kind == "xlsx":
            return f"Excel workbook, sheet {self.sheet!r}"
        return f"CSV, {self.encoding}, {DELIMITER_NAMES.get(self.delimiter or ',', self.delimiter)}-separated"


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_table(data: bytes) -> Table:
    """CSV or XLSX, told apart by the content (not the file name, which uploads may lack)."""
    if not data.strip():
        raise TableError("the file is empty")
    if data.startswith(_ZIP):
        return _read_xlsx(data)
    if data.startswith(_OLE2):
        raise TableError(
            "this is an old Excel file (.xls): save it as 'Excel-Arbeitsmappe (.xlsx)' or as CSV"
        )
    return _read_csv(data)


# -- CSV ------------------------------------------------------------------------------------


def _read_csv(data: bytes) -> Table:
    try:
        decoded = decode(data)
    except NotText as exc:
        raise TableError(str(exc)) from None
    text = decoded.text
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise TableError("the file contains a NUL character: is it CSV text?", line)
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    hint = _SEP_LINE.match(lines[first]) if lines else None
    skip_to = first + 1 if hint else 0
    delimiter = hint[1] if hint else sniff_delimiter(lines[first : first + 50])
    warnings = (
        ()
        if decoded.is_utf8
        else (
            f"the file is not UTF-8; it was read as {decoded.label}. If names look wrong, save it "
            "as 'CSV UTF-8' (Excel) or 'Unicode (UTF-8)' (LibreOffice)",
        )
    )
    rows = list(_csv_rows(text, delimiter, skip_to))
    return Table("csv", tuple(rows), decoded.label, delimiter, warnings=warnings)


def sniff_delimiter(lines: Sequence[str]) -> str:
    """The delimiter under which the first lines split most consistently into most fields (a
    title line above the table does not count against it)."""
    best, best_score = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        try:
            rows = [_trim(r) for r in csv.reader(lines, delimiter=delimiter) if any(c.strip() for c in r)]
        except csv.Error:
            continue
        widths = [len(r) for r in rows if len(r) >= 2]
        if not widths:
            continue
        width = max(set(widths), key=lambda w: (widths.count(w), w))
        score = (widths.count(width) / len(rows), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _trim(cells: list[str]) -> list[str]:
    """Spreadsheets write empty cells to the right of the table; they are not columns."""
    while cells and not cells[-1].strip():
        cells.pop()
    return cells


def _csv_rows(text: str, delimiter: str, skip_to: int) -> Iterator[Row]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    count = 0
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            if line <= skip_to or not any(c.strip() for c in cells):
                continue
            count += 1
            if count > MAX_ROWS:
                raise TableError(f"the file has more than {MAX_ROWS:,} rows", line)
            if len(cells) > MAX_COLUMNS and any(c.strip() for c in cells[MAX_COLUMNS:]):
                raise TableError(f"more than {MAX_COLUMNS} columns", line)
            if any(len(c) > MAX_CELL for c in cells):
                raise TableError(f"a cell longer than {MAX_CELL:,} characters", line)
            yield Row(line, tuple(_trim(cells[: MAX_COLUMNS + 1])))
    except csv.Error as exc:
        raise TableError(f"not readable as CSV: {exc} (a quote that is never closed?)", start) from None


# -- XLSX -----------------------------------------------------------------------------------


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook  # imported here: only spreadsheet uploads need it

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise TableError("the file looks like a zip archive but cannot be opened") from None
    names = {entry.filename for entry in entries}
    if "mimetype" in names and b"opendocument" in archive.read("mimetype")[:200]:
        raise TableError("this is an OpenDocument spreadsheet (.ods): save it as .xlsx or as CSV")
    if "xl/workbook.xml" not in names:
        raise TableError("this zip file is no Excel workbook (.xlsx)")
    if len(entries) > 5_000 or sum(entry.file_size for entry in entries) > MAX_UNPACKED:
        raise TableError("the workbook unpacks to more than 200 MB: is it really a member list?")
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001  # openpyxl raises anything from KeyError to XML errors
        raise TableError(f"the Excel file cannot be read ({type(exc).__name__})") from None
    try:
        sheets = list(book.worksheets)
        if not sheets:
            raise TableError("the workbook has no worksheet")
        sheet = sheets[0]
        rows: list[Row] = []
        try:
            for line, values in enumerate(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), 1):
                if line > MAX_ROWS + 1000 or len(rows) >= MAX_ROWS:
                    raise TableError(f"the sheet has more than {MAX_ROWS:,} rows", line)
                cells = tuple(_cell(v) for v in values)
                if any(c not in (None, "") for c in cells):
                    rows.append(Row(line, _trim_none(cells)))
        except TableError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise TableError(f"the Excel sheet cannot be read ({type(exc).__name__})") from None
        warnings: tuple[str, ...] = ()
        if len(sheets) > 1:
            warnings = (f"the workbook has {len(sheets)} sheets; only the first, {sheet.title!r}, was read",)
        return Table("xlsx", tuple(rows), sheet=sheet.title, warnings=warnings)
    finally:
        book.close()


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        if len(value) > MAX_CELL:
            return value[:MAX_CELL]
        return value
    return value


def _trim_none(cells: tuple[Any, ...]) -> tuple[Any, ...]:
    end = len(cells)
    while end and cells[end - 1] in (None, ""):
        end -= 1
    return cells[:end]
