"""PDF and Word leaflets built in the tests become articles with their structure kept."""

from __future__ import annotations

import markdown
import pytest

from mspain_kb.core.collection.article import split_promotional
from mspain_kb.core.collection.files import read_article
from mspain_kb.core.collection.importing.importer import (
    ImportRefused,
    convert,
    import_bytes,
    import_file,
)
from mspain_kb.core.collection.importing.pdf_layout import join_lines
from mspain_kb.core.vocabulary.topics import load_vocabulary
from tests.document_builders import (
    HEADER,
    LEFT_COLUMN,
    RIGHT_COLUMN,
    leaflet_docx,
    leaflet_pdf,
    scanned_pdf,
)

VOCABULARY = load_vocabulary()
ADVERT = "Buy Pain O Soma 500 mg online without a prescription today."


@pytest.fixture(scope="module")
def pdf_article():
    extra = ["Follow us on Facebook", ADVERT]
    return convert(leaflet_pdf(extra_lines=extra), "leaflet.pdf", VOCABULARY)


@pytest.fixture(scope="module")
def docx_article():
    extra = ["Share this article", ADVERT]
    return convert(leaflet_docx(extra_paragraphs=extra), "leaflet.docx", VOCABULARY)


def rendered(body: str) -> str:
    return markdown.markdown(body, extensions=["admonition"])


# --- PDF -----------------------------------------------------------------------------------


def test_pdf_title_is_the_large_heading_not_the_file_name_or_running_header(pdf_article):
    assert pdf_article.title == "Pain in multiple sclerosis"
    assert pdf_article.format == "pdf"
    assert pdf_article.notes == []  # the title was found, nothing to check


def test_pdf_headings_come_from_font_size_and_weight(pdf_article):
    headings = [line for line in pdf_article.body.splitlines() if line.startswith("#")]
    assert headings == [
        "## Things that may help",
        "## Living with long-term pain",
        "## Who to contact",
    ]


def test_pdf_paragraph_lines_and_hyphenated_words_are_rejoined(pdf_article):
    """Words split at a line end are mended; compounds keep their hyphen."""
    body = pdf_article.body
    assert "doctors call it neuropathic pain." in body
    assert "it becomes a long-term problem, and self-management helps." in body
    assert "Some take anti-inflammatory medicines" in body
    paragraph = next(block for block in body.split("\n\n") if block.startswith("Pain is common"))
    assert "\n" not in paragraph


def test_pdf_running_header_and_page_numbers_are_removed_and_reported(pdf_article):
    assert HEADER not in pdf_article.body and "Page 1 of 3" not in pdf_article.body
    assert f'running header: "{HEADER}" (on 3 pages)' in pdf_article.removed
    assert 'page number: "Page 1 of 3" (on 3 pages)' in pdf_article.removed


def test_pdf_lists_become_markdown_lists(pdf_article):
    body = pdf_article.body
    assert "- Keep a pain diary for two weeks.\n- Gentle regular exercise." in body
    assert "Before your appointment:\n\n1. Write down when it started.\n2. Bring your" in body
    html = rendered(body)
    assert "<ul>" in html and "<ol>" in html


def test_pdf_two_columns_are_read_column_by_column(pdf_article):
    """The whole left column comes first, as one paragraph, then the right column."""
    body = pdf_article.body
    left, right = " ".join(LEFT_COLUMN), " ".join(RIGHT_COLUMN)
    assert left in body and right in body
    assert body.index(left) < body.index(right)


def test_pdf_table_rows_keep_their_cells_apart(pdf_article):
    assert "Service | When | Telephone\n\nMS nurse helpline | Mon-Fri | 01234 567890" in (
        pdf_article.body
    )


def test_pdf_furniture_is_removed_and_adverts_marked_as_for_web_pages(pdf_article):
    assert 'share buttons: "Follow us on Facebook"' in pdf_article.removed
    ranked, promotional = split_promotional(pdf_article.body)
    assert promotional == [ADVERT] and "Pain O Soma" not in ranked
    assert pdf_article.marked == [f'drug advertising: "{ADVERT}"']


def test_scanned_pdf_is_refused_in_one_line(tmp_path):
    with pytest.raises(ImportRefused) as refused:
        import_bytes(scanned_pdf(), "scan.pdf", tmp_path, VOCABULARY)
    message = str(refused.value)
    assert "has no text layer (it is probably a scanned image)" in message
    assert "\n" not in message
    assert list(tmp_path.iterdir()) == []


def test_password_protected_pdf_is_refused_in_one_line(tmp_path):
    data = leaflet_pdf(encrypt="secret")
    with pytest.raises(ImportRefused, match="^the PDF is protected by a password; [^\n]+$"):
        import_bytes(data, "locked.pdf", tmp_path, VOCABULARY)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("damage", ["truncated", "overwritten"])
def test_damaged_pdf_is_refused_in_one_line_and_nothing_is_written(tmp_path, damage):
    data = leaflet_pdf()
    if damage == "truncated":
        data = data[: len(data) // 3]
    else:
        data = data[:20] + b"\x00" * (len(data) - 20)
    with pytest.raises(ImportRefused, match="^the PDF is damaged and cannot be read[^\n]*$"):
        import_bytes(data, "broken.pdf", tmp_path, VOCABULARY)
    assert list(tmp_path.iterdir()) == []


def test_pdf_imports_as_a_readable_article_flagged_for_review(tmp_path):
    source = tmp_path / "leaflet.pdf"
    source.write_bytes(leaflet_pdf())
    report = import_file(source, tmp_path / "articles", VOCABULARY)
    article = read_article(report.path)
    assert report.path.name == "pain-in-multiple-sclerosis.md"
    assert article.title == "Pain in multiple sclerosis" and article.source == "leaflet.pdf"
    assert article.flags == ("needs-review",)
    assert "neuropathic-pain" in article.tags


def test_a_given_title_wins_and_the_found_one_is_reported():
    result = convert(leaflet_pdf(), "leaflet.pdf", VOCABULARY, title="MS pain leaflet")
    assert result.title == "MS pain leaflet"
    assert 'original title: "Pain in multiple sclerosis"' in result.removed


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["doctors call it neuro-", "pathic pain"], "doctors call it neuropathic pain"),
        (["a long-", "term problem"], "a long-term problem"),
        (["helps with self-", "management"], "helps with self-management"),
        (["an anti-", "inflammatory"], "an anti-inflammatory"),
        (["treated with anti-", "CGRP medicines"], "treated with anti-CGRP medicines"),
        (["a re-", "lief"], "a relief"),
        (["after COVID-", "19 infection"], "after COVID-19 infection"),
        (["dash at the end -", "then more"], "dash at the end - then more"),
    ],
)
def test_line_end_hyphens(lines, joined):
    """A hyphen at a line end is a broken word unless the word is a compound."""
    assert join_lines(lines, words=set(), compounds=set()) == joined


def test_line_end_hyphen_follows_how_the_document_writes_the_word():
    """The same break is mended or kept as the word is written elsewhere in the leaflet."""
    lines = ["tingling and pins-", "needles"]
    assert join_lines(lines, set(), {"pins-needles"}) == "tingling and pins-needles"
    lines = ["reduce the well-", "being"]
    assert join_lines(lines, {"wellbeing"}, set()) == "reduce the wellbeing"


# --- Word ----------------------------------------------------------------------------------


def test_word_title_and_heading_styles(docx_article):
    assert docx_article.title == "Pain in multiple sclerosis"
    assert docx_article.format == "docx"
    headings = [line for line in docx_article.body.splitlines() if line.startswith("#")]
    assert headings == ["## Kinds of pain", "### Before your appointment"]


def test_word_lists_table_and_emphasis(docx_article):
    body = docx_article.body
    assert "- Keep a pain diary for two weeks.\n- Gentle regular exercise." in body
    assert "Before your appointment:\n\n1. Write down when it started.\n2. Bring your" in body
    assert "Service | When | Telephone\n\nMS nurse helpline | Mon-Fri | 01234 567890" in body
    assert "Nerve pain can feel **burning** or like an electric shock." in body


def test_word_header_and_footer_are_left_out(docx_article):
    assert HEADER not in docx_article.body and "PI-042" not in docx_article.body


def test_word_furniture_removed_and_advert_marked(docx_article):
    assert docx_article.removed == ['share buttons: "Share this article"']
    assert split_promotional(docx_article.body)[1] == [ADVERT]
    assert len(docx_article.marked) == 1


def test_word_document_without_a_title_style_uses_its_title_property():
    from docx import Document

    document = Document()
    document.core_properties.title = "Spasms and stiffness"
    document.add_heading("What is spasticity?", level=1)
    document.add_paragraph("Stiff muscles that resist movement.")
    import io

    buffer = io.BytesIO()
    document.save(buffer)
    result = convert(buffer.getvalue(), "spasms.docx", VOCABULARY)
    assert result.title == "Spasms and stiffness"
    assert result.body.startswith("## What is spasticity?")


def test_damaged_word_document_is_refused_in_one_line(tmp_path):
    data = leaflet_docx()
    broken = data[: len(data) // 2]
    with pytest.raises(ImportRefused, match="^[^\n]+$") as refused:
        import_bytes(broken, "leaflet.docx", tmp_path, VOCABULARY)
    assert "damaged" in str(refused.value) or "packed (zip) file" in str(refused.value)
    assert list(tmp_path.iterdir()) == []


def test_documents_larger_than_a_text_file_limit_are_read():
    """A leaflet with photos is bigger than 5 MB; only its text must fit in an article."""
    padding = b"%" + b"x" * (6 * 1024 * 1024) + b"\n"
    data = leaflet_pdf()
    data = data.replace(b"%%EOF", padding + b"%%EOF")
    result = convert(data, "big.pdf", VOCABULARY)
    assert result.title == "Pain in multiple sclerosis"
