"""Print and Export PDF in the window: the handout of the open article, laid out by the core
with the options saved in the settings (`printing.handout_options`).

Print shows a preview first; with no printer set up it says so and offers Export PDF.
Nothing is printed or written unless the user asks.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from mspain_kb import APP_NAME
from mspain_kb.core.handout import HandoutError, lay_out, save_pdf
from mspain_kb.ui import printing


class HandoutActions:
    """The dialogs it opens stay reachable while they are open (`print_preview`,
    `no_printer_box`), and so does the last handout laid out (`last_handout`)."""

    def __init__(
        self,
        parent: QWidget,
        glossary,
        settings: QSettings,
        current_article: Callable[[], object | None],
        say: Callable[[str], None],
    ):
        self._parent = parent
        self._glossary = glossary
        self._settings = settings
        self._current_article = current_article
        self._say = say
        self.last_handout = None
        self.print_preview = None
        self.no_printer_box: QMessageBox | None = None

    def handout(self):
        """The handout of the open article (`core.handout.Laid`), or None on the welcome page."""
        article = self._current_article()
        if article is None:
            return None
        options = printing.handout_options(self._settings)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            laid = lay_out([article], self._glossary, options)
        finally:
            QApplication.restoreOverrideCursor()
        self.last_handout = laid
        return laid

    def print_article(self) -> bool:
        """Preview the handout, then print it from the preview. With no printer set up, say so
        and offer Export PDF: nothing is printed or written unless the user asks."""
        article = self._current_article()
        if article is None:
            return False
        if not printing.has_printer():
            self.offer_export_instead()
            return False
        try:
            laid = self.handout()
        except HandoutError as exc:
            self._say(f"The handout could not be made: {exc}.")
            QMessageBox.warning(self._parent, APP_NAME, f"The handout could not be made: {exc}.")
            return False
        dialog = printing.preview_dialog(self._parent, laid.data, article.title)
        self.print_preview = dialog
        dialog.open()
        return True

    def offer_export_instead(self) -> QMessageBox:
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle("No printer")
        box.setText("No printer is set up on this computer. Save the handout as a PDF instead?")
        export = box.addButton("&Export PDF…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(export)
        export.clicked.connect(lambda: self.export_pdf())
        self._say("No printer is set up: use Export PDF to save the handout.")
        self.no_printer_box = box
        box.open()
        return box

    def export_pdf(self, path: str | None = None) -> Path | None:
        """Ask where to save (unless `path` is given) and write the handout as PDF."""
        article = self._current_article()
        if article is None:
            return None
        if path is None:
            suggested = str(Path.home() / f"{article.id}.pdf")
            path, _filter = QFileDialog.getSaveFileName(
                self._parent, "Export handout as PDF", suggested, "PDF files (*.pdf)"
            )
            if not path:
                return None
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        try:
            save_pdf(target, self.handout().data)
        except HandoutError as exc:
            self._say(f"The PDF was not saved: {exc}.")
            QMessageBox.warning(self._parent, APP_NAME, f"The PDF was not saved: {exc}.")
            return None
        self._say(f"Handout saved to {target}")
        return target
