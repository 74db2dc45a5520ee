"""Handouts in the window: the core's PDF (`core.handout`), saved, or previewed and printed.

Export PDF saves exactly the bytes the command line writes. Print shows a preview first; its
pages are the PDF's pages, drawn by PDFium (pypdfium2) at the printer's resolution (at most
PRINT_DPI) in shades of grey. With no printer set up, nothing is printed and nothing is
written: the window offers Export PDF instead. The handout's options come from the settings
(`SETTINGS_KEYS`), so the same choices apply every time.
"""

from __future__ import annotations

import threading

import pypdfium2 as pdfium
from PySide6.QtCore import QRectF, QSettings
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from mspain_kb.core.handout import HandoutOptions
from mspain_kb.core.handout.options import DEFAULT_FONT_SIZE, FONT_SIZES

PRINT_DPI = 300  # sharp on paper; a page is 2480 x 3508 grey pixels (8.7 MB) at most
SETTINGS_KEYS = {  # the one place for the handout's settings (read here, set in Preferences)
    "clinic_name": "handout/clinic_name",
    "clinic_phone": "handout/clinic_phone",
    "font_size": "handout/font_size",
    "include_promotional": "handout/include_promotional",
    "all_terms": "handout/all_terms",
}
_PDFIUM_LOCK = threading.Lock()  # PDFium is not thread-safe (the importer uses it too)


def handout_options(settings: QSettings) -> HandoutOptions:
    """The handout options saved in the settings; a missing or odd value gives the default."""
    size = settings.value(SETTINGS_KEYS["font_size"], DEFAULT_FONT_SIZE)
    try:
        size = int(size)
    except (TypeError, ValueError):
        size = DEFAULT_FONT_SIZE
    return HandoutOptions(
        font_size=size if size in FONT_SIZES else DEFAULT_FONT_SIZE,
        include_promotional=_flag(settings, "include_promotional"),
        all_terms=_flag(settings, "all_terms"),
        clinic_name=str(settings.value(SETTINGS_KEYS["clinic_name"], "") or ""),
        clinic_phone=str(settings.value(SETTINGS_KEYS["clinic_phone"], "") or ""),
    )


def save_handout_options(settings: QSettings, options: HandoutOptions) -> None:
    """Keep `options` (all but the date) for every later print and export."""
    for name in SETTINGS_KEYS:
        settings.setValue(SETTINGS_KEYS[name], getattr(options, name))
    settings.sync()


def _flag(settings: QSettings, name: str) -> bool:
    """An on/off setting; an INI file gives back "true" or "false" as text."""
    value = settings.value(SETTINGS_KEYS[name], False)
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value)


def has_printer() -> bool:
    """True when at least one printer is set up on this computer."""
    return bool(QPrinterInfo.availablePrinters())


class HandoutPages:
    """The pages of a handout PDF as grey images, drawn by PDFium once per resolution (the
    preview paints again when the paper is changed, and once more to print)."""

    def __init__(self, data: bytes):
        self.data = data
        self._images: dict[int, list[QImage]] = {}

    def images(self, dpi: int) -> list[QImage]:
        if dpi not in self._images:
            with _PDFIUM_LOCK:
                document = pdfium.PdfDocument(self.data)
                try:
                    self._images[dpi] = [_page_image(page, dpi) for page in document]
                finally:
                    document.close()
        return self._images[dpi]


def _page_image(page, dpi: int) -> QImage:
    try:
        return _to_image(page.render(scale=dpi / 72, grayscale=True))
    finally:
        page.close()


def paint_pages(printer: QPrinter, pages: HandoutPages) -> int:
    """Draw every page on `printer` (or the preview's printer), each centred and scaled to
    fit the paper; returns the number of pages drawn."""
    images = pages.images(min(printer.resolution(), PRINT_DPI))
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        for number, image in enumerate(images):
            if number:
                printer.newPage()
            _draw_fitted(painter, printer, image)
    finally:
        painter.end()
    return len(images)


def _to_image(bitmap) -> QImage:
    """A PDFium bitmap as a QImage that owns its pixels (the bitmap is freed afterwards)."""
    image_format = (
        QImage.Format.Format_Grayscale8 if bitmap.n_channels == 1 else QImage.Format.Format_RGB32
    )
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, image_format)
    return image.copy()


def _draw_fitted(painter: QPainter, printer: QPrinter, image: QImage) -> None:
    paper = printer.paperRect(QPrinter.Unit.DevicePixel)
    page = printer.pageRect(QPrinter.Unit.DevicePixel)
    scale = min(paper.width() / image.width(), paper.height() / image.height())
    width, height = image.width() * scale, image.height() * scale
    # The painter's origin is the printable area's corner unless the printer is full-page.
    left = paper.left() - page.left() + (paper.width() - width) / 2
    top = paper.top() - page.top() + (paper.height() - height) / 2
    painter.drawImage(QRectF(left, top, width, height), image)


def new_printer(title: str) -> QPrinter:
    """A printer set up for an A4 portrait handout whose PDF already has its margins."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            printer.pageLayout().margins(),
        )
    )
    printer.setFullPage(True)
    return printer


def preview_dialog(parent: QWidget, data: bytes, title: str) -> QPrintPreviewDialog:
    """The print preview of the handout; its Print button prints the same pages."""
    printer = new_printer(title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"Print preview: “{title}”")
    pages = HandoutPages(data)
    dialog.paintRequested.connect(lambda target: paint_pages(target, pages))
    dialog.printer_for_handout = printer  # kept alive as long as the dialog
    return dialog
