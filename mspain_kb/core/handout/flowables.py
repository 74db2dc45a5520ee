"""Handout blocks as ReportLab flowables: large-print styles, boxes, lists, tables, and
headings that never stand alone at the foot of a page.

Every paragraph forbids widows and orphans (no single line of it alone at the top or foot of
a page). A heading is bound to the start of what follows it (`HeadingGroup`): it moves to the
next page unless the first lines of the next paragraph fit under it.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    Flowable,
    ListFlowable,
    ListItem,
    Paragraph,
    Preformatted,
    Table,
    TableStyle,
)

from mspain_kb.core.handout import blocks as b
from mspain_kb.core.handout.fonts import BOLD, FAMILY

LINE_SPACING = 1.45  # leading as a multiple of the font size
_HEADING_SCALE = {1: 1.3, 2: 1.15}  # level 3 and below: the body size, in bold
_PROMOTIONAL_GREY = colors.Color(0.95, 0.95, 0.95)


@dataclass(frozen=True)
class Styles:
    size: int
    body: ParagraphStyle
    title: ParagraphStyle
    headings: dict[int, ParagraphStyle]
    box_label: ParagraphStyle
    glossary: ParagraphStyle
    code: ParagraphStyle


def make_styles(size: int) -> Styles:
    """Large-print styles for body text of `size` points."""
    body = ParagraphStyle(
        "body",
        fontName=FAMILY,
        fontSize=size,
        leading=size * LINE_SPACING,
        spaceAfter=size * 0.6,
        alignment=TA_LEFT,
        textColor=colors.black,
        allowWidows=0,
        allowOrphans=0,
    )

    def heading(level: int) -> ParagraphStyle:
        heading_size = size * _HEADING_SCALE.get(level, 1.0)
        return ParagraphStyle(
            f"heading-{level}",
            parent=body,
            fontName=BOLD,
            fontSize=heading_size,
            leading=heading_size * 1.3,
            spaceBefore=size * (1.0 if level <= 2 else 0.6),
            spaceAfter=size * 0.4,
        )

    title_size = size * 1.6
    return Styles(
        size=size,
        body=body,
        title=ParagraphStyle(
            "title",
            parent=body,
            fontName=BOLD,
            fontSize=title_size,
            leading=title_size * 1.25,
            spaceAfter=size * 0.5,
        ),
        headings={level: heading(level) for level in range(1, 7)},
        box_label=ParagraphStyle("box-label", parent=body, fontName=BOLD, spaceAfter=size * 0.3),
        glossary=ParagraphStyle("glossary", parent=body, spaceAfter=size * 0.7),
        code=ParagraphStyle("code", parent=body, leftIndent=size * 1.2),
    )


def table_style(commands: list) -> TableStyle:
    """A table style in the handout's font (a Table otherwise sets Helvetica, which is not
    embedded, on every cell, even where the cells hold paragraphs)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FAMILY), *commands])


def markup(runs: b.Inline, bold_terms=frozenset()) -> str:
    """Runs as ReportLab's paragraph markup; a term's first use is bold when it is explained
    in the glossary (`bold_terms` holds its slug)."""
    parts = []
    for run in runs:
        text = escape(run.text).replace("\n", "<br/>")
        if run.italic:
            text = f"<i>{text}</i>"
        if run.bold or (run.term and run.term in bold_terms):
            text = f"<b>{text}</b>"
        parts.append(text)
    return "".join(parts)


class HeadingGroup(Flowable):
    """Headings and the flowable after them: placed together, unless at least the start of
    the follower fits under the headings, the whole group moves to the next page."""

    def __init__(self, headings: list[Flowable], follower: Flowable):
        super().__init__()
        self.headings = headings
        self.follower = follower

    def getSpaceBefore(self) -> float:  # noqa: N802 (ReportLab's name)
        return self.headings[0].getSpaceBefore()

    def wrap(self, available_width, available_height):
        return available_width, 0xFFFFFF  # never drawn whole: the frame always calls split

    def split(self, available_width, available_height):
        parts = [*self.headings, self.follower]
        for part in parts:  # some flowables (lists) measure themselves with the canvas
            part.canv = self.canv
        needed = 0.0
        for number, heading in enumerate(self.headings):
            needed += heading.wrap(available_width, available_height)[1] + heading.getSpaceAfter()
            if number:
                needed += heading.getSpaceBefore()
        room = available_height - needed - self.follower.getSpaceBefore()
        frame = getattr(self, "_frame", None)
        if frame is not None and getattr(frame, "_atTop", False):
            return parts  # already at the top of a page: nothing better to do
        if room > 0:
            if self.follower.wrap(available_width, room)[1] <= room:
                return parts
            if self.follower.split(available_width, room):
                return parts
        return []  # the frame moves the group to the next page


class BreakableTable(Table):
    """A table (a box, a quotation, a table of the text) that may break inside a row, but
    never leaves a piece with no text at the foot of a page (an empty frame): when the part
    before the break would be empty, the whole table moves to the next page instead."""

    def split(self, available_width, available_height):
        parts = super().split(available_width, available_height)
        if parts and not _has_content(parts[0]):
            return []
        return parts


def _has_content(table: Table) -> bool:
    return any(_cell_has_content(cell) for row in table._cellvalues for cell in row)


def _cell_has_content(cell) -> bool:
    if isinstance(cell, (list, tuple)):
        return any(_cell_has_content(part) for part in cell)
    return cell is not None and cell != ""


def group_headings(flowables: list[Flowable]) -> list[Flowable]:
    """Bind each run of headings to the flowable after it (see HeadingGroup)."""
    grouped: list[Flowable] = []
    pending: list[Flowable] = []
    for flowable in flowables:
        if getattr(flowable, "is_heading", False):
            pending.append(flowable)
            continue
        grouped.append(HeadingGroup(pending, flowable) if pending else flowable)
        pending = []
    grouped.extend(pending)
    return grouped


def heading(text_markup: str, style: ParagraphStyle) -> Paragraph:
    paragraph = Paragraph(text_markup, style)
    paragraph.is_heading = True
    return paragraph


class BlockFlowables:
    """Turns blocks into flowables with one set of styles and the glossary's bold terms."""

    def __init__(self, styles: Styles, bold_terms=frozenset()):
        self.styles = styles
        self.bold_terms = bold_terms

    def many(self, blocks, width: float) -> list[Flowable]:
        flowables: list[Flowable] = []
        for block in blocks:
            flowables.extend(self.one(block, width))
        return flowables

    def one(self, block, width: float) -> list[Flowable]:
        styles = self.styles
        if isinstance(block, b.Heading):
            level = min(block.level, max(styles.headings))
            return [heading(markup(block.runs), styles.headings[level])]
        if isinstance(block, b.Paragraph):
            return [Paragraph(markup(block.runs, self.bold_terms), styles.body)]
        if isinstance(block, b.Preformatted):
            return [Preformatted(block.text, styles.code, maxLineLength=60, newLineChars="")]
        if isinstance(block, b.ListBlock):
            return [self.list_flowable(block, width)]
        if isinstance(block, b.Table):
            return [self.table(block, width)]
        if isinstance(block, b.Quote):
            return [self.quote(block, width)]
        if isinstance(block, b.Box):
            return [self.box(block, width)]
        raise TypeError(f"unknown handout block {block!r}")

    def list_flowable(self, block: b.ListBlock, width: float) -> ListFlowable:
        size = self.styles.size
        indent = size * 1.8
        items = [
            ListItem(self.many(item, width - indent) or [Paragraph("", self.styles.body)])
            for item in block.items
        ]
        return ListFlowable(
            items,
            bulletType="1" if block.ordered else "bullet",
            bulletFormat="%s." if block.ordered else None,
            start=block.start if block.ordered else "•",
            leftIndent=indent,
            bulletFontName=FAMILY,
            bulletFontSize=size,
            bulletDedent=size * 1.2,
        )

    def table(self, block: b.Table, width: float) -> Table:
        """A grid; the header row (repeated on each page) in bold."""
        body = self.styles.body
        header_style = ParagraphStyle("table-header", parent=body, fontName=BOLD)
        rows = [(header_style, row) for row in ([block.header] if block.header else [])]
        rows += [(body, row) for row in block.rows]
        columns = max(len(row) for _, row in rows)
        data = [
            [Paragraph(markup(cell, self.bold_terms), style) for cell in row]
            + [""] * (columns - len(row))
            for style, row in rows
        ]
        table = BreakableTable(
            data,
            colWidths=[width / columns] * columns,
            repeatRows=1 if block.header else 0,
            splitInRow=1,  # a row taller than a page still breaks
        )
        table.setStyle(
            table_style(
                [
                    ("GRID", (0, 0), (-1, -1), 0.75, colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        table.spaceAfter = self.styles.size * 0.8
        return table

    def quote(self, block: b.Quote, width: float) -> Table:
        """A quotation: indented, with a rule down its left side."""
        indent = self.styles.size * 1.2
        rows = [[flowable] for flowable in self.many(block.blocks, width - indent)] or [[""]]
        table = BreakableTable(rows, colWidths=[width], splitInRow=1)
        table.setStyle(
            table_style(
                [
                    ("LINEBEFORE", (0, 0), (0, -1), 2, colors.black),
                    ("LEFTPADDING", (0, 0), (-1, -1), indent),
                ]
            )
        )
        return table

    def box(self, block: b.Box, width: float) -> Table:
        """A bordered box under its label, one row per block so it can break between pages
        (an editor's note: a heavy white frame; a promotional passage: a thin grey box)."""
        padding = self.styles.size * 0.6
        inner = width - 2 * padding
        rows = [[Paragraph(escape(block.label), self.styles.box_label)]]
        rows += [[flowable] for flowable in self.many(block.blocks, inner)]
        table = BreakableTable(rows, colWidths=[width], splitInRow=1)
        editor = block.kind == "editor"
        table.setStyle(
            table_style(
                [
                    ("BOX", (0, 0), (-1, -1), 2.0 if editor else 1.0, colors.black),
                    ("BACKGROUND", (0, 0), (-1, -1), colors.white if editor else _PROMOTIONAL_GREY),
                    ("LEFTPADDING", (0, 0), (-1, -1), padding),
                    ("RIGHTPADDING", (0, 0), (-1, -1), padding),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, 0), padding),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), self.styles.size * 0.5),
                ]
            )
        )
        table.spaceAfter = self.styles.size * 0.8
        return table
