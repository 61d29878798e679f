"""One palette and one style sheet for every screen; a high-contrast variant for poor eyesight.

Colour is never the only signal: every verdict also has an icon shape and words.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    surface: str
    ink: str
    muted: str
    line: str
    accent: str
    on_accent: str
    admitted: str
    denied: str
    attention: str
    goodbye: str  # a check-out: calm, neither "in" nor "refused"
    on_verdict: str
    focus: str
    disabled_bg: str  # a disabled button: flat, dashed outline, faint text; never the accent
    disabled_ink: str

    def verdict_colour(self, kind: str) -> str:
        colours = {"admitted": self.admitted, "denied": self.denied, "goodbye": self.goodbye}
        return colours.get(kind, self.attention)


CALM = Theme(
    name="calm",
    background="#F4F1EA",
    surface="#FFFFFF",
    ink="#1D2733",
    muted="#5A6573",
    line="#DDD7CB",
    accent="#245C73",
    on_accent="#FFFFFF",
    admitted="#1E6B47",
    denied="#A3281B",
    attention="#8A5300",
    goodbye="#2C4F86",
    on_verdict="#FFFFFF",
    focus="#E0A526",
    disabled_bg="#ECE8DF",
    disabled_ink="#7D8590",
)

HIGH_CONTRAST = Theme(
    name="high_contrast",
    background="#000000",
    surface="#101010",
    ink="#FFFFFF",
    muted="#E6E6E6",
    line="#FFFFFF",
    accent="#FFE14D",
    on_accent="#000000",
    admitted="#005A2B",
    denied="#8C0000",
    attention="#5C3A00",
    goodbye="#00306B",
    on_verdict="#FFFFFF",
    focus="#00E5FF",
    disabled_bg="#000000",
    disabled_ink="#8C8C8C",
)

# Type sizes in pixels, chosen to be read from 1.5 m on a 1280x800 screen.
HEADLINE_PX = 60
TITLE_PX = 40
BODY_PX = 26
SMALL_PX = 20
DESK_PX = 18

_current: Theme = CALM


def current() -> Theme:
    return _current


def style_sheet(t: Theme) -> str:
    return f"""
    QWidget {{ background: {t.background}; color: {t.ink}; font-size: {BODY_PX}px; }}
    QLabel {{ background: transparent; }}
    QLabel[role="headline"] {{ font-size: {HEADLINE_PX}px; font-weight: 700; }}
    QLabel[role="title"] {{ font-size: {TITLE_PX}px; font-weight: 700; }}
    QLabel[role="muted"] {{ color: {t.muted}; }}
    QLabel[role="small"] {{ color: {t.muted}; font-size: {SMALL_PX}px; }}
    QFrame[role="card"] {{ background: {t.surface}; border: 1px solid {t.line}; border-radius: 18px; }}
    QFrame[role="card"] QLabel {{ background: transparent; }}
    QPushButton {{ background: {t.surface}; color: {t.ink}; border: 2px solid {t.line};
        border-radius: 12px; padding: 10px 22px; font-size: {DESK_PX + 2}px; }}
    QPushButton:hover {{ border-color: {t.accent}; }}
    QPushButton:focus {{ border: 3px solid {t.focus}; }}
    QPushButton[role="primary"] {{ background: {t.accent}; color: {t.on_accent}; border-color: {t.accent}; }}
    QPushButton[role="danger"] {{ color: {t.denied}; border-color: {t.denied}; }}
    QPushButton[role="lang"] {{ font-size: {SMALL_PX}px; padding: 8px 16px; }}
    QPushButton[role="lang"]:checked {{ background: {t.accent}; color: {t.on_accent}; }}
    QPushButton:disabled, QPushButton[role="primary"]:disabled, QPushButton[role="danger"]:disabled {{
        background: {t.disabled_bg}; color: {t.disabled_ink}; border: 2px dashed {t.disabled_ink}; }}
    QLineEdit, QComboBox, QPlainTextEdit {{ background: {t.surface}; color: {t.ink};
        border: 2px solid {t.line}; border-radius: 10px; padding: 8px 12px; font-size: {DESK_PX + 2}px; }}
    QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus {{ border-color: {t.focus}; }}
    QTableWidget, QListWidget {{ background: {t.surface}; color: {t.ink}; border: 1px solid {t.line};
        border-radius: 10px; font-size: {DESK_PX}px; gridline-color: {t.line};
        selection-background-color: {t.accent}; selection-color: {t.on_accent}; }}
    QTableWidget:focus, QListWidget:focus {{ border: 2px solid {t.focus}; }}
    QTableWidget::item {{ padding: 0px 14px 0px 10px; }}
    QHeaderView::section {{ background: {t.background}; color: {t.muted}; border: none;
        border-bottom: 1px solid {t.line}; padding: 6px 14px 6px 13px; font-size: {DESK_PX - 2}px; }}
    QTabWidget::pane {{ border: none; }}
    QTabBar::tab {{ background: transparent; color: {t.muted}; padding: 12px 20px;
        font-size: {DESK_PX + 1}px; border-bottom: 3px solid transparent; }}
    QTabBar::tab:selected {{ color: {t.ink}; border-bottom: 3px solid {t.accent}; font-weight: 600; }}
    QTabBar::tab:focus {{ border-bottom: 3px solid {t.focus}; }}
    """


def apply(app: QApplication, high_contrast: bool = False) -> Theme:
    """Install the theme on the application and return it."""
    global _current
    _current = HIGH_CONTRAST if high_contrast else CALM
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(_current.background))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(_current.ink))
    palette.setColor(QPalette.ColorRole.Base, QColor(_current.surface))
    palette.setColor(QPalette.ColorRole.Text, QColor(_current.ink))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(_current.accent))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor(_current.on_accent))
    app.setPalette(palette)
    font = QFont(app.font())
    font.setFamilies(["Inter", "Noto Sans", "DejaVu Sans", "Sans Serif"])
    app.setFont(font)
    app.setStyleSheet(style_sheet(_current))
    return _current
