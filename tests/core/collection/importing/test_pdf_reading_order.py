"""Reading order of a page's spans, tested on positions alone (no PDF needed)."""

from __future__ import annotations

from mspain_kb.core.collection.importing.pdf_import import PdfPage, PdfText, Span
from mspain_kb.core.collection.importing.pdf_layout import layout
from mspain_kb.core.collection.importing.pdf_reading_order import reading_order

SIZE = 10


def span(text, x0, baseline, *, width=None, size=SIZE, bold=False, page=1):
    width = width if width is not None else len(text) * size * 0.5
    return Span(text, x0, x0 + width, baseline - size, baseline + 2, baseline, size, bold, page)


def column(prefix, x0, first_baseline, count, page=1):
    return [
        span(f"{prefix} line {n} of the column text here", x0, first_baseline + 14 * n, page=page)
        for n in range(count)
    ]


def order(spans):
    return [s.text for group in reading_order(spans, SIZE) for s in group]


def test_bands_between_full_width_headings_are_read_column_by_column():
    """Title, then band 1 (left, right), then a full-width heading, then band 2 (left, right)."""
    title = span("A title that runs across both columns of the page", 50, 40, width=480, size=20)
    band1 = column("A", 50, 80, 4) + column("B", 320, 80, 4)
    heading = span("A heading that also runs across the whole page width", 50, 160, width=480)
    band2 = column("C", 50, 190, 3) + column("D", 320, 190, 3)
    got = order([*band2, heading, *band1, title])  # the order in the file does not matter
    expected = [title, *band1, heading, *band2]
    assert got == [s.text for s in expected]


def test_three_columns():
    spans = column("L", 40, 80, 5) + column("M", 220, 80, 5) + column("R", 400, 80, 5)
    assert [t[0] for t in order(spans)] == ["L"] * 5 + ["M"] * 5 + ["R"] * 5


def test_short_cells_side_by_side_are_a_table_not_columns():
    rows = [("Service", "When"), ("Helpline", "Mon-Fri"), ("Out of hours", "Evenings")]
    spans = []
    for n, (a, b) in enumerate(rows):
        spans += [span(a, 50, 100 + 16 * n), span(b, 250, 100 + 16 * n)]
    spans += column("P", 50, 200, 3)
    text = order(spans)
    assert text[:6] == ["Service", "When", "Helpline", "Mon-Fri", "Out of hours", "Evenings"]


def test_a_paragraph_goes_on_across_a_page_break():
    first = [
        span("The pain often starts in the feet and", 50, 100, width=300),
        span("moves up the legs over several", 50, 114, width=300),
    ]
    second = [span("weeks, and it is worse at night.", 50, 100, width=200, page=2)]
    pages = [PdfPage(1, 600, 800, first), PdfPage(2, 600, 800, second)]
    result = layout(PdfText(pages))
    assert result.blocks == [
        "The pain often starts in the feet and moves up the legs over several weeks, "
        "and it is worse at night."
    ]
