"""Print and Export PDF in the window: a handout of the open article, of the results selected,
or of the saved articles, laid out by the core (`core.handout.lay_out`, as the command line)
with the options saved in the settings (`printing.handout_options`).

Several articles make one PDF with one glossary. Print shows a preview of every page first;
with no printer set up it says so and offers Export PDF. Nothing is printed or written
unless the user asks.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from mspain_kb import APP_NAME
from mspain_kb.core.collection.article import ArticleError
from mspain_kb.core.collection.files import read_article
from mspain_kb.core.handout import HandoutError, lay_out, save_pdf
from mspain_kb.core.render.page import article_path
from mspain_kb.ui import printing


class HandoutActions:
    """The dialogs it opens stay reachable while they are open (`print_preview`,
    `no_printer_box`), and so does the last handout laid out (`last_handout`).

    `articles_dir` is where the articles of a handout of several (by id) are read from."""

    def __init__(
        self,
        parent: QWidget,
        glossary,
        settings: QSettings,
        current_article: Callable[[], object | None],
        say: Callable[[str], None],
        articles_dir: Path | None = None,
    ):
        self._parent = parent
        self._glossary = glossary
        self._settings = settings
        self._current_article = current_article
        self._say = say
        self._articles_dir = articles_dir
        self.last_handout = None
        self.print_preview = None
        self.no_printer_box: QMessageBox | None = None

    # The open article ----------------------------------------------------------------------
    def handout(self, articles=None):
        """The handout (`core.handout.Laid`) of `articles`, by default the open article;
        None on the welcome page."""
        if articles is None:
            article = self._current_article()
            if article is None:
                return None
            articles = [article]
        options = printing.handout_options(self._settings)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            laid = lay_out(articles, self._glossary, options)
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
        return self.print_articles([article], article.title, lambda: self.export_pdf())

    def export_pdf(self, path: str | None = None) -> Path | None:
        """Ask where to save (unless `path` is given) and write the handout as PDF."""
        article = self._current_article()
        if article is None:
            return None
        return self.export_articles([article], article.id, path)

    # Several articles, by id ---------------------------------------------------------------
    def print_ids(self, ids: list[str], title: str) -> bool:
        """One handout of the articles with these ids, in this order, previewed first."""
        articles = self.read_articles(ids)
        if not articles:
            return False
        return self.print_articles(
            articles, _handout_title(articles, title), lambda: self.export_ids(ids, title)
        )

    def export_ids(self, ids: list[str], title: str, path: str | None = None) -> Path | None:
        """One PDF of the articles with these ids; `title` ("Saved articles") suggests the
        file's name ("saved-articles.pdf"), or the article's id for one."""
        articles = self.read_articles(ids)
        if not articles:
            return None
        name = "-".join(title.lower().split()) if len(articles) > 1 else articles[0].id
        return self.export_articles(articles, name, path)

    def read_articles(self, ids: list[str]) -> list:
        """The articles with these ids (each once); those that cannot be read are left out
        and named in the status bar."""
        articles, left_out = [], []
        for article_id in dict.fromkeys(ids):
            try:
                articles.append(read_article(article_path(self._articles_dir, article_id)))
            except ArticleError:
                left_out.append(article_id)
        if not ids:
            self._say("Choose one or more articles first.")
        elif left_out:
            noun = "article" if len(left_out) == 1 else "articles"
            self._say(
                f"Left out of the handout, no longer in the collection or unreadable: "
                f"{len(left_out)} {noun} ({', '.join(left_out)})."
            )
        return articles

    # Shared steps --------------------------------------------------------------------------
    def print_articles(self, articles: list, title: str, export: Callable[[], object]) -> bool:
        if not printing.has_printer():
            self.offer_export_instead(export)
            return False
        try:
            laid = self.handout(articles)
        except HandoutError as exc:
            self._say(f"The handout could not be made: {exc}.")
            QMessageBox.warning(self._parent, APP_NAME, f"The handout could not be made: {exc}.")
            return False
        dialog = printing.preview_dialog(self._parent, laid.data, title)
        self.print_preview = dialog
        dialog.open()
        return True

    def offer_export_instead(self, export: Callable[[], object] | None = None) -> QMessageBox:
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle("No printer")
        box.setText("No printer is set up on this computer. Save the handout as a PDF instead?")
        export_button = box.addButton("&Export PDF…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(export_button)
        export_button.clicked.connect(export or (lambda: self.export_pdf()))
        self._say("No printer is set up: use Export PDF to save the handout.")
        self.no_printer_box = box
        box.open()
        return box

    def export_articles(self, articles: list, name: str, path: str | None = None) -> Path | None:
        if path is None:
            suggested = str(Path.home() / f"{name}.pdf")
            path, _filter = QFileDialog.getSaveFileName(
                self._parent, "Export handout as PDF", suggested, "PDF files (*.pdf)"
            )
            if not path:
                return None
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        try:
            save_pdf(target, self.handout(articles).data)
        except HandoutError as exc:
            self._say(f"The PDF was not saved: {exc}.")
            QMessageBox.warning(self._parent, APP_NAME, f"The PDF was not saved: {exc}.")
            return None
        count = f" ({len(articles)} articles)" if len(articles) > 1 else ""
        self._say(f"Handout{count} saved to {target}")
        return target


def _handout_title(articles: list, title: str) -> str:
    """The preview's title: the article's own for one, else `title` and how many."""
    return articles[0].title if len(articles) == 1 else f"{title} ({len(articles)} articles)"
