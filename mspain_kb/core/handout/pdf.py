"""The handout as a PDF (ReportLab Platypus): A4, large print, "Page X of Y" on every page.

The first page starts with the title, the date printed, the clinic's name and phone (when
set) and the "not medical advice" note. Each article starts on a new page with its title,
summary and source. The glossary comes last: the key terms that fit on one page (so it is
never split), each with its definition's first sentence, or every term with its whole
definition when asked.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
)
from reportlab.platypus.flowables import HRFlowable

from mspain_kb import APP_NAME
from mspain_kb.core.handout.blocks import ArticleContent
from mspain_kb.core.handout.flowables import (
    BlockFlowables,
    Styles,
    group_headings,
    heading,
    make_styles,
    markup,
    table_style,
)
from mspain_kb.core.handout.fonts import BOLD, FAMILY, register_fonts
from mspain_kb.core.handout.options import HandoutOptions

PAGE_WIDTH, PAGE_HEIGHT = A4
SIDE_MARGIN = 18 * mm
TOP_MARGIN = 15 * mm
BOTTOM_MARGIN = 22 * mm  # the footer sits in it
FRAME_WIDTH = PAGE_WIDTH - 2 * SIDE_MARGIN
FRAME_HEIGHT = PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN
FOOTER_SIZE = 12
DISCLAIMER = (
    "Information, not medical advice: talk to your MS team about your own symptoms and treatment."
)
GLOSSARY_TITLE = "Medical words explained"
GLOSSARY_INTRO = "Words in bold in the text are explained here."


@dataclass(frozen=True)
class Laid:
    """What `render_pdf` made: the file, and the glossary terms it printed."""

    data: bytes
    printed_terms: tuple  # glossary Entries, A to Z
    pages: int


def render_pdf(articles: list[ArticleContent], ranked_terms, options: HandoutOptions) -> Laid:
    """Lay out the articles and a glossary of `ranked_terms` (glossary Entries, most wanted
    first): all of them with `options.all_terms`, else those that fit on one page.

    With several articles the first page lists them with the page each starts on: known only
    once laid out, so the layout runs again until the numbers hold (twice, in practice)."""
    register_fonts()
    styles = make_styles(options.font_size)
    forms: dict[str, str] = {}
    for article in articles:
        for slug, form in article.marked_forms:
            forms.setdefault(slug, form)
    terms = list(ranked_terms) if options.all_terms else _fit_one_page(ranked_terms, styles, forms)
    terms.sort(key=lambda entry: entry.term.casefold())
    start_pages: list[int] = []
    for _attempt in range(3):
        data, found, pages = _build(articles, terms, forms, styles, options, start_pages)
        if len(articles) == 1 or found == start_pages:
            break
        start_pages = found
    return Laid(data, tuple(terms), pages)


def _build(articles, terms, forms, styles, options, start_pages) -> tuple[bytes, list[int], int]:
    """One layout: the PDF, the page each article starts on and the number of pages."""
    bold_terms = frozenset(entry.slug for entry in terms)
    found: list[int] = []
    story: list[Flowable] = []
    for number, article in enumerate(articles):
        if number:
            story.append(PageBreak())
        story.append(_RunningTitle(article.title, found))
        story += _article_start(article, styles, options, number, articles, start_pages)
        story += BlockFlowables(styles, bold_terms).many(article.blocks, FRAME_WIDTH)
    story += _glossary(terms, forms, styles, keep_on_one_page=not options.all_terms)
    story = group_headings(story)
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=SIDE_MARGIN,
        rightMargin=SIDE_MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=_document_title(articles),
        author=options.clinic_name or APP_NAME,
        creator=APP_NAME,
        subject=DISCLAIMER,
        invariant=1,  # the same handout gives the same bytes (no time stamp or random id)
    )
    frame = Frame(
        SIDE_MARGIN,
        BOTTOM_MARGIN,
        FRAME_WIDTH,
        FRAME_HEIGHT,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="text",
    )
    document.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    document.build(story, canvasmaker=_NumberedCanvas)
    return buffer.getvalue(), found, document.page


def _document_title(articles: list[ArticleContent]) -> str:
    if len(articles) == 1:
        return articles[0].title
    return "; ".join(article.title for article in articles)


def _article_start(article, styles: Styles, options, number, articles, start_pages):
    """The title block of article `number`. The first also has the date, the clinic and the
    disclaimer and, in a handout of several articles, the list of them. The lines after the
    summary are kept with the start of the text (see `flowables.HeadingGroup`)."""
    body = styles.body
    parts: list[Flowable] = [Paragraph(escape(article.title), styles.title)]
    if number == 0:
        parts.append(Paragraph(f"Printed on {options.printed_date()}", body))
        if options.clinic_line():
            parts.append(Paragraph(f"<b>{escape(options.clinic_line())}</b>", body))
        parts.append(_disclaimer_box(styles))
        if len(articles) > 1:
            parts.append(Paragraph(f"This handout has {len(articles)} articles:", body))
            for index, item in enumerate(articles):
                page = f" (page {start_pages[index]})" if start_pages else ""
                parts.append(Paragraph(f"{index + 1}. {escape(item.title)}{page}", body))
    if article.summary:
        parts.append(Paragraph(f"<b>In short:</b> {markup(article.summary)}", body))
    lines = [_source_line(article), _left_out_line(article.promotional_left_out)]
    parts += [_kept_with_next(Paragraph(escape(line), body)) for line in lines if line]
    rule = HRFlowable(width="100%", thickness=1, color=colors.black, spaceAfter=styles.size * 0.8)
    parts.append(_kept_with_next(rule))
    return parts


def _kept_with_next(flowable: Flowable) -> Flowable:
    flowable.is_heading = True  # grouped with what follows, like a heading
    return flowable


def _left_out_line(count: int) -> str:
    if not count:
        return ""
    if count == 1:
        return "1 promotional passage from the original page was left out."
    return f"{count} promotional passages from the original page were left out."


def _source_line(article) -> str:
    if article.source:
        return f"Source: {article.source}"
    if article.imported:
        return f"Source: an article added to the collection on {article.imported}"
    return ""


def _disclaimer_box(styles: Styles) -> Table:
    padding = styles.size * 0.5
    box = Table([[Paragraph(f"<b>{escape(DISCLAIMER)}</b>", styles.body)]], [FRAME_WIDTH])
    box.setStyle(
        table_style(
            [
                ("BOX", (0, 0), (-1, -1), 1.5, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), padding),
                ("RIGHTPADDING", (0, 0), (-1, -1), padding),
                ("TOPPADDING", (0, 0), (-1, -1), padding),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    box.spaceAfter = styles.size * 0.8
    return box


def _glossary_entry(entry, styles: Styles, full: bool = False, form: str = "") -> Paragraph:
    """The term in bold and its definition's first sentence (which stands alone and carries
    any warning), or the whole definition when every term is printed. When the text calls
    it something else ("protective covering" for myelin), those words are given too, so
    the reader can find the bold words of the text here."""
    definition = entry.definition if full else entry.short
    shown = f"<b>{escape(entry.term)}</b>"
    if form and not _same_words(form, entry.term):
        shown += f" (in the text: “{escape(form)}”)"
    return Paragraph(f"{shown}<b>:</b> {escape(definition)}", styles.glossary)


def _same_words(form: str, term: str) -> bool:
    """True when `form` is the term, a plural of it, or one contains the other ("abnormal
    gait" and "gait")."""

    def words(text: str) -> str:
        folded = re.sub(r"[-‐‑'’]", " ", text.casefold())
        return " ".join(word.removesuffix("s") for word in folded.split())

    form_words, term_words = words(form), words(term)
    return form_words in term_words or term_words in form_words


def _glossary_heading(styles: Styles) -> list[Flowable]:
    return [
        heading(escape(GLOSSARY_TITLE), styles.headings[1]),
        _kept_with_next(Paragraph(escape(GLOSSARY_INTRO), styles.body)),
    ]


def _height(flowable: Flowable) -> float:
    return flowable.wrap(FRAME_WIDTH, FRAME_HEIGHT)[1] + flowable.getSpaceAfter()


def _fit_one_page(ranked_terms, styles: Styles, forms) -> list:
    """The longest run of `ranked_terms`, from the first, whose glossary fits on one page."""
    used = sum(_height(flowable) for flowable in _glossary_heading(styles))
    chosen = []
    for entry in ranked_terms:
        used += _height(_glossary_entry(entry, styles, form=forms.get(entry.slug, "")))
        if used > FRAME_HEIGHT:
            break
        chosen.append(entry)
    return chosen


def _glossary(terms, forms, styles: Styles, keep_on_one_page: bool) -> list[Flowable]:
    if not terms:
        return []
    entries = [
        _glossary_entry(entry, styles, not keep_on_one_page, forms.get(entry.slug, ""))
        for entry in terms
    ]
    parts = _glossary_heading(styles) + entries
    if keep_on_one_page:  # it fits on a page: start a new one unless it fits on this one
        height = sum(_height(part) for part in parts) + styles.headings[1].spaceBefore
        return [CondPageBreak(height), _RunningTitle(GLOSSARY_TITLE), KeepTogether(parts)]
    return [_RunningTitle(GLOSSARY_TITLE), *parts]


class _RunningTitle(Flowable):
    """Takes no room; tells the footer which title to print from this page on, and notes
    the page number in `pages` (when given)."""

    def __init__(self, title: str, pages: list[int] | None = None):
        super().__init__()
        self.title = title
        self.pages = pages

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self) -> None:
        self.canv.handout_running_title = self.title
        if self.pages is not None:
            self.pages.append(self.canv.getPageNumber())


class _NumberedCanvas(Canvas):
    """Holds every page until the end, so each footer can say "Page X of Y"."""

    def __init__(self, *args, **kwargs):
        kwargs["initialFontName"] = FAMILY  # else every page names Helvetica, not embedded
        super().__init__(*args, **kwargs)
        self.handout_running_title = ""
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._footer(number, total)
            super().showPage()
        super().save()

    def _footer(self, number: int, total: int) -> None:
        y = BOTTOM_MARGIN - 12 * mm
        self.saveState()
        self.setStrokeColor(colors.black)
        self.setLineWidth(0.5)
        rule = y + FOOTER_SIZE * 1.3
        self.line(SIDE_MARGIN, rule, PAGE_WIDTH - SIDE_MARGIN, rule)
        page = f"Page {number} of {total}"
        self.setFont(BOLD, FOOTER_SIZE)
        self.drawRightString(PAGE_WIDTH - SIDE_MARGIN, y, page)
        room = FRAME_WIDTH - self.stringWidth(page, BOLD, FOOTER_SIZE) - 8 * mm
        self.setFont(FAMILY, FOOTER_SIZE)
        self.drawString(SIDE_MARGIN, y, _shortened(self.handout_running_title, room, self))
        self.restoreState()


def _shortened(text: str, width: float, canvas: Canvas) -> str:
    """`text`, cut at a word with "…" when wider than `width` at the footer size."""
    if canvas.stringWidth(text, FAMILY, FOOTER_SIZE) <= width:
        return text
    words = text.split()
    while words and canvas.stringWidth(" ".join(words) + " …", FAMILY, FOOTER_SIZE) > width:
        words.pop()
    return " ".join(words) + " …" if words else ""
