"""The verdict card: icon shape, large words and colour (never colour alone), plus the facts."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core import messages
from kiosk.core.verdicts import Reason, Verdict
from kiosk.ui import icons, theme

# Reasons where the person should simply try again rather than go to the desk.
_RETRY = frozenset({Reason.INVALID_CODE})


def verdict_kind(verdict: Verdict) -> str:
    """ "admitted", "denied" or "attention" (try again): picks colour, icon and sound."""
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
        for label in (self.headline, self.detail, self.facts, self.offline):
            label.setTextFormat(Qt.TextFormat.PlainText)
        text_col = QVBoxLayout()
        text_col.setSpacing(18)
        text_col.addStretch(1)
        text_col.addWidget(self.headline)
        text_col.addWidget(self.detail)
        text_col.addSpacing(12)
        text_col.addWidget(self.facts)
        text_col.addWidget(self.offline)
        text_col.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(64, 48, 64, 48)
        row.setSpacing(48)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addLayout(text_col, 1)
        self.setAccessibleName(self.tr("Check-in result"))

    def show_message(self, kind: str, title: str, detail: str) -> None:
        """A card without a verdict (e.g. the check-in could not be stored): same look, same rules."""
        self._verdict = None
        self._paint(kind)
        self.headline.setText(title)
        self.detail.setText(detail)
        self.facts.setVisible(False)
        self.offline.setVisible(False)

    def show_verdict(self, verdict: Verdict, space_names: Mapping[int, str], lang: str) -> None:
        self._verdict, self._space_names, self._lang = verdict, space_names, lang
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
        self.headline.setText(title)
        self.detail.setText(detail)
        self.facts.setText(self._facts(verdict))
        self.facts.setVisible(bool(self.facts.text()))
        offline = "⚠ " + self.tr("Offline: decided here, will be sent later")
        self.offline.setText(offline if verdict.offline else "")
        self.offline.setVisible(verdict.offline)
        self.setAccessibleDescription(f"{self.icon.accessibleName()}. {title}. {detail}")

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
