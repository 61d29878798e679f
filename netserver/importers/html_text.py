"""HTML descriptions (Google Calendar, Nextcloud, Outlook) as plain text for the lobby screen.

Tags are dropped, block elements and <br> become line breaks, list items get a bullet, and a
link keeps its target as a URL ("Anmeldung (https://example.org/a)"). Scripts, styles and
comments are removed with their content; entities are decoded. Nothing that a screen could
execute or render as markup remains: the result is text, and the kiosk shows it as text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Final

_TAG: Final = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
_BLOCK: Final = frozenset(
    "p div li ul ol h1 h2 h3 h4 h5 h6 tr table blockquote pre section article header footer".split()
)
_DROP: Final = frozenset({"script", "style", "head", "title", "template", "noscript", "iframe", "object"})
_SAFE_LINK: Final = ("http://", "https://", "mailto:", "tel:")


def looks_like_html(text: str) -> bool:
    return bool(_TAG.search(text))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropping = 0
        self.links: list[tuple[str, int]] = []  # href, index in parts where the link text began

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP:
            self.dropping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append("\n")
            if tag == "li":
                self.parts.append("• ")
        elif tag == "a":
            href = (dict(attrs).get("href") or "").strip()
            self.links.append((href, len(self.parts)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP:
            self.dropping = max(0, self.dropping - 1)
        elif tag in _BLOCK and tag != "li":
            self.parts.append("\n")
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            label = "".join(self.parts[start:]).strip()
            if href.lower().startswith(_SAFE_LINK):
                shown = href.removeprefix("mailto:").removeprefix("tel:")
                if label and label != href and label != shown:
                    self.parts.append(f" ({shown})")
                elif not label:
                    self.parts.append(shown)

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts).replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def plain_description(text: str, alt_html: str = "") -> str:
    """The description to store: DESCRIPTION as plain text, converted when it holds HTML (as
    Google's does); X-ALT-DESC (HTML) only when DESCRIPTION is empty."""
    if not text.strip() and alt_html.strip():
        text = alt_html
    return html_to_text(text) if looks_like_html(text) else text.strip()
