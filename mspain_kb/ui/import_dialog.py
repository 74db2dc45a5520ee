"""Import articles: pick files, let the core's importer convert them, show what it did."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

FILE_FILTER = (
    "Leaflets, articles and web pages "
    "(*.pdf *.docx *.txt *.md *.markdown *.html *.htm *.xhtml);;All files (*)"
)


def choose_files(parent: QWidget) -> list[str]:
    paths, _filter = QFileDialog.getOpenFileNames(
        parent, "Import articles", str(Path.home()), FILE_FILTER
    )
    return list(paths)


def import_files(paths, articles_dir: Path, vocabulary):
    """Import each file through the core's batch import (the command line's loop too): a
    refused file gets a plain reason and never stops the others. Returns an ImportSummary."""
    from mspain_kb.core.collection.importing.import_batch import import_many

    return import_many(paths, articles_dir, vocabulary)


def outcome_html(outcome, tag_label=str) -> str:
    parts = []
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
    if outcome.refused or outcome.skipped:
        items = "".join(
            f"<li><b>{html.escape(Path(path).name)}</b>: {html.escape(reason)}</li>"
            for path, reason in [*outcome.refused, *outcome.skipped]
        )
        parts.append(f"<h3>Not imported</h3><ul>{items}</ul>")
    return "".join(parts) or "<p>No files were chosen.</p>"


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
        self.resize(640, 480)
