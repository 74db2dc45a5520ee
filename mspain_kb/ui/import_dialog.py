"""Import articles: pick files or a folder, let the core's importer convert them in the
background with a progress bar and Cancel between files, then show what it did."""

from __future__ import annotations

import html
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QProgressBar,
    QProgressDialog,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mspain_kb.ui.dialog_size import fit_to_screen
from mspain_kb.ui.workers import _Job

FILE_FILTER = (
    "Leaflets, articles and web pages "
    "(*.pdf *.docx *.txt *.md *.markdown *.html *.htm *.xhtml);;All files (*)"
)


def choose_files(parent: QWidget) -> list[str]:
    paths, _filter = QFileDialog.getOpenFileNames(
        parent, "Import articles", str(Path.home()), FILE_FILTER
    )
    return list(paths)


def choose_folder(parent: QWidget) -> list[str]:
    folder = QFileDialog.getExistingDirectory(
        parent, "Import a folder of leaflets (with its sub-folders)", str(Path.home())
    )
    return [folder] if folder else []


class ImportRunner(QObject):
    """Runs the core's `import_many` (the command line's loop too) in a pool thread, one run
    at a time. A refused file gets a plain reason and never stops the others; `cancel()`
    stops the run before the next file."""

    progress = Signal(int, int, str)  # files done, files in all, the file being imported
    finished = Signal(object)  # ImportSummary
    failed = Signal(str)

    def __init__(self, articles_dir: Path, vocabulary, parent: QObject | None = None):
        super().__init__(parent)
        self._articles_dir = Path(articles_dir)
        self._vocabulary = vocabulary
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._stop = threading.Event()
        self._job: _Job | None = None

    @property
    def running(self) -> bool:
        return self._job is not None

    def start(self, paths) -> bool:
        """Start importing `paths` (files and folders); False if an import is running."""
        from mspain_kb.core.collection.importing.import_batch import import_many

        if self._job is not None:
            return False
        self._stop.clear()
        paths, articles_dir, vocabulary = list(paths), self._articles_dir, self._vocabulary
        stop = self._stop

        def work(progress):
            return import_many(
                paths, articles_dir, vocabulary, progress=progress, stop_requested=stop.is_set
            )

        job = _Job(work)
        job.signals.progress.connect(self.progress)
        job.signals.finished.connect(self._on_finished)
        job.signals.failed.connect(self._on_failed)
        self._job = job
        self._pool.start(job)
        return True

    def cancel(self) -> None:
        self._stop.set()

    def _on_finished(self, summary) -> None:
        self._job = None
        self.finished.emit(summary)

    def _on_failed(self, reason: str) -> None:
        self._job = None
        self.failed.emit(reason)

    def wait(self, timeout_ms: int = -1) -> bool:
        return self._pool.waitForDone(timeout_ms)


class ImportProgress(QProgressDialog):
    """ "Importing 3 of 12: leaflet.pdf", a bar, and Cancel (the import stops between files)."""

    def __init__(self, runner: ImportRunner, parent: QWidget | None = None):
        super().__init__("Looking for files to import…", "Cancel", 0, 0, parent)
        self.setWindowTitle("Importing")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(420)
        bar = QProgressBar()
        bar.setFormat("%v of %m files")
        bar.setAccessibleName("Import progress")
        self.setBar(bar)
        runner.progress.connect(self.show_progress)
        self.canceled.connect(runner.cancel)
        self.canceled.connect(lambda: self.setLabelText("Stopping after the file being imported…"))

    def show_progress(self, done: int, total: int, name: str) -> None:
        if self.wasCanceled():
            return
        self.setMaximum(total)
        self.setValue(done)
        if done < total:
            self.setLabelText(f"Importing {done + 1} of {total}: {name}")


def outcome_html(outcome, tag_label=str) -> str:
    parts = [f"<p><b>{html.escape(outcome.counts())}.</b></p>"]
    for path in outcome.cleanup.removed:
        parts.append(
            f"<p>Cleaned up {html.escape(path.name)} (left by an import that was interrupted).</p>"
        )
    if outcome.refused or outcome.skipped:
        items = "".join(
            f"<li><b>{html.escape(Path(path).name)}</b>: {html.escape(reason)}</li>"
            for path, reason in [*outcome.refused, *outcome.skipped]
        )
        parts.append(f"<h3>Not imported</h3><ul>{items}</ul>")
    if outcome.not_tried:
        items = "".join(f"<li>{html.escape(Path(p).name)}</li>" for p in outcome.not_tried)
        parts.append(f"<h3>Not tried (the import was stopped)</h3><ul>{items}</ul>")
    if outcome.imported:
        parts.append(
            "<p>Each new article is marked <i>Needs review</i>: check its title and topics and "
            "write its summary with <b>Collection › Edit details…</b>, then tick "
            "<i>Reviewed</i>.</p>"
        )
    for report in outcome.imported:
        parts.append(f"<h3>Imported: {html.escape(report.title)}</h3>")
        parts.append(
            f"<p>From {html.escape(report.source)} as <code>{html.escape(report.path.name)}"
            f"</code>. Topics: {html.escape(', '.join(map(tag_label, report.tags)) or 'none')}.</p>"
        )
        if report.removed:
            items = "".join(f"<li>{html.escape(line)}</li>" for line in report.removed)
            parts.append(f"<p>Removed as page furniture (menus, footers…):</p><ul>{items}</ul>")
        if report.marked:
            items = "".join(f"<li>{html.escape(line)}</li>" for line in report.marked)
            parts.append(
                "<p>Marked as promotional (kept, shown in a warning box, not used for "
                f"ranking):</p><ul>{items}</ul>"
            )
        else:
            parts.append("<p>No promotional passages were found.</p>")
        for note in getattr(report, "notes", ()) or ():
            parts.append(f"<p><i>Please check:</i> {html.escape(note)}</p>")
    return "".join(parts)


class ImportReportDialog(QDialog):
    """What the importer did with each file: removed lines, marked passages, refusals."""

    def __init__(self, outcome, parent: QWidget | None = None, tag_label=str):
        super().__init__(parent)
        count = len(outcome.imported)
        self.setWindowTitle(f"Imported {count} article{'s' if count != 1 else ''}")
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setAccessibleName("Import report")
        self.text.setHtml(outcome_html(outcome, tag_label))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        fit_to_screen(self, 640, 480)
