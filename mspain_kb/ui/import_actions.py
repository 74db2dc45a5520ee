"""File › Import files… and Import folder…: the import runs in the background with a progress
bar; at the end the report shows, the index is brought up to date and the first new article
opens. Also the start-up clean-up of files left by imports that were killed.

The dialogs stay reachable while they are open (`progress_dialog`, `report`), for tests.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from mspain_kb.core.collection.safe_write import clean_leftovers
from mspain_kb.ui import import_dialog
from mspain_kb.ui.workers import run_in_background


class ImportActions(QObject):
    finished = Signal(object)  # ImportSummary, after the report was shown
    leftoversCleaned = Signal(int)  # how many were removed at start

    def __init__(
        self,
        parent: QWidget,
        articles_dir: Path,
        vocabulary,
        *,
        say: Callable[[str], None],
        collection_changed: Callable[[], None],
        open_article: Callable[[str], None],
    ):
        super().__init__(parent)
        self._parent = parent
        self._vocabulary = vocabulary
        self._articles_dir = Path(articles_dir)
        self._say = say
        self._collection_changed = collection_changed
        self._open_article = open_article
        self.runner = import_dialog.ImportRunner(articles_dir, vocabulary, self)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.progress_dialog: import_dialog.ImportProgress | None = None
        self.report: import_dialog.ImportReportDialog | None = None

    def import_files(self, paths=None) -> bool:
        """Import `paths` (or files the user picks); False when nothing was started."""
        paths = import_dialog.choose_files(self._parent) if paths is None else paths
        return self._start(paths)

    def import_folder(self, folder=None) -> bool:
        """Import a folder and its sub-folders (or one the user picks)."""
        paths = import_dialog.choose_folder(self._parent) if folder is None else [folder]
        return self._start(paths)

    def _start(self, paths) -> bool:
        if not paths:
            return False
        if not self.runner.start(paths):
            self._say("An import is already running.")
            return False
        self.progress_dialog = import_dialog.ImportProgress(self.runner, self._parent)
        self.progress_dialog.show()
        return True

    def _close_progress(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    def _on_finished(self, summary) -> None:
        self._close_progress()
        if summary.imported:
            self._collection_changed()
            count = len(summary.imported)
            self._say(f"{count} article{'s' if count != 1 else ''} imported")
            self._open_article(summary.imported[0].path.stem)
        self.report = import_dialog.ImportReportDialog(
            summary, self._parent, self._vocabulary.label
        )
        self.report.open()
        self.finished.emit(summary)

    def _on_failed(self, reason: str) -> None:
        self._close_progress()
        QMessageBox.warning(self._parent, "Import", f"The import stopped: {reason}")

    def clean_up_leftovers(self, pool: QThreadPool) -> None:
        """Remove old, unlocked `.importing-*.tmp` files in the background; say so if any."""
        folder = self._articles_dir

        def work():
            return clean_leftovers(folder) if folder.is_dir() else None

        def done(cleanup) -> None:
            removed = len(cleanup.removed) if cleanup is not None else 0
            if removed:
                self._say(
                    f"Removed {removed} file{'s' if removed != 1 else ''} left in the articles "
                    "folder by an import that was interrupted."
                )
            self.leftoversCleaned.emit(removed)

        self._cleanup_job = run_in_background(pool, work, done)  # kept until it answers

    def wait(self, timeout_ms: int = -1) -> bool:
        return self.runner.wait(timeout_ms)
