"""Collection › Add editor's note…: write the clinic's note on the passage selected in the
article. The core (`core/collection/editor_note.py`) finds the passage in the Markdown and
inserts the note after its paragraph; a passage it cannot place is a plain message and the
dialog stays open with the note kept.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from mspain_kb.core.collection.article import ArticleError
from mspain_kb.core.collection.editor_note import NotePlacementError, add_editor_note
from mspain_kb.ui.dialog_size import fit_to_screen

QUOTE_CHARS = 300  # the selected passage, as shown in the dialog
NO_SOURCE_WARNING = (
    "⚠ Name a public reference (NHS, NICE, MS Society, MS Trust…): a note without one is "
    "listed by “mspain-kb check”."
)


class EditorNoteDialog(QDialog):
    added = Signal(int)  # the line of the file where the note starts

    def __init__(self, path, selected: str, context: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Add editor's note")
        self._path, self._selected, self._context = path, selected, context
        self.failure_box: QMessageBox | None = None
        shown = " ".join(selected.replace("\u2029", " ").split())
        if len(shown) > QUOTE_CHARS:
            shown = shown[:QUOTE_CHARS].rsplit(" ", 1)[0] + " …"
        self.passage = QLabel(f"“{shown}”")
        self.passage.setWordWrap(True)
        self.passage.setAccessibleName("Selected passage")
        self.note_edit = QPlainTextEdit()
        self.note_edit.setAccessibleName("Note")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText(
            "What the clinic wants readers to know about this passage, in plain words."
        )
        self.source_edit = QLineEdit()
        self.source_edit.setAccessibleName("Source")
        self.source_edit.setPlaceholderText('for example: MS Trust, "Pain"')
        self.source_warning = QLabel(NO_SOURCE_WARNING)
        self.source_warning.setWordWrap(True)
        self.source_edit.textChanged.connect(
            lambda text: self.source_warning.setVisible(not text.strip())
        )
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("Passage:", self.passage)
        form.addRow("&Note:", self.note_edit)
        form.addRow("&Source:", self.source_edit)
        form.addRow("", self.source_warning)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Add note")
        self.buttons.accepted.connect(self.add)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.buttons)
        self.note_edit.setFocus()
        fit_to_screen(self, 560, 380)

    def add(self) -> None:
        try:
            line = add_editor_note(
                self._path,
                self._selected,
                self.note_edit.toPlainText(),
                self.source_edit.text(),
                context=self._context,
            )
        except NotePlacementError as exc:
            self._say_failure(str(exc))
            return
        except (OSError, ArticleError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            self._say_failure(
                f"The note could not be saved: {reason}.\n\nThe article was not changed."
            )
            return
        self.added.emit(line)
        self.accept()

    def _say_failure(self, text: str) -> None:
        self.failure_box = QMessageBox(
            QMessageBox.Icon.Warning, "Add editor's note", text, parent=self
        )
        self.failure_box.open()
