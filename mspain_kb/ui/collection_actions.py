"""The Collection menu at work: edit the open article's details, add an editor's note at the
selected passage, list the searches that found nothing.

Each change is written by the core; then the index is brought up to date and the article
view reloads. The dialogs stay reachable while open (`details_dialog`, `note_dialog`,
`missed_dialog`), for tests.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from mspain_kb.core.collection.article import ArticleError
from mspain_kb.core.collection.details import read_details
from mspain_kb.ui.edit_details_dialog import EditDetailsDialog
from mspain_kb.ui.editor_note_dialog import EditorNoteDialog
from mspain_kb.ui.missed_searches_dialog import MissedSearchesDialog

SELECT_FIRST = (
    "Select the passage the note is about in the article first (drag over it with the mouse, "
    "or hold Shift and use the arrow keys), then choose Add editor's note again."
)


class CollectionActions(QObject):
    changed = Signal(str)  # the id of the article whose file was rewritten
    searchRequested = Signal(str)  # words chosen in the list of searches that found nothing

    def __init__(
        self,
        parent: QWidget,
        services,
        *,
        current_article: Callable[[], object | None],
        selection: Callable[[], tuple[str, str]],
        say: Callable[[str], None],
        article_changed: Callable[[], None],
    ):
        super().__init__(parent)
        self._parent = parent
        self._services = services
        self._current_article = current_article
        self._selection = selection
        self._say = say
        self._article_changed = article_changed
        self.details_dialog: EditDetailsDialog | None = None
        self.note_dialog: EditorNoteDialog | None = None
        self.missed_dialog: MissedSearchesDialog | None = None
        self.problem_box: QMessageBox | None = None

    def edit_details(self) -> EditDetailsDialog | None:
        article = self._current_article()
        if article is None:
            return None
        try:
            details = read_details(article.path, self._services.vocabulary)
        except (OSError, ArticleError) as exc:
            self._say_problem(f"The article's details could not be read: {exc}")
            return None
        dialog = EditDetailsDialog(article.path, details, self._services.vocabulary, self._parent)
        dialog.saved.connect(lambda _details: self._on_changed(article.id, "Details saved."))
        self.details_dialog = dialog
        dialog.open()
        return dialog

    def add_editor_note(self) -> EditorNoteDialog | None:
        """Open the note dialog on the passage selected in the article view."""
        article = self._current_article()
        if article is None:
            return None
        selected, context = self._selection()
        if not selected.strip():
            self._say_problem(SELECT_FIRST)
            return None
        dialog = EditorNoteDialog(article.path, selected, context, self._parent)
        dialog.added.connect(lambda _line: self._on_changed(article.id, "Editor's note added."))
        self.note_dialog = dialog
        dialog.open()
        return dialog

    def show_missed_searches(self) -> MissedSearchesDialog:
        dialog = MissedSearchesDialog(self._services.missed_searches, self._parent)
        dialog.searchRequested.connect(self.searchRequested)
        self.missed_dialog = dialog
        dialog.open()
        return dialog

    def _on_changed(self, article_id: str, message: str) -> None:
        self._article_changed()
        self._say(message)
        self.changed.emit(article_id)

    def _say_problem(self, text: str) -> None:
        self.problem_box = QMessageBox(
            QMessageBox.Icon.Warning, "Collection", text, parent=self._parent
        )
        self.problem_box.open()
