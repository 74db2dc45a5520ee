"""Where a PDF page's text sits: running headers and footers, columns, lines and table rows.

Works on the spans of `pdf_import`. Running headers and footers (the same line at the same
height on several pages) and page numbers ("Page 3 of 8", a lone number) in the top or
bottom band of a page are removed. A column gutter is a vertical strip of the page that no
prose line crosses, with prose on both sides; lines that do cross it (a title, a full-width
heading) separate bands, and each band is read column by column. Spans on one baseline form
a line; in rows whose cells line up with the next row's, the cells are kept apart.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

from mspain_kb.core.collection.importing.page_cleanup import describe
from mspain_kb.core.collection.importing.pdf_import import PdfText, Span

BAND = 0.1  # top and bottom share of a page where running headers and footers live
_PAGE_NUMBER = re.compile(r"(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?|[-–]\s*\d{1,4}\s*[-–]", re.I)
_MARKER_SPAN = re.compile(r"[•●▪■◦○‣∙·*–-]|\(?(\d{1,2}|[a-z])[.)]?")


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    baseline: float
    size: float
    bold: bool
    cells: int = 1


# --- running headers, footers and page numbers -------------------------------------------


def _running_key(span: Span) -> str:
    return re.sub(r"\d+", "#", " ".join(span.text.lower().split()))


def remove_running_text(document: PdfText, removed: list[str]) -> None:
    pages = document.pages
    needed = max(2, (len(pages) + 1) // 2)
    in_band: dict[str, list[Span]] = {}
    for page in pages:
        for span in page.spans:
            if span.bottom < page.height * BAND or span.top > page.height * (1 - BAND):
                in_band.setdefault(_running_key(span), []).append(span)
    drop: set[int] = set()
    for spans in in_band.values():
        numbers = [s for s in spans if _PAGE_NUMBER.fullmatch(s.text.strip())]
        if numbers:
            drop.update(id(s) for s in numbers)
            removed.append(describe("page number", numbers[0].text) + _times(len(numbers)))
            continue
        heights = Counter(round(s.top / 4) for s in spans)
        on_pages = {s.page for s in spans}
        if len(pages) > 1 and len(on_pages) >= needed and heights.most_common(1)[0][1] >= needed:
            drop.update(id(s) for s in spans)
            kind = "running header" if spans[0].top < pages[0].height / 2 else "running footer"
            removed.append(describe(kind, spans[0].text) + _times(len(on_pages)))
    for page in pages:
        page.spans = [s for s in page.spans if id(s) not in drop]


def _times(count: int) -> str:
    return f" (on {count} pages)" if count > 1 else ""


# --- columns -----------------------------------------------------------------------------


def _gutter(spans: list[Span], body: float) -> float | None:
    """The x of a column gutter: a strip no prose line crosses, with prose on both sides."""
    if len(spans) < 6:
        return None
    left_edge, right_edge = min(s.x0 for s in spans), max(s.x1 for s in spans)
    width = right_edge - left_edge
    edges = sorted({s.x0 for s in spans} | {s.x1 for s in spans})
    best = None
    for a, b in zip(edges, edges[1:], strict=False):
        middle = (a + b) / 2
        if b - a < 0.8 * body or not (left_edge + 0.2 * width < middle < right_edge - 0.2 * width):
            continue
        crossing = sum(1 for s in spans if s.x0 < middle < s.x1)
        if crossing > max(2, len(spans) // 10):
            continue
        left = [s for s in spans if s.x1 <= middle]
        right = [s for s in spans if s.x0 >= middle]
        if min(len(left), len(right)) < 3 or not (_prose(left) and _prose(right)):
            continue
        if best is None or crossing < best[0] or (crossing == best[0] and b - a > best[1]):
            best = (crossing, b - a, middle)
    return best[2] if best else None


def _prose(spans: list[Span]) -> bool:
    return statistics.mean(len(s.text) for s in spans) >= 12


def reading_order(spans: list[Span], body: float, depth: int = 0) -> list[list[Span]]:
    """Groups of spans in reading order: bands top to bottom, each band column by column."""
    middle = _gutter(spans, body) if depth < 3 else None
    if middle is None:
        return [sorted(spans, key=lambda s: (s.baseline, s.x0))]
    groups: list[list[Span]] = []
    band: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.top, s.x0)):
        if span.x0 < middle < span.x1:  # crosses the gutter: ends the band above it
            groups += _columns(band, middle, body, depth)
            groups.append([span])
            band = []
        else:
            band.append(span)
    return groups + _columns(band, middle, body, depth)


def _columns(band: list[Span], middle: float, body: float, depth: int) -> list[list[Span]]:
    left = [s for s in band if s.x1 <= middle]
    right = [s for s in band if s.x0 >= middle]
    groups = []
    for side in (left, right):
        if side:
            groups += reading_order(side, body, depth + 1)
    return groups


# --- lines -------------------------------------------------------------------------------


def page_lines(spans: list[Span]) -> list[Line]:
    """Spans on one baseline become a line; in a table the cells are kept apart."""
    rows: list[list[Span]] = []
    for span in spans:
        if rows and abs(span.baseline - rows[-1][0].baseline) < 0.4 * span.size:
            rows[-1].append(span)
        else:
            rows.append([span])
    rows = [_join_markers(sorted(row, key=lambda s: s.x0)) for row in rows]
    table = _table_rows(rows)
    lines = []
    for index, row in enumerate(rows):
        separator = " | " if index in table else " "
        letters = [s for s in row if s.text.strip()]
        lines.append(
            Line(
                text=separator.join(s.text.strip() for s in row),
                x0=row[0].x0,
                x1=row[-1].x1,
                top=min(s.top for s in row),
                baseline=row[0].baseline,
                size=max(s.size for s in letters),
                bold=all(s.bold for s in letters),
                cells=len(row) if index in table else 1,
            )
        )
    return lines


def _join_markers(row: list[Span]) -> list[Span]:
    """A bullet or number drawn apart from its text belongs to that text."""
    if len(row) > 1 and _MARKER_SPAN.fullmatch(row[0].text.strip()):
        first, second = row[0], row[1]
        marker = first.text.strip()
        if marker[-1].isalnum():
            marker += "."  # "1" drawn apart from its text is the number of an item
        merged = Span(
            f"{marker} {second.text}",
            first.x0,
            second.x1,
            min(first.top, second.top),
            max(first.bottom, second.bottom),
            second.baseline,
            second.size,
            second.bold,
            second.page,
        )
        return [merged, *row[2:]]
    return row


def _table_rows(rows: list[list[Span]]) -> set[int]:
    """Indexes of rows whose cells line up with the next or previous row's cells."""

    def aligned(a: list[Span], b: list[Span]) -> bool:
        starts = [s.x0 for s in b]
        ends = [s.x1 for s in b]
        matches = sum(
            1
            for s in a[1:]
            if any(abs(s.x0 - x) < 3 for x in starts) or any(abs(s.x1 - x) < 3 for x in ends)
        )
        return len(a) > 1 and len(b) > 1 and matches >= 1

    table = set()
    for index in range(len(rows) - 1):
        if aligned(rows[index], rows[index + 1]) and aligned(rows[index + 1], rows[index]):
            table.update((index, index + 1))
    return table
