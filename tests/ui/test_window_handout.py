"""Print and Export PDF in the window: the core's handout, a preview before printing, and no
file written that the user did not ask for."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewWidget
from PySide6.QtWidgets import QFileDialog, QMessageBox
from ui_helpers import pdf_page_texts

from mspain_kb.core.collection.files import read_article
from mspain_kb.core.handout import HandoutOptions, make_handout
from mspain_kb.ui import printing

PAIN = "pain-management-for-ms"


@pytest.fixture
def no_printers(monkeypatch):
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: []))


@pytest.fixture
def one_printer(monkeypatch):
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: [QPrinterInfo()]))


def _pdfs_under(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file() and b"%PDF" in path.read_bytes()]


def test_print_without_a_printer_offers_export_and_writes_nothing(
    qtbot, window, no_printers, monkeypatch, tmp_path
):
    """Ctrl+P with no printer says so in one line and offers Export PDF; no PDF appears in
    the home folder (or anywhere) unless the user picks a place."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    asked = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args, **kwargs: (asked.append(args), ("", ""))[1]
    )
    window.controller.open_article(PAIN)
    window.actions_by_name["print"].trigger()
    box = window.controller.handouts.no_printer_box
    assert box.isVisible()
    assert box.text().startswith("No printer is set up on this computer.")
    assert "Export PDF" in window.statusBar().currentMessage()
    assert window.controller.handouts.print_preview is None
    export = next(b for b in box.buttons() if "Export PDF" in b.text())
    export.click()  # the save dialog opens; the user cancels it
    assert len(asked) == 1
    assert not list(home.iterdir())
    assert not _pdfs_under(tmp_path)


def test_print_without_a_printer_then_export_writes_the_chosen_file(
    qtbot, window, no_printers, monkeypatch, tmp_path
):
    """Choosing Export PDF in the no-printer message saves the handout where the user said."""
    target = tmp_path / "for-the-patient.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "PDF files")
    )
    window.controller.open_article(PAIN)
    window.controller.handouts.print_article()
    box = window.controller.handouts.no_printer_box
    next(b for b in box.buttons() if "Export PDF" in b.text()).click()
    pages = pdf_page_texts(target.read_bytes())
    assert pages[0].startswith("Pain management for MS")
    assert f"Page 1 of {len(pages)}" in pages[0]


def test_print_shows_a_preview_of_every_page_of_the_handout(qtbot, window, one_printer):
    """With a printer, Print opens a preview showing the handout's pages, nothing printed yet."""
    window.controller.open_article(PAIN)
    assert window.controller.handouts.print_article()
    dialog = window.controller.handouts.print_preview
    assert dialog.isVisible()
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() == window.controller.handouts.last_handout.pages)
    assert window.controller.handouts.last_handout.pages >= 2
    dialog.reject()


def test_printed_pages_are_the_pdf_pages(tmp_path, window):
    """What the preview's Print button sends is the handout's pages, one printed page each."""
    window.controller.open_article(PAIN)
    laid = window.controller.handouts.handout()
    printer = printing.new_printer("test")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert printing.paint_pages(printer, printing.HandoutPages(laid.data)) == laid.pages
    printed = pdfium.PdfDocument(str(tmp_path / "printed.pdf"))
    try:
        assert len(printed) == laid.pages
        width, height = printed[0].get_size()
        assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points
    finally:
        printed.close()


def test_export_writes_the_same_pdf_as_the_core(window, tmp_path, monkeypatch):
    """Export PDF saves the core's handout byte for byte, with the options from the settings
    (clinic name and phone, font size) that the Preferences will set."""
    settings = window.controller.settings
    settings.setValue(printing.SETTINGS_KEYS["clinic_name"], "Riverside MS Clinic")
    settings.setValue(printing.SETTINGS_KEYS["clinic_phone"], "01632 960 123")
    settings.setValue(printing.SETTINGS_KEYS["font_size"], 22)
    window.controller.open_article(PAIN)
    target = window.controller.handouts.export_pdf(str(tmp_path / "handout"))
    assert target == tmp_path / "handout.pdf"
    article = read_article(window.controller.services.paths.articles_dir / f"{PAIN}.md")
    options = HandoutOptions(
        font_size=22, clinic_name="Riverside MS Clinic", clinic_phone="01632 960 123"
    )
    assert target.read_bytes() == make_handout(
        [article], window.controller.services.glossary, options
    )
    assert "Riverside MS Clinic, phone 01632 960 123" in pdf_page_texts(target.read_bytes())[0]
    assert "handout.pdf" in window.statusBar().currentMessage()


def test_a_bad_font_size_in_the_settings_falls_back_to_16(window):
    """A hand-edited settings file with an odd size still gives a handout, at 16 pt."""
    window.controller.settings.setValue(printing.SETTINGS_KEYS["font_size"], "huge")
    assert printing.handout_options(window.controller.settings).font_size == 16
    window.controller.settings.setValue(printing.SETTINGS_KEYS["font_size"], 17)
    assert printing.handout_options(window.controller.settings).font_size == 16


def test_export_pdf_to_an_unwritable_place_says_so(tmp_path, window, monkeypatch):
    """A PDF that cannot be written gives a plain message, not a traceback, and no file."""
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    window.controller.open_article(PAIN)
    assert window.controller.handouts.export_pdf(str(tmp_path / "no-such-folder" / "x.pdf")) is None
    assert shown and shown[0].startswith("The PDF was not saved")
    assert "does not exist" in shown[0]
    assert not (tmp_path / "no-such-folder").exists()
