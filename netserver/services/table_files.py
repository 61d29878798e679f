"""Tables as files people open: CSV in two dialects, and XLSX (openpyxl).

- `rfc4180`: comma, CRLF, UTF-8 without BOM, '.' as decimal point: for programs.
- `excel-de`: semicolon, CRLF, UTF-8 with BOM (so German Excel reads umlauts), decimal comma:
  opens in German Excel as columns by double-click.
- XLSX: one sheet per table, bold header, frozen header row, sensible column widths.

Cells that a spreadsheet would run as a formula (text starting with =, +, -, @) are neutralised
where a spreadsheet reads them: the Excel dialect prefixes an apostrophe, XLSX stores them as
text, never as formulas.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Final

DIALECTS: Final = ("rfc4180", "excel-de")
_FORMULA: Final = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Sheet:
    title: str  # at most 31 characters (Excel)
    header: Sequence[str]
    rows: Sequence[Sequence[Any]]
    heading: Sequence[str] = ()  # lines above the table (a title, the month)
    widths: Sequence[int] = field(default=())


def _number(value: float | int, dialect: str) -> str:
    text = f"{value}" if isinstance(value, int) else f"{value:.2f}"
    return text.replace(".", ",") if dialect == "excel-de" else text


def _plain_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


def cell_text(value: Any, dialect: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return ("ja" if value else "nein") if dialect == "excel-de" else ("true" if value else "false")
    if isinstance(value, int | float):
        return _number(value, dialect)
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M") if dialect == "excel-de" else value.isoformat()
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y") if dialect == "excel-de" else value.isoformat()
    text = str(value)
    if dialect == "excel-de" and len(text) > 1 and text.startswith(_FORMULA) and not _plain_number(text):
        return "'" + text
    return text


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Any]], dialect: str = "rfc4180") -> bytes:
    if dialect not in DIALECTS:
        raise ValueError(f"unknown CSV dialect {dialect!r} (use {' or '.join(DIALECTS)})")
    buffer = io.StringIO(newline="")
    delimiter = ";" if dialect == "excel-de" else ","
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell_text(v, dialect) for v in row])
    text = buffer.getvalue()
    return ("\ufeff" + text).encode("utf-8") if dialect == "excel-de" else text.encode("utf-8")


def _width(spec: Sheet, index: int) -> int:
    lengths = [len(str(spec.header[index]))]
    lengths += [len(cell_text(row[index], "rfc4180")) for row in spec.rows if index < len(row)]
    return min(50, max(lengths) + 2)


def write_xlsx(sheets: Sequence[Sheet]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    if book.active is not None:
        book.remove(book.active)
    bold = Font(bold=True)
    for spec in sheets:
        sheet = book.create_sheet(spec.title[:31])
        row_no = 1
        for line in spec.heading:
            first = row_no == 1
            sheet.cell(row=row_no, column=1, value=line).font = Font(bold=first, size=13 if first else 11)
            row_no += 1
        if spec.heading:
            row_no += 1
        header_row = row_no
        for column, title in enumerate(spec.header, 1):
            cell = sheet.cell(row=row_no, column=column, value=title)
            cell.font = bold
        for values in spec.rows:
            row_no += 1
            for column, value in enumerate(values, 1):
                cell = sheet.cell(row=row_no, column=column)
                if isinstance(value, str):
                    cell.value = value
                    cell.data_type = "s"  # text, never a formula
                elif isinstance(value, datetime) and value.tzinfo is not None:
                    cell.value = value.replace(tzinfo=None)  # Excel has no zones: the local time
                else:
                    cell.value = value
                if isinstance(value, datetime):
                    cell.number_format = "DD.MM.YYYY HH:MM"
                elif isinstance(value, date):
                    cell.number_format = "DD.MM.YYYY"
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
        widths = list(spec.widths) or [_width(spec, i) for i in range(len(spec.header))]
        for index, width in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(index)].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
