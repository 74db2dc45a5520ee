"""Handouts: print or export to PDF the print version of an article, through QTextDocument.

The core renders the print variant (glossary appendix, no hit marks); Qt lays it out on pages.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from mspain_kb import APP_NAME

# QTextDocument.print_() lays the text out with its own 2 cm margin on every side; page
# margins on top of that left a large-print handout only ~50 characters wide.
PAGE_MARGINS_MM = QMarginsF(0, 0, 0, 0)


class ExportError(Exception):
    """The PDF could not be written; the message says why in plain words."""


def handout_document(html: str, title: str) -> QTextDocument:
    document = QTextDocument()
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
    document.setHtml(html)
    return document


def export_pdf(html: str, title: str, path: Path) -> QTextDocument:
    """Write the handout to `path` as A4 PDF; returns the printed document."""
    path = Path(path)
    try:  # QPdfWriter reports no errors, so make sure the file can be written first.
        with open(path, "wb"):
            pass
    except OSError as exc:
        raise ExportError(f"cannot write {path.name}: {exc.strerror or exc}") from exc
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator(APP_NAME)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            PAGE_MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    document = handout_document(html, title)
    document.print_(writer)
    del writer  # Finishes the file.
    if path.stat().st_size == 0:
        raise ExportError(f"{path.name} could not be written")
    return document


def print_with_dialog(parent: QWidget, html: str, title: str) -> bool:
    """Show the system print dialog and print the handout; False if cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setPageMargins(PAGE_MARGINS_MM, QPageLayout.Unit.Millimeter)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Print “{title}”")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    handout_document(html, title).print_(printer)
    return True
