"""The verdict card: icon shape, large words and colour (never colour alone), plus the facts."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core import messages
from kiosk.core.presence import is_goodbye_key
from kiosk.core.verdicts import Reason, Verdict
from kiosk.ui import icons, theme

# Reasons where the person should simply try again rather than go to the desk.
_RETRY = frozenset({Reason.INVALID_CODE})
MIN_HEADLINE_PX = 30  # still readable from 2 m; below it the headline is shortened instead
_MARGINS, _ICON, _GAP, _SPACING = (64, 48), 150, 48, 18


def verdict_kind(verdict: Verdict) -> str:
    """ "admitted", "goodbye" (a check-out), "denied" or "attention" (try again): picks colour,
    icon and sound."""
    if is_goodbye_key(verdict.message_key):
        return "goodbye"
    if verdict.admitted:
        return "admitted"
    return "attention" if verdict.reason in _RETRY else "denied"


class VerdictCard(QFrame):
    """Shows one verdict. `show_verdict()` renders it; texts come from kiosk.core.messages."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdictCard")
        self._verdict: Verdict | None = None
        self._space_names: Mapping[int, str] = {}
        self._lang = messages.DEFAULT_LANGUAGE
        self._full = False
        self.kind = "admitted"
        self.icon = QLabel()
        self.icon.setFixedSize(150, 150)
        self.headline = QLabel()
        self.headline.setProperty("role", "headline")
        self.headline.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.offline = QLabel()
        self.offline.setWordWrap(True)  # unwrapped, it made the card 1058 px wide at least
        self.full = QLabel()  # "all desks are taken" for a guest (docs/presence.md)
        self.full.setWordWrap(True)
        self.full.setVisible(False)
        for label in (self.headline, self.detail, self.facts, self.offline, self.full):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.headline_px = theme.HEADLINE_PX
        text_col = QVBoxLayout()
        text_col.setSpacing(_SPACING)
        text_col.addStretch(1)
        text_col.addWidget(self.headline)
        text_col.addWidget(self.detail)
        text_col.addSpacing(12)
        text_col.addWidget(self.facts)
        text_col.addWidget(self.offline)
        text_col.addWidget(self.full)
        text_col.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(_MARGINS[0], _MARGINS[1], _MARGINS[0], _MARGINS[1])
        row.setSpacing(_GAP)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addLayout(text_col, 1)
        self.setAccessibleName(self.tr("Check-in result"))

    def show_message(self, kind: str, title: str, detail: str) -> None:
        """A card without a verdict (e.g. the check-in could not be stored): same look, same rules."""
        self._verdict = None
        self._paint(kind)
        self.headline.setProperty("fullText", title)
        self.headline.setText(title)
        self.detail.setText(detail)
        self.facts.setVisible(False)
        self.offline.setVisible(False)
        self.full.setVisible(False)
        self._fit()

    def show_verdict(
        self, verdict: Verdict, space_names: Mapping[int, str], lang: str, space_full: bool = False
    ) -> None:
        """`space_full`: a guest was admitted while every desk is taken; the card says so kindly."""
        self._verdict, self._space_names, self._lang, self._full = verdict, space_names, lang, space_full
        self._render()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.setAccessibleName(self.tr("Check-in result"))
        super().changeEvent(event)

    def _render(self) -> None:
        verdict = self._verdict
        if verdict is None:
            return
        self._paint(verdict_kind(verdict))
        title, detail = messages.explain(verdict, self._lang, self._space_names)
        self.headline.setProperty("fullText", title)
        self.headline.setText(title)
        self.detail.setText(detail)
        self.facts.setText(self._facts(verdict))
        self.facts.setVisible(bool(self.facts.text()))
        offline = "⚠ " + self.tr("Offline: decided here, will be sent later")
        self.offline.setText(offline if verdict.offline else "")
        self.offline.setVisible(verdict.offline)
        full = self.tr(
            "All desks are taken right now. Please ask at the desk: the team will gladly help you find a place."  # noqa: E501
        )
        self.full.setText("ℹ " + full if self._full else "")
        self.full.setVisible(self._full)
        extra = f" {full}" if self._full else ""
        self.setAccessibleDescription(f"{self.icon.accessibleName()}. {title}. {detail}{extra}")
        self._fit()

    # --- fitting long names -------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """The largest headline size (HEADLINE_PX down to MIN_HEADLINE_PX) at which the headline and
        the lines under it fit the card; if none does, the headline is shortened with "…".
        ("Willkommen, Anne-Sophie Straßburger-Häußler (Gardelegen)!" at 1024x600.)"""
        full = self._full_headline()
        inner = self.contentsRect()  # inside the card's border
        width = inner.width() - 2 * _MARGINS[0] - _ICON - _GAP
        height = inner.height() - 2 * _MARGINS[1] - 8  # 8: what QLabel adds around its text
        if width <= 0 or height <= 0 or not full:
            return
        others = sum(
            label.heightForWidth(width) + _SPACING
            for label in (self.detail, self.facts, self.offline, self.full)
            if not label.isHidden() and label.text()
        )
        for px in range(theme.HEADLINE_PX, MIN_HEADLINE_PX - 1, -2):
            if _fits(self._headline_font(px), full, width, height - others - 12):
                self._set_headline(px, full)
                return
        font = self._headline_font(MIN_HEADLINE_PX)
        lines = max(1, (height - others - 12) // QFontMetrics(font).lineSpacing())
        self._set_headline(MIN_HEADLINE_PX, _shorten(font, full, width, lines))

    def _full_headline(self) -> str:
        return str(self.headline.property("fullText") or self.headline.text())

    def _headline_font(self, px: int) -> QFont:
        font = QFont(self.headline.font())
        font.setPixelSize(px)
        font.setWeight(QFont.Weight.Bold)
        return font

    def _set_headline(self, px: int, text: str) -> None:
        self.headline_px = px
        self.headline.setStyleSheet(f"font-size: {px}px; font-weight: 700;")
        if self.headline.text() != text:
            self.headline.setText(text)

    def _paint(self, kind: str) -> None:
        """Colour, icon shape and the icon's spoken name for `kind`."""
        t = theme.current()
        self.kind = kind
        colour = t.verdict_colour(kind)
        self.setStyleSheet(
            f"#verdictCard {{ background: {colour}; border-radius: 28px; border: 4px solid {t.line}; }}"
            f" #verdictCard QLabel {{ color: {t.on_verdict}; background: transparent; }}"
        )
        self.icon.setPixmap(icons.pixmap(kind, 150, t.on_verdict))
        names = {
            "admitted": self.tr("Admitted"),
            "goodbye": self.tr("Checked out"),
            "denied": self.tr("Not admitted"),
            "attention": self.tr("Please try again"),
        }
        self.icon.setAccessibleName(names[kind])

    def _facts(self, verdict: Verdict) -> str:
        parts: list[str] = []
        home = self._space_names.get(verdict.home_space_id or 0, "")
        if verdict.display_name and home and home not in self.headline.text():
            parts.append(self.tr("%1, member in %2").replace("%1", verdict.display_name).replace("%2", home))
        if verdict.guest_days_left is not None and verdict.guest_days_allowed:
            month = messages.month_name(verdict.day.month, self._lang)
            parts.append(
                self.tr("Guest days left in %1: %2 of %3")
                .replace("%1", month)
                .replace("%2", str(verdict.guest_days_left))
                .replace("%3", str(verdict.guest_days_allowed))
            )
        return "  ·  ".join(parts)


def _fits(font: QFont, text: str, width: int, height: int) -> bool:
    """Word-wrapped in `width`, `text` is no wider (no word cut off) and no taller than given."""
    rect = QFontMetrics(font).boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, text)
    return rect.width() <= width and rect.height() <= height


def _shorten(font: QFont, text: str, width: int, lines: int) -> str:
    """`text` cut at a word with "…" so that it fits in `lines` lines of `width`."""
    words = text.split(" ")
    while len(words) > 1:
        words.pop()
        candidate = " ".join(words).rstrip(",;:") + " …"
        if _fits(font, candidate, width, lines * QFontMetrics(font).lineSpacing()):
            return candidate
    return QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, width)
