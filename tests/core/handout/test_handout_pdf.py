"""The patient handout PDF read back as a patient sees it: pages, print size, title block,
page numbers, the short glossary, promotional passages and editor's notes, headings kept
with their text. For each bundled article and for a handout of three."""

from __future__ import annotations

import datetime
import re

import pypdfium2 as pdfium
import pytest
from handout_reading import (
    ARTICLES,
    BUNDLED,
    GLOSSARY,
    THREE,
    glossary_page,
    handout,
)

from mspain_kb.core.collection.article import promotional_blocks
from mspain_kb.core.collection.files import read_article
from mspain_kb.core.handout import HandoutOptions, lay_out
from mspain_kb.core.handout import blocks as b
from mspain_kb.core.handout.blocks import Heading
from mspain_kb.core.handout.content import article_content
from mspain_kb.core.handout.flowables import LINE_SPACING, BlockFlowables, make_styles
from mspain_kb.core.handout.pdf import DISCLAIMER, GLOSSARY_TITLE, PAGE_HEIGHT

ALL = [(article_id,) for article_id in BUNDLED] + [THREE]
EVERYDAY = ("Joint", "Trunk", "Diagnosis", "Oral medication", "Nerve", "Side effect")
KEY_TERMS = {  # terms a clinic would want explained, with the warnings first
    "ms-and-leg-pain": ("Carisoprodol", "Spasticity", "Neuropathic pain"),
    "ms-lower-back-pain-and-lhermittes-sign": ("Lhermitte's sign", "Demyelination"),
    "muscle-spasms-and-ms": ("Spasticity", "Myelin", "Muscle relaxant"),
    "pain-management-for-ms": ("Stem cell therapy", "Regenerative medicine", "Spasticity"),
}


def _words(text: str) -> str:
    return " ".join(text.split())


def _explained(term: str, page_text: str) -> bool:
    """The glossary page has an entry for `term` (perhaps with the text's own words)."""
    return bool(re.search(re.escape(term) + r"( \(in the text: “[^”]+”\))?:", page_text))


@pytest.mark.parametrize("ids", ALL, ids="+".join)
def test_page_count_is_bounded_and_the_glossary_is_one_page(ids):
    """About 500-650 words an article fit in a few pages, and the glossary on the last one."""
    read = handout(ids)
    assert len(read.pages) == read.laid.pages
    assert 2 <= len(read.pages) <= 5 * len(ids) + 1
    assert glossary_page(read) is read.pages[-1]


@pytest.mark.parametrize("ids", ALL, ids="+".join)
def test_body_text_is_16_points_by_default_and_nothing_in_the_text_is_smaller(ids):
    """Large print: the body is 16 pt and no line of the page (the footer aside) is smaller."""
    read = handout(ids)
    assert read.body_size() == 16
    assert min(line.size for page in read.pages for line in page.lines) >= 16


@pytest.mark.parametrize("size", [18, 22])
def test_body_text_follows_the_chosen_size(size):
    read = handout(("pain-management-for-ms",), font_size=size)
    assert read.body_size() == size
    assert min(line.size for page in read.pages for line in page.lines) >= size


def test_a_size_outside_the_choices_is_refused():
    with pytest.raises(ValueError, match="16, 18, 22"):
        HandoutOptions(font_size=12)


@pytest.mark.parametrize("ids", ALL, ids="+".join)
def test_every_page_says_page_x_of_y(ids):
    read = handout(ids)
    total = len(read.pages)
    for page in read.pages:
        assert f"Page {page.number} of {total}" in page.footer


@pytest.mark.parametrize("ids", ALL, ids="+".join)
def test_title_block_has_title_date_and_the_not_advice_note_at_the_top(ids):
    """Page 1 opens with the (first) title, the date printed and the note, before any of the
    article's text; with no clinic set there is no clinic line."""
    read = handout(ids, date=datetime.date(2026, 12, 3))
    article = read_article(ARTICLES / f"{ids[0]}.md")
    first = read.pages[0]
    title_lines = [line for line in first.lines if line.size > 16 and line.bold]
    assert " ".join(line.text for line in title_lines[:2]).startswith(_words(article.title)[:20])
    assert first.lines[0].text in article.title
    text = first.text
    assert text.index("Printed on 3 December 2026") < text.index(DISCLAIMER)
    opening = _words(article.body.split("\n\n")[0].lstrip("# "))[:30]
    assert text.index(DISCLAIMER) < read.text.index(opening)
    assert "phone" not in text.casefold()


def test_clinic_name_and_phone_are_printed_under_the_title():
    read = handout(
        ("ms-and-leg-pain",), clinic_name="Riverside MS Clinic", clinic_phone="01632 960 123"
    )
    lines = [line.text for line in read.pages[0].lines]
    assert "Riverside MS Clinic, phone 01632 960 123" in _words(" ".join(lines[:6]))


@pytest.mark.parametrize("article_id", BUNDLED)
def test_the_source_is_a_readable_name_never_a_hashed_file_name(article_id):
    read = handout((article_id,))
    article = read_article(ARTICLES / f"{article_id}.md")
    assert f"Source: {_words(article.extra['source_name'])}" in read.pages[0].text
    assert article.source not in read.text
    assert not re.search(r"\b[0-9a-f]{12,}\b", read.text)


@pytest.mark.parametrize("article_id", BUNDLED)
def test_glossary_has_the_key_terms_and_no_everyday_words(article_id):
    """The short glossary explains the specialised terms and leaves out everyday words."""
    read = handout((article_id,))
    printed = {entry.term for entry in read.laid.printed_terms}
    page = glossary_page(read).text
    for term in KEY_TERMS[article_id]:
        assert term in printed
        assert _explained(term, page)
    for term in EVERYDAY:
        assert term not in printed
        assert not _explained(term, page)


def test_all_terms_prints_every_term_with_its_full_definition():
    """--all-terms explains everyday words too, with whole definitions, over several pages
    if need be."""
    read = handout(("ms-lower-back-pain-and-lhermittes-sign",), all_terms=True)
    printed = {entry.term for entry in read.laid.printed_terms}
    assert {"Joint", "Trunk", "Lhermitte's sign"} <= printed
    joint = GLOSSARY.lookup_exact("Joint")
    assert _words(joint.definition) in read.text
    short = handout(("ms-lower-back-pain-and-lhermittes-sign",))
    assert len(printed) > len(short.laid.printed_terms)


@pytest.mark.parametrize("size", [16, 22])
def test_the_short_glossary_fits_on_one_page_at_every_size(size):
    read = handout(THREE, font_size=size)
    page = glossary_page(read)
    assert page is read.pages[-1]
    assert read.laid.printed_terms  # never empty for these articles
    for entry in read.laid.printed_terms:
        assert _explained(entry.term, page.text)


def test_warnings_come_first_in_the_glossary_even_at_the_largest_size():
    """Carisoprodol's and stem-cell therapy's warnings are never squeezed out."""
    for ids, term in ((("ms-and-leg-pain",), "Carisoprodol"), (THREE, "Stem cell therapy")):
        read = handout(ids, font_size=22)
        assert term in {entry.term for entry in read.laid.printed_terms}
        assert _words(GLOSSARY.lookup_exact(term).short) in glossary_page(read).text


@pytest.mark.parametrize(
    "article_id", ["ms-and-leg-pain", "pain-management-for-ms"], ids=lambda name: name
)
def test_promotional_passages_are_left_out_with_one_line_saying_so(article_id):
    article = read_article(ARTICLES / f"{article_id}.md")
    blocks = promotional_blocks(article.body)
    sample = _words(blocks[0])[:60]
    default = handout((article_id,))
    assert sample not in default.text
    count = len(blocks)
    passages = "1 promotional passage" if count == 1 else f"{count} promotional passages"
    assert f"{passages} from the original page" in default.text
    assert "Promotional content from the original page" not in default.text
    included = handout((article_id,), include_promotional=True)
    assert sample in included.text
    assert "Promotional content from the original page, not clinical guidance" in included.text
    assert "left out" not in included.text


@pytest.mark.parametrize(
    "article_id", [article_id for article_id in BUNDLED if article_id != "muscle-spasms-and-ms"]
)
def test_editors_notes_are_printed_boxed_with_their_label(article_id):
    article = read_article(ARTICLES / f"{article_id}.md")
    read = handout((article_id,))
    label = "Editor's note — added by the clinic's editors, not part of the original article"
    assert read.text.count(label) == len(article.editor_notes())
    for note in article.editor_notes():
        assert _words(note.splitlines()[0])[:50] in read.text


def _first_words(block, count: int = 4) -> str:
    runs = getattr(block, "runs", None)
    if runs is None:  # a box or a list: its first paragraph
        inner = getattr(block, "blocks", None) or block.items[0]
        return _first_words(inner[0], count)
    return " ".join("".join(run.text for run in runs).split()[:count])


@pytest.mark.parametrize("ids", ALL, ids="+".join)
def test_a_heading_is_never_the_last_thing_on_a_page(ids):
    """Each heading's page also holds the first line of what follows it, and no page ends
    in a line set larger than the body (a heading)."""
    read = handout(ids)
    page_texts = [page.text for page in read.pages]
    for article_id in ids:
        content = article_content(read_article(ARTICLES / f"{article_id}.md"), GLOSSARY)
        blocks = list(content.blocks)
        page_number = 0
        for index, block in enumerate(blocks[:-1]):
            if not isinstance(block, Heading) or isinstance(blocks[index + 1], Heading):
                continue
            heading = _first_words(block, 20)
            while heading not in page_texts[page_number]:
                page_number += 1
            after = page_texts[page_number][page_texts[page_number].index(heading) :]
            assert _first_words(blocks[index + 1]) in after, f"'{heading}' left alone"
    for page in read.pages[:-1]:
        assert page.lines[-1].size <= read.body_size(), page.lines[-1].text


@pytest.mark.parametrize("ids", ALL, ids="+".join)
def test_text_fills_the_page_down_to_the_footer(ids):
    """Pages that continue on the next are filled (no half-empty page mid-article), apart
    from the last page of each article."""
    read = handout(ids)
    starts = {page.number for page in read.pages if page.lines and page.lines[0].size > 20}
    ends = {number - 1 for number in starts} | {len(read.pages), len(read.pages) - 1}
    for page in read.pages:
        if page.number not in ends:
            assert page.lines[-1].top > PAGE_HEIGHT * 0.7, f"page {page.number} ends early"


def test_three_articles_make_one_handout_each_starting_on_a_new_page():
    """Each article opens a page with its title; page 1 lists them with their pages; the
    note and the glossary come once."""
    read = handout(THREE)
    titles = [read_article(ARTICLES / f"{article_id}.md").title for article_id in THREE]
    starts = []
    for title in titles:
        page = next(page for page in read.pages if page.text.startswith(_words(title)))
        starts.append(page.number)
    assert starts[0] == 1 and starts == sorted(starts) and len(set(starts)) == 3
    first = read.pages[0].text
    for number, (title, start) in enumerate(zip(titles, starts, strict=True), start=1):
        assert f"{number}. {_words(title)} (page {start})" in first
    assert read.text.count(DISCLAIMER) == 1
    assert read.text.count(GLOSSARY_TITLE) == 1
    for page in read.pages[starts[1] - 1 : starts[2] - 1]:
        assert titles[1] in page.footer or "…" in page.footer


def test_the_glossary_merges_the_terms_of_all_articles():
    read = handout(THREE)
    printed = {entry.term for entry in read.laid.printed_terms}
    assert "Carisoprodol" in printed  # from the leg-pain article
    assert "Stem cell therapy" in printed  # from the pain-management article
    assert {"Spasticity", "Neuropathic pain"} <= printed  # used by all three
    assert len(printed) == len(read.laid.printed_terms)  # each once


def test_fonts_are_embedded_and_the_pdf_is_the_same_each_time():
    article = read_article(ARTICLES / "ms-and-leg-pain.md")
    options = HandoutOptions(date=datetime.date(2026, 11, 30))
    data = lay_out([article], GLOSSARY, options).data
    assert b"/FontFile2" in data  # TrueType programs inside the file
    assert b"/Helvetica" not in data  # ReportLab's unembedded default is never named
    assert lay_out([article], GLOSSARY, options).data == data


def test_pages_are_a4():
    document = pdfium.PdfDocument(handout(("ms-and-leg-pain",)).laid.data)
    try:
        sizes = {tuple(round(side) for side in page.get_size()) for page in document}
    finally:
        document.close()
    assert sizes == {(595, 842)}


def _same_paragraph(upper, lower, size: float) -> bool:
    """Two lines of one paragraph sit one line spacing apart; a paragraph break adds more."""
    return lower.top - upper.top < size * LINE_SPACING * 1.2


@pytest.mark.parametrize("size", [16, 22])
@pytest.mark.parametrize("ids", ALL, ids="+".join)
def test_no_single_line_of_a_paragraph_is_stranded_at_a_page_foot_or_top(ids, size):
    """Where a paragraph runs on to the next page, at least two of its lines end the page and
    at least two start the next one (no orphans, no widows)."""
    read = handout(ids, font_size=size)
    checked = 0
    for page, following in zip(read.pages, read.pages[1:], strict=False):
        last = page.lines[-1]
        if re.search(r"[.?!:)”\"]$", last.text) or len(page.lines) < 2:
            continue  # the paragraph ends with the page
        if len(following.lines) < 2 or following.lines[0].size > size:
            continue  # a new article or the glossary starts
        checked += 1
        assert _same_paragraph(page.lines[-2], last, size), f"orphan on page {page.number}"
        first, second = following.lines[0], following.lines[1]
        assert _same_paragraph(first, second, size), f"widow on page {following.number}"
    if ids == THREE:
        assert checked  # paragraphs do run across pages in this handout


def test_the_glossary_says_what_the_text_called_a_term_when_the_words_differ():
    """Bold "protective covering" in the text is found in the glossary under Myelin."""
    page = glossary_page(handout(("ms-and-leg-pain",))).text
    assert "Myelin (in the text: “protective covering”): Myelin is" in page
    assert "Muscle relaxant: A muscle relaxant" in page  # "muscle relaxants": the same words
    assert "Spasticity: Spasticity is" in page


def test_a_box_never_leaves_an_empty_frame_at_the_foot_of_a_page():
    """Where a page has room for the top of a box but not for its label, the whole box goes
    to the next page: no empty frame is left behind (as once at the foot of page 4 of a
    three-article handout at 18 pt)."""
    from mspain_kb.core.handout.fonts import register_fonts

    register_fonts()
    styles = make_styles(18)
    note = b.Box(
        "editor",
        "Editor's note — added by the clinic's editors, not part of the original article",
        tuple(b.Paragraph((b.Run("Physiotherapy can ease stiffness. " * 6),)) for _ in range(3)),
    )
    box = BlockFlowables(styles).box(note, 400)
    _width, height = box.wrap(400, 10_000)
    label_height = styles.box_label.leading * 2 + styles.size * 0.6
    for room in range(2, int(label_height)):
        parts = box.split(400, room)
        assert parts == [] or _cells_text(parts[0]), f"an empty frame in {room} points"
    parts = box.split(400, height * 0.6)
    assert len(parts) == 2  # a box with room for its label and some text still breaks
    assert "Editor's note" in _cells_text(parts[0])


def _cells_text(table) -> str:
    """The text of every cell of a ReportLab table (a cell holds a flowable or a list)."""
    found = []
    for row in table._cellvalues:
        for cell in row:
            for part in cell if isinstance(cell, (list, tuple)) else [cell]:
                found.append(getattr(part, "text", "") or str(part or ""))
    return " ".join(found).strip()
