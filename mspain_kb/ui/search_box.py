"""The search box: where people type a symptom. Completions are offered beside the results
panel (never over the topics or the results, never a copy of what is typed); Esc closes
them, then clears the box as an edit Ctrl+Z undoes; Down moves to the results."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

COMPLETIONS_SHOWN = 6  # rows of the completion list
POPUP_GAP, POPUP_MIN_WIDTH, POPUP_MAX_WIDTH = 8, 220, 420  # the completions beside the panel
_PLACED_ON = (QEvent.Type.Show, QEvent.Type.Move, QEvent.Type.Resize)  # the completer re-places


class SearchBox(QLineEdit):
    """Where people type a symptom. Down moves to the results; completions are offered.

    Esc never wipes a query silently: with the completions open it closes them; otherwise it
    clears the box as an edit, so Ctrl+Z brings the query back (`cleared` says so)."""

    moveToResults = Signal()
    cleared = Signal()  # Esc emptied the box (Ctrl+Z undoes it)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText("Type a symptom or a word, for example: pins and needles")
        self.setAccessibleName("Search articles by symptom or word")
        self.setAccessibleDescription(
            "Results appear below as you type. Press Down to move to the results."
        )
        self.setClearButtonEnabled(True)
        self.completion_model = QStringListModel(self)
        completer = QCompleter(self.completion_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setMaxVisibleItems(COMPLETIONS_SHOWN)
        self.setCompleter(completer)
        self._keep_clear: QWidget | None = None
        completer.popup().installEventFilter(self)

    def set_completions(self, words: list[str]) -> None:
        """Offer `words`, leaving out what is already typed (a copy of it completes nothing)."""
        typed = self.text().strip().casefold()
        self.completion_model.setStringList([w for w in words if w.casefold() != typed])

    def keep_popup_clear_of(self, widget: QWidget) -> None:
        """Show the completions beside `widget` (the topics and results), never over it."""
        self._keep_clear = widget

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() in _PLACED_ON and watched is self.completer().popup():
            self._place_popup(watched)
        return super().eventFilter(watched, event)

    def _place_popup(self, popup: QWidget) -> None:
        keep = self._keep_clear
        if keep is None or not keep.isVisible():
            return
        clear_x = keep.mapToGlobal(QPoint(keep.width(), 0)).x() + POPUP_GAP
        box_right = self.mapToGlobal(QPoint(self.width(), 0)).x()
        width = max(POPUP_MIN_WIDTH, min(popup.width(), box_right - clear_x, POPUP_MAX_WIDTH))
        if popup.x() < clear_x or popup.width() > width:
            popup.setGeometry(clear_x, popup.y(), width, popup.height())

    def clear_undoably(self) -> None:
        """Empty the box as an edit the user can undo (QLineEdit.clear() cannot be undone)."""
        self.selectAll()
        self.del_()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        popup_open = self.completer().popup().isVisible()
        if event.key() == Qt.Key.Key_Escape and popup_open:
            self.completer().popup().hide()
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear_undoably()
            self.cleared.emit()
            return
        if event.key() == Qt.Key.Key_Down and not popup_open:
            self.moveToResults.emit()
            return
        super().keyPressEvent(event)
