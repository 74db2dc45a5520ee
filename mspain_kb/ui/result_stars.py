"""A star on each search result: ★ when the article is saved, ☆ when not.

A click on the star, or Ctrl+D while the results list has the focus, saves the result's
article or takes it off the saved list, without opening it or changing which results are
chosen. The stars are drawn in a narrow column left of each result (`StarredResultDelegate`,
the results' own rich-text rows beside it) and follow the saved list wherever it changes
(`ResultStars.refresh`); a saved row's accessible text starts with "Saved".
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QListWidget,
    QStyle,
    QStyleOptionViewItem,
    QToolTip,
)

from mspain_kb.ui.search_panel import HIT_ROLE, HtmlDelegate

SAVED_ROLE = Qt.ItemDataRole.UserRole + 20  # True/False on a result row; clear of other roles
SAVED_STAR, UNSAVED_STAR = "★", "☆"
SAVED_PREFIX = "Saved. "  # the start of a saved row's accessible text
STAR_KEY = QKeySequence("Ctrl+D")  # as "Save article" for the open article
STAR_EM = 1.8  # the star column's width, in the row font's "M" widths
STAR_SCALE = 1.5  # the star's size against the row's font
SAVE_TIP = "Save this article (Ctrl+D)"
UNSAVE_TIP = "Saved: click to take it off your saved articles (Ctrl+D)"


class StarredResultDelegate(HtmlDelegate):
    """A result row with its star in a column on the left; the rich text beside it."""

    def star_width(self, option: QStyleOptionViewItem) -> int:
        return round(option.fontMetrics.horizontalAdvance("M") * STAR_EM)

    def star_rect(self, option: QStyleOptionViewItem) -> QRect:
        width = self.star_width(option)
        return QRect(option.rect.left(), option.rect.top(), width, width + self.MARGIN)

    def text_indent(self, option: QStyleOptionViewItem) -> int:
        return self.star_width(option)

    def paint(self, painter, option, index) -> None:
        super().paint(painter, option, index)
        option = QStyleOptionViewItem(option)
        self.initStyleOption(option, index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        saved = index.data(SAVED_ROLE)
        if saved is None:
            return
        painter.save()
        font = option.font
        font.setPointSizeF(font.pointSizeF() * STAR_SCALE)
        painter.setFont(font)
        painter.setPen(_star_colour(option, bool(saved), selected))
        painter.drawText(
            self.star_rect(option),
            Qt.AlignmentFlag.AlignCenter,
            SAVED_STAR if saved else UNSAVED_STAR,
        )
        painter.restore()

    def helpEvent(self, event, view, option, index) -> bool:  # noqa: N802 (Qt override)
        saved = index.data(SAVED_ROLE)
        if saved is not None and self.star_rect(option).contains(event.pos()):
            QToolTip.showText(event.globalPos(), UNSAVE_TIP if saved else SAVE_TIP, view)
            return True
        return super().helpEvent(event, view, option, index)


def _star_colour(option: QStyleOptionViewItem, saved: bool, selected: bool):
    palette = option.palette
    if selected:
        return palette.color(QPalette.ColorRole.HighlightedText)
    if not saved:
        return palette.color(QPalette.ColorRole.Text)  # an outline that low sight can find
    dark = palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5
    return QColor("#ffc247" if dark else "#a35f00")


class ResultStars(QObject):
    """Keeps the stars of `results` in step with the saved list (`saved_ids()`, read once per
    refresh), and asks `toggle(hit)` to save or unsave a result's article."""

    def __init__(
        self,
        results: QListWidget,
        saved_ids: Callable[[], list[str]],
        toggle: Callable[[object], None],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.results = results
        self._saved_ids = saved_ids
        self._toggle = toggle
        self.delegate = StarredResultDelegate(results)
        results.setItemDelegate(self.delegate)
        results.installEventFilter(self)
        self._viewport = results.viewport()
        self._viewport.installEventFilter(self)

    def refresh(self) -> None:
        """Each result's star (and accessible text) as the saved list now stands."""
        saved_ids = set(self._saved_ids())
        for row in range(self.results.count()):
            item = self.results.item(row)
            hit = item.data(HIT_ROLE)
            if hit is None:
                continue
            saved, before = hit.id in saved_ids, item.data(SAVED_ROLE)
            if saved == before:
                continue
            text = item.data(Qt.ItemDataRole.AccessibleTextRole) or ""
            if before:
                text = text.removeprefix(SAVED_PREFIX)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, SAVED_PREFIX + text if saved else text)
            item.setData(SAVED_ROLE, saved)

    def is_starred(self, row: int) -> bool:
        return bool(self.results.item(row).data(SAVED_ROLE))

    def _on_star_clicked(self, hit) -> None:
        if hit is not None:
            self._toggle(hit)

    def star_rect(self, row: int) -> QRect:
        """Where the star of `row` is drawn, in the list's viewport."""
        option = QStyleOptionViewItem()
        option.initFrom(self.results)
        option.rect = self.results.visualItemRect(self.results.item(row))
        return self.delegate.star_rect(option)

    def _star_under(self, point) -> object | None:
        item = self.results.itemAt(point)
        if item is None or item.data(SAVED_ROLE) is None:
            return None
        return item if self.star_rect(self.results.row(item)).contains(point) else None

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        """A click on a star toggles it; the row is neither opened nor chosen (the list never
        sees the click). Ctrl+D in the results list is the current result's star, not the
        open article's: the key is claimed before it can become the window's shortcut."""
        kind = event.type()
        if watched is self._viewport:
            return self._filter_click(event)
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and _is_star_key(event):
            event.accept()
            if kind == QEvent.Type.KeyPress:
                current = self.results.currentItem()
                self._on_star_clicked(current.data(HIT_ROLE) if current is not None else None)
            return True
        return False

    def _filter_click(self, event) -> bool:
        mouse = (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
        )
        if event.type() not in mouse:
            return False
        item = self._star_under(event.position().toPoint())
        if item is None:
            return False
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and event.button() == Qt.MouseButton.LeftButton
        ):
            self._on_star_clicked(item.data(HIT_ROLE))
        return True


def _is_star_key(event) -> bool:
    return QKeySequence(event.keyCombination()) == STAR_KEY
