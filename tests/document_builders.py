"""Small leaflets built inside the tests: PDFs with known fonts and places, Word documents
with real heading styles. Every piece of text here is what a test later looks for."""

from __future__ import annotations

import io

from reportlab.lib import pdfencrypt
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

WIDTH, HEIGHT = A4
LEFT = 60
BODY = 10
HEADER = "MS Pain Clinic - Patient information"

INTRO = [
    "Pain is common in multiple sclerosis. Around half of people with MS have",
    "pain at some point. Nerve pain can feel burning or stabbing; doctors call it neuro-",
    "pathic pain. For some people it becomes a long-",
    "term problem, and self-",
    "management helps. Some take anti-",
    "inflammatory medicines for joint pain after talking to their team.",
]
DOCX_INTRO = (
    "Pain is common in multiple sclerosis. For some people it becomes a long-term problem, "
    "and self-management helps."
)
LEFT_COLUMN = [
    "The left column starts here and talks",
    "about stiffness in the legs at night,",
    "which is often worse after sitting still.",
    "The left column ends here.",
]
RIGHT_COLUMN = [
    "The right column starts here and talks",
    "about spasms that wake people at night",
    "and what a physiotherapist may suggest.",
    "The right column ends here.",
]
TABLE = [("Service", "When", "Telephone"), ("MS nurse helpline", "Mon-Fri", "01234 567890")]


def _lines(page, texts, x, y, size=BODY, font="Helvetica", leading=None):
    page.setFont(font, size)
    for text in texts:
        page.drawString(x, y, text)
        y -= leading or size * 1.3
    return y


def _furniture(page, number, pages):
    page.setFont("Helvetica", 8)
    page.drawString(LEFT, HEIGHT - 30, HEADER)
    page.drawCentredString(WIDTH / 2, 25, f"Page {number} of {pages}")


def leaflet_pdf(*, extra_lines=(), encrypt: str | None = None) -> bytes:
    """Three pages of a clinic leaflet plus a blank page.

    Page 1: running header, title, paragraph with hyphenated line ends, a heading, a bulleted
    list (bullets drawn apart from their text) and a numbered list. Page 2: two columns under
    a heading. Page 3: a table. A footer "Page N of 3" on each. Page 4 has no text at all.
    """
    buffer = io.BytesIO()
    options = {"encrypt": pdfencrypt.StandardEncryption(encrypt)} if encrypt else {}
    page = canvas.Canvas(buffer, pagesize=A4, **options)
    page.setTitle("leaflet-042.docx")
    _furniture(page, 1, 3)
    _lines(page, ["Pain in multiple sclerosis"], LEFT, HEIGHT - 90, 22, "Helvetica-Bold")
    y = _lines(page, INTRO, LEFT, HEIGHT - 130)
    y = _lines(page, list(extra_lines), LEFT, y - 8) if extra_lines else y
    y = _lines(page, ["Things that may help"], LEFT, y - 14, 14, "Helvetica-Bold")
    page.setFont("Helvetica", BODY)
    for text in ("Keep a pain diary for two weeks.", "Gentle regular exercise."):
        y -= 14
        page.drawString(LEFT, y, "•")
        page.drawString(LEFT + 14, y, text)
    y = _lines(page, ["Before your appointment:"], LEFT, y - 24)
    y += 10
    for number, text in enumerate(("Write down when it started.", "Bring your medicines."), 1):
        y -= 14
        page.drawString(LEFT, y, f"{number}.")
        page.drawString(LEFT + 14, y, text)
    page.showPage()
    _furniture(page, 2, 3)
    _lines(page, ["Living with long-term pain"], LEFT, HEIGHT - 90, 14, "Helvetica-Bold")
    _lines(page, LEFT_COLUMN, LEFT, HEIGHT - 120)
    _lines(page, RIGHT_COLUMN, WIDTH / 2 + 20, HEIGHT - 120)
    page.showPage()
    _furniture(page, 3, 3)
    _lines(page, ["Who to contact"], LEFT, HEIGHT - 90, 14, "Helvetica-Bold")
    page.setFont("Helvetica", BODY)
    y = HEIGHT - 120
    for row in TABLE:
        for x, cell in zip((LEFT, LEFT + 150, LEFT + 260), row, strict=True):
            page.drawString(x, y, cell)
        y -= 16
    page.showPage()
    page.showPage()  # a page with no text
    page.save()
    return buffer.getvalue()


def scanned_pdf() -> bytes:
    """Two pages that only hold pictures (a grey box drawn as a path), no text."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    for _ in range(2):
        page.setFillGray(0.5)
        page.rect(60, 300, 400, 300, fill=1)
        page.showPage()
    page.save()
    return buffer.getvalue()


def leaflet_docx(*, extra_paragraphs=()) -> bytes:
    """A Word leaflet: Title and heading styles, lists, a table, a header and a footer."""
    from docx import Document

    document = Document()
    document.add_heading("Pain in multiple sclerosis", level=0)
    document.add_paragraph(DOCX_INTRO)
    document.add_heading("Kinds of pain", level=1)
    paragraph = document.add_paragraph("Nerve pain can feel ")
    paragraph.add_run("burning").bold = True
    paragraph.add_run(" or like an electric shock.")
    document.add_heading("Before your appointment", level=2)
    for text in ("Keep a pain diary for two weeks.", "Gentle regular exercise."):
        document.add_paragraph(text, style="List Bullet")
    document.add_paragraph("Before your appointment:")
    for text in ("Write down when it started.", "Bring your medicines."):
        document.add_paragraph(text, style="List Number")
    table = document.add_table(rows=len(TABLE), cols=3)
    for row, cells in zip(table.rows, TABLE, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    for text in extra_paragraphs:
        document.add_paragraph(text)
    section = document.sections[0]
    section.header.paragraphs[0].text = HEADER
    section.footer.paragraphs[0].text = "Leaflet PI-042 Page 1"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
