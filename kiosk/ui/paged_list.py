"""A column of rows that shows as many as fit in the height it is given, the rest on later pages.

The lobby board gives each column the screen's remaining height; the column measures its rows at
its own width (heightForWidth, so a two-line title counts as two lines) and packs them from the
top. So a TV shows many of today's events at once and a small screen fewer, never an empty lower
half while rows wait on the next page, and never a row squeezed into less height than its text needs.

Signals:
    pages_changed(): the number of pages changed (after a resize or new rows).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

SPACING = 12


class PagedList(QWidget):
    pages_changed = Signal()

    def __init__(self, spacing: int = SPACING, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spacing = spacing
        self._rows: list[QWidget] = []
        self._keep: set[int] = set()  # rows that never end a page (headings)
        self._pages: list[range] = [range(0)]
        self._page = 0
        self._measured_for: tuple[int, int, int] | None = None
        # The layout decides the height (what is left of the column), not the rows.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(200, 120)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(120, 60)

    def set_rows(self, rows: Sequence[QWidget], keep_with_next: Sequence[QWidget] = ()) -> None:
        """Replace the rows (the old ones are deleted; the list owns the new ones)."""
        for row in self._rows:
            row.hide()
            row.setParent(None)
            row.deleteLater()
        self._rows = list(rows)
        keep = set(map(id, keep_with_next))
        self._keep = {i for i, row in enumerate(self._rows) if id(row) in keep}
        for row in self._rows:
            row.setParent(self)
            row.hide()
        self._measured_for = None
        self._arrange()

    def rows(self) -> list[QWidget]:
        return list(self._rows)

    def page_count(self) -> int:
        self._paginate()
        return len(self._pages)

    def visible_rows(self) -> list[QWidget]:
        """The rows of the page on show."""
        self._paginate()
        return [self._rows[i] for i in self._pages[self._page % len(self._pages)]]

    def show_page(self, page: int) -> None:
        """Page `page`, or (a column with fewer pages) `page` modulo its page count."""
        self._page = page
        self._arrange()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._arrange()

    def _height_of(self, row: QWidget, width: int) -> int:
        if row.hasHeightForWidth():
            return max(row.heightForWidth(width), row.minimumSizeHint().height())
        return row.sizeHint().height()

    def _paginate(self) -> None:
        key = (self.width(), self.height(), len(self._rows))
        if key == self._measured_for:
            return
        before = len(self._pages)
        width, height = self.width(), self.height()
        heights = [self._height_of(row, width) for row in self._rows]
        pages: list[range] = []
        start, used, index = 0, 0, 0
        while index < len(heights):
            need = heights[index] if index == start else used + self.spacing + heights[index]
            if index > start and need > height:  # the page is full: the row opens the next one
                cut = self._without_dangling_heading(start, index)
                pages.append(range(start, cut))
                start = cut
                used = sum(heights[start:index]) + self.spacing * max(0, index - start - 1)
                continue
            used = need
            index += 1
        pages.append(range(start, len(heights)))
        self._pages = [p for p in pages if len(p)] or [range(0)]
        self._measured_for = key
        if len(self._pages) != before:
            self.pages_changed.emit()

    def _without_dangling_heading(self, start: int, end: int) -> int:
        """Where the next page starts when the page [start, end) is full: a heading that would
        end the page moves to the next one with its first row."""
        cut = end
        while cut - 1 > start and (cut - 1) in self._keep:
            cut -= 1
        return cut

    def _arrange(self) -> None:
        self._paginate()
        shown = set(self._pages[self._page % len(self._pages)])
        y, width = 0, self.width()
        for index, row in enumerate(self._rows):
            if index not in shown:
                row.hide()
                continue
            h = self._height_of(row, width)
            row.setGeometry(0, y, width, h)
            row.show()
            y += h + self.spacing


__all__ = ["PagedList"]
