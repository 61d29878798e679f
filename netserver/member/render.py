"""Jinja2 rendering of the member page, and the pass as an inline SVG QR code."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from kiosk.core.credentials import display_groups
from kiosk.core.qr import qr_matrix

from . import texts

TEMPLATES = Path(__file__).resolve().parent / "templates"

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def qr_svg(code: str, label: str) -> Markup:
    """The code as SVG: black modules on white with a 4-module quiet zone, crisp at any size."""
    matrix = qr_matrix(code, border=4)
    size = len(matrix)
    path = "".join(f"M{x},{y}h1v1h-1z" for y, row in enumerate(matrix) for x, dark in enumerate(row) if dark)
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" role="img" '
        f'aria-label="{Markup.escape(label)}" shape-rendering="crispEdges" class="qr">'
        f'<rect width="{size}" height="{size}" fill="#fff"/><path d="{path}" fill="#000"/></svg>'
    )


def when(start: datetime, end: datetime, lang: str) -> str:
    weekday = texts.weekday_name(start.weekday(), lang)
    day = f"{weekday} {start.day}.{start.month}."
    if lang == "en":
        day = f"{weekday} {start.day} {texts.month_name(start.month, lang)[:3]}"
    return texts.text("events.when", lang, day=day, start=f"{start:%H:%M}", end=f"{end:%H:%M}")


def render(template: str, lang: str, **context: Any) -> str:
    def t(key: str, **params: Any) -> str:
        return texts.text(key, lang, **params)

    return _env.get_template(template).render(
        t=t,
        lang=lang,
        other_lang="en" if lang == "de" else "de",
        when=lambda a, b: when(a, b, lang),
        month_name=lambda m: texts.month_name(m, lang),
        groups=display_groups,
        **context,
    )
