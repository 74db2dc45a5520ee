"""Read the text of a PDF with its geometry: runs of characters with their box and font.

PDFium (through pypdfium2) gives each character's position, font size and font; this module
groups characters into `Span`s (a run on one line with no wide gap) and leaves the reading of
structure (columns, headings, lists, running footers) to `pdf_layout`. Coordinates are
points from the top-left corner of the page.

PDFium is not thread-safe, so every use of it holds one lock.
"""

from __future__ import annotations

import ctypes
import re
import statistics
import threading
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from mspain_kb.core.collection.importing.import_errors import ImportRefused

# Gaps wider than this many font sizes split a line into separate spans (table cells, columns).
SPAN_GAP = 1.0
# A gap wider than this (in font sizes) between two characters is a space, even if the file
# has no space character there (many PDFs position words instead of writing spaces).
SPACE_GAP = 0.18
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_FORCE_BOLD = 1 << 18  # PDF font descriptor flag
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
# Bullets that Word and other programs draw with symbol fonts (private-use code points).
_SYMBOL_BULLETS = {"\uf0b7", "\uf0a7", "\uf076", "\uf0d8", "\uf0fc", "\uf06e", "\uf0a8", "\uf0e0"}
_LOCK = threading.Lock()


@dataclass
class Span:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    size: float  # font size in points, the most common in the span
    bold: bool  # most characters in a bold font
    page: int


@dataclass
class PdfPage:
    number: int
    width: float
    height: float
    spans: list[Span] = field(default_factory=list)


@dataclass
class PdfText:
    pages: list[PdfPage]
    metadata_title: str = ""
    notes: list[str] = field(default_factory=list)


class _SpanBuilder:
    """Collects characters into spans, breaking at line changes and wide gaps."""

    def __init__(self, page: PdfPage):
        self.page = page
        self.chars: list[tuple[str, float, float, float, float, float, float, bool]] = []
        self.pending_space = False

    def space(self) -> None:
        self.pending_space = bool(self.chars)

    def add(self, ch, x0, x1, top, bottom, baseline, size, bold) -> None:
        if self.chars:
            _, _px0, px1, _pt, _pb, pbase, psize, _ = self.chars[-1]
            unit = max(psize, size, 1.0)
            gap = x0 - px1
            if abs(baseline - pbase) > 0.5 * unit or gap > SPAN_GAP * unit or gap < -unit:
                self.flush()
            elif (self.pending_space or gap > SPACE_GAP * unit) and self.chars[-1][0] != " ":
                self.chars.append((" ", px1, x0, top, bottom, baseline, size, bold))
        self.pending_space = False
        self.chars.append((ch, x0, x1, top, bottom, baseline, size, bold))

    def flush(self) -> None:
        chars = [c for c in self.chars]
        self.chars = []
        self.pending_space = False
        while chars and chars[-1][0] == " ":
            chars.pop()
        if not chars:
            return
        letters = [c for c in chars if c[0] != " "]
        size = statistics.mode(round(c[6] * 2) / 2 for c in letters)
        self.page.spans.append(
            Span(
                text="".join(c[0] for c in chars),
                x0=min(c[1] for c in chars),
                x1=max(c[2] for c in chars),
                top=min(c[3] for c in letters),
                bottom=max(c[4] for c in letters),
                baseline=statistics.median(c[5] for c in letters),
                size=size,
                bold=sum(c[7] for c in letters) * 2 > len(letters),
                page=self.page.number,
            )
        )


def _font_is_bold(textpage, index: int, buffer, flags) -> bool:
    weight = pdfium_c.FPDFText_GetFontWeight(textpage, index)
    pdfium_c.FPDFText_GetFontInfo(textpage, index, buffer, len(buffer), ctypes.byref(flags))
    name = buffer.value.decode("latin-1", "replace")
    return weight >= 600 or bool(flags.value & _FORCE_BOLD) or bool(_BOLD_FONT.search(name))


def _read_page(page, number: int) -> tuple[PdfPage, int]:
    """The page's spans, and how many rotated characters were left out."""
    width, height = page.get_size()
    result = PdfPage(number, width, height)
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        builder = _SpanBuilder(result)
        box = pdfium_c.FS_RECTF()
        origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
        buffer, flags = ctypes.create_string_buffer(128), ctypes.c_int()
        rotated = 0
        for index in range(textpage.count_chars()):
            ch = chr(pdfium_c.FPDFText_GetUnicode(raw, index))
            if pdfium_c.FPDFText_IsHyphen(raw, index):
                ch = "-"  # a hyphen PDFium saw at a line end; pdf_layout decides if it stays
            if ch in "\r\n":
                builder.flush()
                continue
            if ch.isspace() or ch == "\x00":
                builder.space()
                continue
            ch = "•" if ch in _SYMBOL_BULLETS else _LIGATURES.get(ch, ch)
            if ch < " " or ch in "\ufffe\uffff":
                continue
            angle = pdfium_c.FPDFText_GetCharAngle(raw, index)
            if 0.05 < angle < 6.23:  # radians: vertical or slanted text (side notes, stamps)
                rotated += 1
                continue
            # The loose box spans the character's advance and the font's height, so narrow
            # glyphs ("1", "i") do not look as if a space followed them.
            if not pdfium_c.FPDFText_GetLooseCharBox(raw, index, box):
                continue
            pdfium_c.FPDFText_GetCharOrigin(raw, index, origin_x, origin_y)
            size = pdfium_c.FPDFText_GetFontSize(raw, index)
            bold = _font_is_bold(raw, index, buffer, flags)
            builder.add(
                ch,
                box.left,
                box.right,
                height - box.top,
                height - box.bottom,
                height - origin_y.value,
                size,
                bold,
            )
        builder.flush()
    finally:
        textpage.close()
    return result, rotated


_LOAD_ERRORS = {
    pdfium_c.FPDF_ERR_PASSWORD: "the PDF is protected by a password; open it, save a copy "
    "without the password and import that",
    pdfium_c.FPDF_ERR_SECURITY: "the PDF uses a kind of protection that cannot be opened; "
    "save a copy without protection and import that",
    pdfium_c.FPDF_ERR_FORMAT: "the PDF is damaged and cannot be read",
    pdfium_c.FPDF_ERR_FILE: "the PDF is damaged and cannot be read",
}


def read_pdf(data: bytes) -> PdfText:
    """Every page's spans; ImportRefused for a protected, damaged or image-only PDF."""
    with _LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            reason = _LOAD_ERRORS.get(exc.err_code, "the PDF is damaged and cannot be read")
            raise ImportRefused(reason) from None
        try:
            pages, rotated = [], 0
            for number in range(len(document)):
                page = document[number]
                try:
                    read, skipped = _read_page(page, number + 1)
                finally:
                    page.close()
                pages.append(read)
                rotated += skipped
            title = (document.get_metadata_value("Title") or "").strip()
        except pdfium.PdfiumError as exc:
            raise ImportRefused(f"the PDF is damaged and cannot be read ({exc})") from None
        finally:
            document.close()
    if not any(page.spans for page in pages):
        raise ImportRefused(
            "the PDF has no text layer (it is probably a scanned image); "
            "run it through text recognition (OCR) first, or copy the text into a .txt file"
        )
    notes = [f"{rotated} characters of rotated text were left out"] if rotated else []
    return PdfText(pages, title, notes)
