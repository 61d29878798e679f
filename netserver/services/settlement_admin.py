"""The monthly settlement as the web admin shows it: the report of services/report.py, limited
to the rows a space manager may see (their space as host or as home), and its downloads."""

from __future__ import annotations

from typing import Final

from sqlalchemy.orm import Session

from .admin_sessions import SignedIn
from .network import get_network
from .report import ReportRow, build_report, report_csv, space_names
from .report_xlsx import report_xlsx
from .scope import is_network
from .spaces import get_space

FORMATS: Final = ("csv", "excel-de", "xlsx")


def rows_for(session: Session, who: SignedIn, year: int, month: int) -> list[ReportRow]:
    rows = build_report(session, year, month)
    if is_network(who):
        return rows
    assert who.space_id is not None
    own = get_space(session, who.space_id).slug
    return [row for row in rows if own in (row.host_space, row.home_space)]


def download(
    session: Session, who: SignedIn, year: int, month: int, fmt: str, lang: str
) -> tuple[bytes, str]:
    """(file, media type) in `fmt`: RFC 4180 CSV, Excel-DE CSV or xlsx."""
    rows = rows_for(session, who, year, month)
    names = space_names(session)
    if fmt == "xlsx":
        data = report_xlsx(
            rows, year=year, month=month, names=names, network=get_network(session).name, lang=lang
        )
        return data, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    dialect = "excel-de" if fmt == "excel-de" else "rfc4180"
    return report_csv(rows, year=year, month=month, names=names, dialect=dialect), "text/csv; charset=utf-8"
