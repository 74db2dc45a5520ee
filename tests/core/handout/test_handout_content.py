"""What a handout prints from an article, before any typesetting: blocks, web addresses,
boxes, the readable source, the glossary terms and how specialised they are; and saving."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest
from handout_reading import ARTICLES, GLOSSARY, read_handout
from reportlab.pdfbase.ttfonts import TTFontFace

from mspain_kb.core.collection.article import parse_article
from mspain_kb.core.collection.files import read_article
from mspain_kb.core.handout import HandoutError, HandoutOptions, lay_out, write_handout
from mspain_kb.core.handout import blocks as b
from mspain_kb.core.handout.content import article_content
from mspain_kb.core.handout.flowables import markup
from mspain_kb.core.handout.glossary_terms import key_terms, rank_terms
from mspain_kb.core.render.source import readable_source
from mspain_kb.core.vocabulary.word_frequency import EVERYDAY_ZIPF, term_zipf, word_zipf
from mspain_kb.resources import resource_path

LEAFLET = """title: Everything a leaflet may hold — “quotes”, ≥ 2 and ⚠
tags: spasticity
summary: A leaflet with lists, a table, boxes and links.
source: 004_0123456789abcdef.txt
imported: 2026-11-30

## Lists

- First item with **bold** and *italic* text about spasticity
- Second item with a [link to the NHS](https://www.nhs.uk/conditions/multiple-sclerosis/)
    1. Nested one
    2. Nested two
- Third item: <https://www.mstrust.org.uk/a-z/pain>

## A table

| Medicine | What it is for |
|---|---|
| Baclofen | spasticity |

```
Plain code
  kept as typed
```

<script>alert("no")</script><p>Raw <b>HTML</b> text &amp; more</p>

!!! promotional "Promotional"
    BUY NOW ONLINE cheap pills.

!!! editor "Editor's note"
    Baclofen is not for everyone — ask your nurse.

    Source: NHS.

Spasticity again, and it’s the last paragraph.
"""


def _article(text: str = LEAFLET, name: str = "leaflet.md"):
    return parse_article(Path(name), text)


def _text(runs) -> str:
    return "".join(run.text for run in runs)


def _all_text(blocks) -> str:
    parts = []
    for block in blocks:
        if hasattr(block, "runs"):
            parts.append(_text(block.runs))
        elif isinstance(block, b.Preformatted):
            parts.append(block.text)
        elif isinstance(block, b.ListBlock):
            parts += [_all_text(item) for item in block.items]
        elif isinstance(block, b.Table):
            parts += [_text(cell) for row in (block.header, *block.rows) for cell in row]
        else:
            parts.append(_all_text(block.blocks))
    return "\n".join(parts)


def test_blocks_keep_the_structure_of_the_article():
    content = article_content(_article(), GLOSSARY)
    kinds = [type(block).__name__ for block in content.blocks]
    assert kinds[:4] == ["Heading", "ListBlock", "Heading", "Table"]
    assert "Preformatted" in kinds and "Box" in kinds
    items = content.blocks[1].items
    assert len(items) == 3 and isinstance(items[1][-1], b.ListBlock) and items[1][-1].ordered
    first = items[0][0].runs
    assert any(run.bold and run.text == "bold" for run in first)
    assert any(run.italic and run.text == "italic" for run in first)
    code = next(block for block in content.blocks if isinstance(block, b.Preformatted))
    assert code.text == "Plain code\n  kept as typed"


def test_web_addresses_are_written_out_once_and_raw_html_keeps_only_its_words():
    text = _all_text(article_content(_article(), GLOSSARY).blocks)
    assert "link to the NHS (https://www.nhs.uk/conditions/multiple-sclerosis/)" in text
    assert text.count("https://www.mstrust.org.uk/a-z/pain") == 1
    assert "Raw HTML text & more" in text
    assert "alert" not in text and "<" not in text


def test_promotional_passages_are_counted_and_left_out_unless_asked_for():
    left_out = article_content(_article(), GLOSSARY)
    assert left_out.promotional_left_out == 1
    assert "BUY NOW" not in _all_text(left_out.blocks)
    kept = article_content(_article(), GLOSSARY, include_promotional=True)
    box = next(block for block in kept.blocks if getattr(block, "kind", "") == "promotional")
    assert box.label.startswith("⚠ Promotional content from the original page")
    assert kept.promotional_left_out == 0


def test_editors_notes_are_always_kept_under_their_fixed_label():
    content = article_content(_article(), GLOSSARY)
    notes = [block for block in content.blocks if getattr(block, "kind", "") == "editor"]
    assert len(notes) == 1
    assert notes[0].label.startswith("Editor's note — added by the clinic's editors")
    assert "ask your nurse" in _all_text(notes[0].blocks)


def test_the_first_use_of_a_term_in_the_text_is_marked_not_in_headings_addresses_or_boxes():
    content = article_content(_article(), GLOSSARY)
    marked = [
        run.text
        for block in content.blocks
        if isinstance(block, b.ListBlock)
        for item in block.items
        for inner in item
        if hasattr(inner, "runs")
        for run in inner.runs
        if run.term
    ]
    assert marked == ["spasticity"]  # not "multiple-sclerosis" inside the NHS address
    last = content.blocks[-1]
    assert not any(run.term for run in last.runs)  # the second use of spasticity
    assert "multiple-sclerosis" not in {entry.slug for entry in content.terms}


def test_markup_bolds_only_the_terms_the_glossary_explains():
    runs = (b.Run("Spasticity", term="spasticity"), b.Run(" & myelin", term="myelin"))
    assert markup(runs, {"spasticity"}) == "<b>Spasticity</b> &amp; myelin"


def test_readable_source_prefers_the_name_and_never_shows_a_hashed_file_name():
    hashed = _article()
    assert readable_source(hashed) == ""
    named = _article(LEAFLET.replace("imported:", "source_name: MS Trust, “Pain”\nimported:"))
    assert readable_source(named) == "MS Trust, “Pain”"
    both = _article(
        LEAFLET.replace(
            "imported:", "source_name: MS Trust\nsource_url: https://mstrust.org.uk\nimported:"
        )
    )
    assert readable_source(both) == "MS Trust (https://mstrust.org.uk)"
    plain = _article(LEAFLET.replace("004_0123456789abcdef.txt", "nhs-pain-leaflet.pdf"))
    assert readable_source(plain) == "nhs-pain-leaflet.pdf"


def test_every_bundled_article_names_its_source():
    for path in sorted(ARTICLES.glob("*.md")):
        source = readable_source(read_article(path))
        assert len(source) > 20 and ".txt" not in source, path.name


def test_characters_beyond_latin_1_print_with_an_embedded_font_that_has_them():
    """ "’", "—", "≥", "⚠" and the like are in the bundled font and come back from the PDF."""
    article = _article()
    laid = lay_out([article], GLOSSARY, HandoutOptions(include_promotional=True))
    text = " ".join(page.text for page in read_handout(laid.data))
    for character in "—“”≥⚠’":
        assert character in text
    face = TTFontFace(str(resource_path("fonts", "DejaVuSans.ttf")))
    printed = set(text) - {" "}
    assert all(ord(character) in face.charToGlyph for character in printed)
    assert (resource_path("fonts") / "LICENSE-DejaVu.txt").is_file()


def test_a_box_longer_than_a_page_breaks_across_pages():
    long_advert = "BUY NOW " * 900
    text = LEAFLET.replace("BUY NOW ONLINE cheap pills.", long_advert)
    laid = lay_out(
        [_article(text)], GLOSSARY, HandoutOptions(font_size=22, include_promotional=True)
    )
    assert laid.pages >= 4


# --- which terms the glossary explains ----------------------------------------------------


@pytest.mark.parametrize("term", ["Joint", "Trunk", "Diagnosis", "Oral medication", "Nerve"])
def test_everyday_words_are_not_explained(term):
    entry = GLOSSARY.lookup_exact(term)
    assert term_zipf(entry.term) >= EVERYDAY_ZIPF
    assert key_terms([entry]) == []


@pytest.mark.parametrize(
    "term", ["Spasticity", "Lhermitte's sign", "Neuropathic pain", "Demyelination", "Myelin"]
)
def test_clinical_terms_are_explained(term):
    entry = GLOSSARY.lookup_exact(term)
    assert term_zipf(entry.term) < EVERYDAY_ZIPF
    assert [ranked.entry for ranked in key_terms([entry])] == [entry]


def test_terms_are_ranked_most_specialised_first_with_warnings_ahead():
    names = ["Posture", "Spasticity", "Stem cell therapy", "Lhermitte's sign", "Fatigue"]
    ranked = [term.entry.term for term in rank_terms([GLOSSARY.lookup_exact(n) for n in names])]
    assert ranked[0] == "Stem cell therapy"  # everyday words, but its warning must be read
    assert ranked.index("Lhermitte's sign") < ranked.index("Spasticity")
    assert ranked.index("Spasticity") < ranked.index("Fatigue") < ranked.index("Posture")


def test_word_frequencies_read_british_spellings_and_acronyms_sensibly():
    assert word_zipf("fibre") == pytest.approx(word_zipf("fiber"))
    assert word_zipf("behavioural") == pytest.approx(word_zipf("behavioral"))
    assert word_zipf("NSAIDs") == 0.0  # an acronym says nothing by its letters
    assert word_zipf("pain") > 4.5 > word_zipf("spasticity")
    assert term_zipf("Cervical spine") == word_zipf("cervical")


def test_terms_used_by_more_of_the_articles_rank_higher():
    """In a handout of three, spasticity (in all three) comes before a rarer word in one."""
    spasticity = GLOSSARY.lookup_exact("Spasticity")
    botulinum = GLOSSARY.lookup_exact("Botulinum toxin")
    alone = [term.entry.term for term in rank_terms([spasticity, botulinum])]
    assert alone == ["Botulinum toxin", "Spasticity"]
    shared = [term.entry.term for term in rank_terms([spasticity, botulinum] + [spasticity] * 2)]
    assert shared == ["Spasticity", "Botulinum toxin"]


def test_each_term_is_listed_once_across_articles():
    found = [GLOSSARY.lookup_exact("Spasticity"), GLOSSARY.lookup_exact("Spasticity")]
    assert len(rank_terms(found)) == 1


# --- saving ---------------------------------------------------------------------------------


def test_write_handout_replaces_a_file_atomically(tmp_path, monkeypatch):
    """A failure while saving leaves the old file whole and no temporary file behind."""
    article = read_article(ARTICLES / "ms-and-leg-pain.md")
    target = tmp_path / "handout.pdf"
    target.write_bytes(b"%PDF old")

    def full_disk(_fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(HandoutError, match="No space left on device"):
        write_handout(target, [article], GLOSSARY)
    assert target.read_bytes() == b"%PDF old"
    assert [path.name for path in tmp_path.iterdir()] == ["handout.pdf"]
    monkeypatch.undo()
    options = HandoutOptions(date=datetime.date(2026, 11, 30))
    write_handout(target, [article], GLOSSARY, options)
    assert target.read_bytes() == lay_out([article], GLOSSARY, options).data


def test_write_handout_refuses_a_missing_folder_or_a_folder_as_target(tmp_path):
    article = read_article(ARTICLES / "ms-and-leg-pain.md")
    with pytest.raises(HandoutError, match="does not exist"):
        write_handout(tmp_path / "missing" / "x.pdf", [article], GLOSSARY)
    assert not (tmp_path / "missing").exists()
    with pytest.raises(HandoutError, match="it is a folder"):
        write_handout(tmp_path, [article], GLOSSARY)


def test_a_handout_needs_an_article():
    with pytest.raises(HandoutError, match="no article"):
        lay_out([], GLOSSARY)


def test_a_part_too_large_for_any_page_is_a_plain_error(monkeypatch):
    """Should ReportLab find something it cannot place, the handout says so plainly."""
    from reportlab.platypus.doctemplate import LayoutError

    from mspain_kb.core.handout import pdf

    def cannot_place(*_args):
        raise LayoutError("Flowable too large on page 1")

    monkeypatch.setattr(pdf, "render_pdf", cannot_place)
    with pytest.raises(HandoutError, match="too large for a page"):
        lay_out([_article()], GLOSSARY)


def test_a_table_row_taller_than_a_page_breaks_across_pages():
    cell = "word " * 2500
    text = f"title: Big\n\n| a | b |\n|---|---|\n| {cell} | x |\n"
    laid = lay_out([_article(text)], GLOSSARY, HandoutOptions(font_size=22))
    assert laid.pages >= 3
