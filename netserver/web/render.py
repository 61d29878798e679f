"""Jinja2 pages: the environment, the filters (times in the network's zone, in the user's
language), and `page()`, which every route answers with."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any, Final

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from kiosk.core.calendar import NetworkCalendar
from kiosk.core.messages import month_name

from ..services.network import get_network
from ..services.spaces import get_space
from . import texts
from .session import database, lang_of

TEMPLATES: Final = Path(__file__).resolve().parent / "templates"
HTMX_VERSION: Final = "2.0.11"  # static/htmx.min.js; see static/VENDORED.md

env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def _when(value: datetime | None, calendar: NetworkCalendar, lang: str, with_date: bool = True) -> str:
    if value is None:
        return "–"
    local = calendar.local(value)
    clock = local.strftime("%H:%M")
    if not with_date:
        return clock
    if lang == "de":
        return f"{local.day:02d}.{local.month:02d}.{local.year} {clock}"
    return f"{local.year}-{local.month:02d}-{local.day:02d} {clock}"


def _day(value: date | None, lang: str) -> str:
    if value is None:
        return "–"
    return f"{value.day:02d}.{value.month:02d}.{value.year}" if lang == "de" else value.isoformat()


def context(request: Request, **data: Any) -> dict[str, Any]:
    lang = lang_of(request)
    with database(request).read() as session:
        network = get_network(session)
        calendar = NetworkCalendar(network.timezone)
        network_name = network.name
        who = getattr(request.state, "who", None)
        who_space = get_space(session, who.space_id).name if who is not None and who.space_id else ""

    def translate(key: str, **params: Any) -> str:
        return texts.text(key, lang, **params)

    return {
        "request": request,
        "who": who,
        "lang": lang,
        "network_name": network_name,
        "who_space_name": who_space,
        "timezone": calendar.timezone,
        "_": translate,
        "when": lambda value, with_date=True: _when(value, calendar, lang, with_date),
        "day": lambda value: _day(value, lang),
        "month_name": lambda month: month_name(month, lang),
        "htmx_version": HTMX_VERSION,
        "path": request.url.path,
        "query": str(request.url.query),
        **data,
    }


def when_text(request: Request, value: datetime | None) -> str:
    """`value` as the pages show it (network time zone, the user's language)."""
    with database(request).read() as session:
        calendar = NetworkCalendar(get_network(session).timezone)
    return _when(value, calendar, lang_of(request))


def page(request: Request, template: str, status: int = 200, **data: Any) -> HTMLResponse:
    html = env.get_template(template).render(context(request, **data))
    return HTMLResponse(html, status_code=status)
