"""Articles rendered to HTML: header, glossary links, search hits, warning boxes, safety, print."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from mspain_kb.core.collection.article import EDITOR_NOTE_TITLE, PROMOTIONAL_TITLE, parse_article
from mspain_kb.core.collection.files import read_article
from mspain_kb.core.render.article import (
    APPENDIX_TITLE,
    DISCLAIMER,
    PRINT_FOOTER,
    render_article,
    render_glossary_entry,
    stylesheet,
)
from mspain_kb.core.render.source import readable_source
from mspain_kb.core.vocabulary.glossary import Entry, Glossary, first_sentence, slugify
from mspain_kb.core.vocabulary.text import stemmed_words
from mspain_kb.core.vocabulary.topics import load_vocabulary
from mspain_kb.resources import resource_path
from tests.conftest import FIXTURES

RENDER_FIXTURES = FIXTURES / "render"


def _entry(term, aliases=(), definition=None, related=()):
    definition = definition or f"{term.capitalize()} is a test word. It has a second sentence."
    return Entry(
        term=term,
        slug=slugify(term),
        aliases=tuple(aliases),
        definition=definition,
        short=first_sentence(definition),
        related=tuple(related),
        topics=(),
    )


@pytest.fixture(scope="module")
def glossary():
    """A small glossary of its own, so each test says exactly which terms there are."""
    return Glossary(
        [
            _entry("spasticity", ["spastic"], "Spasticity is stiff muscles. It comes from nerves."),
            _entry("spasm", ["spasms"]),
            _entry("muscle spasm", ["muscle spasms"], related=["spasm", "spasticity"]),
            _entry("Lhermitte's sign", ["Lhermitte"]),
            _entry("multiple sclerosis", ["MS"]),
        ]
    )


@pytest.fixture(scope="module")
def vocabulary():
    return load_vocabulary()


def _article(name="linking.md"):
    return read_article(RENDER_FIXTURES / name)


def _article_from(body: str, **header: str):
    meta = {"title": "Test article", "tags": "spasticity", "source": "test.txt", **header}
    lines = [f"{key}: {value}" for key, value in meta.items()]
    return parse_article(Path("test-article.md"), "\n".join(lines) + "\n\n" + body)


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def _glossary_links(html: str) -> list[tuple[str, str]]:
    """(slug, visible text) of every glossary link, in order."""
    return [
        (a["href"].removeprefix("glossary:"), a.get_text())
        for a in _soup(html).find_all("a", href=re.compile("^glossary:"))
    ]


def _section_links(html: str) -> dict[str, list[str]]:
    """Heading text -> glossary slugs linked under it (until the next h2/h3)."""
    sections: dict[str, list[str]] = {}
    current = "(header)"
    for element in _soup(html).find_all(["h2", "h3", "a"]):
        if element.name in ("h2", "h3"):
            current = element.get_text()
            sections[current] = []
        elif element.get("href", "").startswith("glossary:"):
            sections.setdefault(current, []).append(element["href"].removeprefix("glossary:"))
    return sections


def _hits(html: str) -> list[tuple[str, str]]:
    return [(span["id"], span.get_text()) for span in _soup(html).find_all("span", class_="hit")]


# -- header ------------------------------------------------------------------------------


def test_header_shows_title_summary_topic_chips_and_source(glossary, vocabulary):
    """The reader sees the title, summary, topic labels as tag: chips and the source file."""
    html = render_article(_article(), glossary, vocabulary).html
    soup = _soup(html)
    assert soup.find("h1").get_text() == "Spasms and spasticity in MS"
    assert "How muscle spasms and spasticity affect" in soup.find("p", class_="summary").text
    chips = {a["href"]: a.get_text().strip() for a in soup.find_all("a", class_="chip")}
    assert chips == {
        "tag:spasticity": vocabulary.label("spasticity"),
        "tag:muscle-spasms": vocabulary.label("muscle-spasms"),
    }
    source = soup.find("p", class_="source").get_text()
    assert "fixture-linking.txt" in source and "2026-11-21" in source


def test_footer_says_information_not_medical_advice(glossary, vocabulary):
    """Every rendered article ends with the reminder that it is information, not advice."""
    soup = _soup(render_article(_article(), glossary, vocabulary).html)
    assert soup.find("p", class_="disclaimer").get_text() == DISCLAIMER


def test_metadata_with_markup_is_shown_as_text(glossary, vocabulary):
    """A title holding HTML shows the characters, it does not become markup."""
    article = _article_from("Body.", title="Pain <b>bold</b> & <script>x()</script>")
    html = render_article(article, glossary, vocabulary).html
    assert _soup(html).find("h1").get_text() == "Pain <b>bold</b> & <script>x()</script>"
    assert "<script" not in html


# -- glossary links ----------------------------------------------------------------------


def test_no_glossary_links_in_headings_or_title(glossary, vocabulary):
    """Headings and the title mention glossary terms but never link them."""
    soup = _soup(render_article(_article(), glossary, vocabulary).html)
    for heading in soup.find_all(["h1", "h2", "h3", "h4"]):
        assert heading.find("a") is None, heading


def test_a_term_is_linked_on_first_use_in_each_section_only(glossary, vocabulary):
    """Spasticity, used several times per section, is linked exactly once in each section."""
    sections = _section_links(render_article(_article(), glossary, vocabulary).html)
    assert sections["Spasms and spasticity"].count("spasticity") == 1
    assert sections["Lhermitte's sign and spasticity"].count("spasticity") == 1
    for slugs in sections.values():
        assert len(slugs) == len(set(slugs)), slugs


def test_links_respect_word_boundaries(glossary, vocabulary):
    """ "spasm" links as a word but never inside "Spasmodic"."""
    page = render_article(_article(), glossary, vocabulary, mark_every_term=True)
    links = _glossary_links(page.html)
    texts = [text for _, text in links]
    assert not any("Spasmodic" in text or "spasmodic" in text for text in texts)
    assert ("spasm", "spasm") in links


def test_aliases_and_inflections_link_to_their_entry(glossary, vocabulary):
    """ "muscle spasms", "spastic" and "Lhermitte" link to the entries they are aliases of."""
    body = "Muscle spasms hurt. Legs can be spastic. Lhermitte described it. MS is common."
    page = render_article(_article_from(body), glossary, vocabulary, mark_every_term=True)
    assert _glossary_links(page.html) == [
        ("muscle-spasm", "Muscle spasms"),
        ("spasticity", "spastic"),
        ("lhermittes-sign", "Lhermitte"),
        ("multiple-sclerosis", "MS"),
    ]


def test_the_longest_term_wins(glossary, vocabulary):
    """ "muscle spasm" links to its own entry, not to "spasm"."""
    page = render_article(_article(), glossary, vocabulary, mark_every_term=True)
    links = _glossary_links(page.html)
    assert ("muscle-spasm", "muscle spasm") in links


def test_no_glossary_link_inside_an_existing_link_or_code(glossary, vocabulary):
    """A term inside a Markdown link, inline code or a code block stays as written."""
    soup = _soup(render_article(_article(), glossary, vocabulary).html)
    external = soup.find("a", href="https://example.org/spasticity")
    assert external.find("a") is None and "about spasticity" in external.get_text()
    for code in soup.find_all(["code", "pre"]):
        assert code.find("a") is None and "spasticity" in code.get_text()


def test_glossary_link_tooltip_is_the_short_definition(glossary, vocabulary):
    """Hovering a linked term shows its one-sentence definition."""
    soup = _soup(render_article(_article(), glossary, vocabulary).html)
    link = soup.find("a", href="glossary:spasticity")
    assert link["title"] == "Spasticity is stiff muscles."


def test_terms_found_are_listed_once_in_order_of_appearance(glossary, vocabulary):
    """The "terms in this article" list follows reading order and names each entry once."""
    rendered = render_article(_article(), glossary, vocabulary)
    assert [entry.slug for entry in rendered.terms] == [
        "spasm",  # the title: "Spasms and spasticity in MS"
        "spasticity",
        "multiple-sclerosis",
        "muscle-spasm",
        "lhermittes-sign",
    ]


def test_external_links_are_marked_as_leaving_the_app(glossary, vocabulary):
    """A web link gets the "external" class and a trailing arrow; glossary links do not."""
    soup = _soup(render_article(_article(), glossary, vocabulary).html)
    external = soup.find("a", href="https://example.org/spasticity")
    assert external["class"] == ["external"] and external.get_text().endswith("↗")
    assert not soup.find("a", href="glossary:spasticity").get_text().endswith("↗")


# -- search hits -------------------------------------------------------------------------


def test_highlight_marks_inflected_words_by_stem(glossary, vocabulary):
    """The stem "spasm" marks "Spasms" and "spasm" but not "Spasmodic", numbered in order."""
    rendered = render_article(_article(), glossary, vocabulary, highlight_terms={"spasm"})
    hits = _hits(rendered.html)
    # title, summary, first heading, then "A muscle spasm" and "not a spasm" in the text
    assert [text.lower() for _, text in hits] == ["spasms", "spasms", "spasms", "spasm", "spasm"]
    assert [hit_id for hit_id, _ in hits] == [f"hit-{n}" for n in range(len(hits))]
    assert rendered.hit_count == len(hits)


def test_highlight_marks_expanded_lay_words(glossary, vocabulary):
    """Stems of several words (as a lay-phrase expansion gives them) all get marked."""
    stems = {stem for stem, _, _ in stemmed_words("stiff muscles sudden")}
    hits = _hits(render_article(_article(), glossary, vocabulary, highlight_terms=stems).html)
    assert {text.lower() for _, text in hits} == {"muscles", "stiff", "sudden", "muscle"}


def test_hits_are_marked_in_headings_and_inside_glossary_links(glossary, vocabulary):
    """A matching word is marked in a heading and also inside a linked glossary term."""
    html = render_article(_article(), glossary, vocabulary, highlight_terms={"spastic"}).html
    soup = _soup(html)
    assert soup.find("h2").find("span", class_="hit") is not None
    assert soup.find("a", href="glossary:spasticity").find("span", class_="hit") is not None


def test_no_hits_in_code_or_promotional_boxes(glossary, vocabulary):
    """Code and adverts are never marked, so next-match never lands on an advert."""
    html = render_article(_article(), glossary, vocabulary, highlight_terms={"spastic"}).html
    soup = _soup(html)
    assert soup.find("table", class_="promo").find("span", class_="hit") is None
    for code in soup.find_all(["code", "pre"]):
        assert code.find("span", class_="hit") is None


def test_no_highlight_terms_means_no_hits(glossary, vocabulary):
    """Without a search, nothing is marked."""
    rendered = render_article(_article(), glossary, vocabulary)
    assert rendered.hit_count == 0 and 'class="hit"' not in rendered.html


# -- promotional boxes -------------------------------------------------------------------


def test_promotional_block_sits_in_a_labelled_warning_box(glossary, vocabulary):
    """The advert is inside a box whose first line says, in words, what it is."""
    soup = _soup(render_article(_article(), glossary, vocabulary).html)
    box = soup.find("table", class_="promo")
    assert PROMOTIONAL_TITLE in box.find("p", class_="promo-title").get_text()
    assert "Buy our spasticity cure today!" in box.get_text()


def test_the_warning_label_is_the_same_whatever_the_article_calls_it(glossary, vocabulary):
    """An admonition with another title still gets the standard label."""
    body = 'Text.\n\n!!! promotional "Special offer"\n    Buy now.\n'
    soup = _soup(render_article(_article_from(body), glossary, vocabulary).html)
    label = soup.find("table", class_="promo").find("p", class_="promo-title").get_text()
    assert PROMOTIONAL_TITLE in label and "Special offer" not in label


# -- editor's notes ----------------------------------------------------------------------

NOTED = (
    "Spasticity can be slowed by stretching.\n\n"
    '!!! editor "Anything the file says"\n'
    "    Stretching eases spasticity; it does not slow MS itself.\n\n"
    "    Source: NHS.\n\n"
    "More about spasms.\n"
)


@pytest.mark.parametrize("print_mode", [False, True])
def test_an_editor_note_is_a_distinct_box_labelled_as_not_the_article(
    glossary, vocabulary, print_mode
):
    """On screen and on paper, the note sits right after the passage it comments on, in its
    own box (not the advert's) under the fixed label, whatever title the file gave it."""
    html = render_article(_article_from(NOTED), glossary, vocabulary, print_mode=print_mode).html
    soup = _soup(html)
    box = soup.find("table", class_="editor-note")
    label = box.find("p", class_="editor-note-title").get_text()
    assert label == EDITOR_NOTE_TITLE and "not part of the original article" in label
    assert "Anything the file says" not in html
    assert "it does not slow MS itself" in box.get_text() and "Source: NHS." in box.get_text()
    assert soup.find("table", class_="promo") is None
    assert box.find_previous("p").get_text().startswith("Spasticity can be slowed")
    assert box.find_next_sibling("p").get_text() == "More about spasms."


def test_editor_note_box_looks_different_from_the_warning_box(vocabulary):
    """The stylesheet gives the note its own colours in each theme, not the advert's."""
    for theme in ("light", "dark"):
        css = stylesheet(theme)
        note = re.search(r"td\.editor-note \{ background-color: (#\w+)", css).group(1)
        promo = re.search(r"td\.promo \{ background-color: (#\w+)", css).group(1)
        assert note != promo, theme


def test_no_hits_inside_an_editor_note_but_terms_are_linked(glossary, vocabulary):
    """Search does not rank a note's words, so next-match never lands in it; a clinical
    word in the note still links to the glossary."""
    rendered = render_article(
        _article_from(NOTED), glossary, vocabulary, highlight_terms={"stretch"}
    )
    box = _soup(rendered.html).find("table", class_="editor-note")
    assert box.find("span", class_="hit") is None
    assert rendered.hit_count == 1  # "stretching" in the article's own sentence
    assert box.find("a", href="glossary:multiple-sclerosis") is not None


# -- safety ------------------------------------------------------------------------------

FORBIDDEN = [
    "<script",
    "alert(",
    "onclick",
    "onerror",
    "javascript:",
    "file:",
    "<link",
    "@import",
    "<iframe",
    "<object",
    "<form",
    "<input",
    "<button",
    "url(",
    "style=",
    "evil.example",
    "EvilFont",
]


@pytest.mark.parametrize("print_mode", [False, True])
def test_hostile_html_in_an_article_does_not_survive(glossary, vocabulary, print_mode):
    """Scripts, handlers, bad links, remote images, styles, frames and forms are all removed."""
    html = render_article(_article("hostile.md"), glossary, vocabulary, print_mode=print_mode)
    body = html.html.split("<body>", 1)[1]
    for needle in FORBIDDEN:
        assert needle not in body, needle
    assert "Plain" in body and "Clickable paragraph." in body  # the text itself stays


def test_no_remote_reference_except_plain_web_links(glossary, vocabulary):
    """The only http(s) address left is the href of an ordinary link the reader may click."""
    html = render_article(_article("hostile.md"), glossary, vocabulary).html
    soup = _soup(html)
    allowed = {a["href"] for a in soup.find_all("a", href=re.compile("^https?:"))}
    assert allowed == {"https://example.org/fine"}
    assert html.count("http") == html.count('href="https://example.org/fine"') + html.count(
        "Opens in your web browser: https://example.org/fine"
    )
    assert [img["src"] for img in soup.find_all("img")] == ["x.png", "images/diagram.png"]


def test_huge_data_uri_image_is_dropped(glossary, vocabulary):
    """A 1 MB inline image is removed rather than carried into the page."""
    data = "data:image/png;base64," + "A" * 1_000_000
    body = f'Before.\n\n![big]({data})\n\n<img src="{data}">\n\nAfter.'
    html = render_article(_article_from(body), glossary, vocabulary).html
    assert "data:" not in html and "<img" not in html and len(html) < 50_000
    assert "Before." in html and "After." in html


# -- print handout -----------------------------------------------------------------------


def test_print_appendix_lists_every_term_found_with_its_definition(glossary, vocabulary):
    """The handout ends with each term used, A to Z, with its full definition, and no others."""
    rendered = render_article(_article(), glossary, vocabulary, print_mode=True)
    soup = _soup(rendered.html)
    assert soup.find("p", class_="appendix").get_text() == APPENDIX_TITLE
    appendix = soup.find("dl", class_="appendix")
    terms = [dt.get_text() for dt in appendix.find_all("dt")]
    definitions = [dd.get_text() for dd in appendix.find_all("dd")]
    expected = sorted(rendered.terms, key=lambda entry: entry.term.casefold())
    assert terms == [entry.term for entry in expected]
    assert definitions == [entry.definition for entry in expected]
    assert "spasticity" in terms and "muscle spasm" in terms


def test_print_has_no_links_and_no_hits(glossary, vocabulary):
    """On paper nothing is a link and nothing is highlighted, even when a search was given."""
    html = render_article(
        _article(), glossary, vocabulary, print_mode=True, highlight_terms={"spasm"}
    ).html
    assert "<a " not in html and 'class="hit"' not in html


def test_print_shows_web_addresses_in_brackets(glossary, vocabulary):
    """A web link becomes its text followed by the address, readable on paper."""
    html = render_article(_article(), glossary, vocabulary, print_mode=True).html
    assert "about spasticity (https://example.org/spasticity)" in _soup(html).get_text()


def test_print_keeps_the_labelled_warning_box_and_footer(glossary, vocabulary):
    """The handout still marks adverts and ends with the source and the printed-from line."""
    soup = _soup(render_article(_article(), glossary, vocabulary, print_mode=True).html)
    assert PROMOTIONAL_TITLE in soup.find("table", class_="promo").get_text()
    footer = soup.find("p", class_="printed").get_text()
    assert "fixture-linking.txt" in footer and footer.endswith(PRINT_FOOTER)


def test_print_is_black_on_white_whatever_the_theme(glossary, vocabulary):
    """A dark-theme user still prints black text on white paper."""
    html = render_article(_article(), glossary, vocabulary, print_mode=True, theme="dark").html
    assert re.search(r"body \{ background-color: #ffffff; color: #000000;", html)


# -- themes and outline ------------------------------------------------------------------


def test_dark_theme_uses_the_dark_palette(glossary, vocabulary):
    """theme="dark" fills the stylesheet with the dark colours from themes.toml."""
    palette = tomllib.loads(resource_path("styles", "themes.toml").read_text("utf-8"))["colour"]
    dark = render_article(_article(), glossary, vocabulary, theme="dark").html
    light = render_article(_article(), glossary, vocabulary).html
    assert f"background-color: {palette['dark']['background']}" in dark
    assert f"background-color: {palette['dark']['hit_background']}" in dark
    assert f"background-color: {palette['dark']['background']}" not in light


def test_unknown_theme_is_refused(glossary, vocabulary):
    """A theme that does not exist is an error, not a page without styles."""
    with pytest.raises(ValueError, match="unknown theme"):
        render_article(_article(), glossary, vocabulary, theme="sepia")


def test_headings_outline_gives_levels_text_and_anchors(glossary, vocabulary):
    """The outline lists each heading with an anchor that exists in the page."""
    rendered = render_article(_article(), glossary, vocabulary)
    assert [(level, text) for level, text, _ in rendered.headings] == [
        (2, "Spasms and spasticity"),
        (2, "Lhermitte's sign and spasticity"),
    ]
    soup = _soup(rendered.html)
    for _, text, anchor in rendered.headings:
        assert soup.find(id=anchor).get_text() == text


def test_output_is_self_contained(glossary, vocabulary):
    """The page carries its own stylesheet and refers to no outside file or address."""
    html = render_article(_article(), glossary, vocabulary).html
    assert "<style>" in html and "<link" not in html
    assert "http" not in html.replace("https://example.org/spasticity", "")


# -- glossary pane -----------------------------------------------------------------------


def test_glossary_entry_page_shows_aliases_definition_and_related_links(glossary):
    """The glossary pane shows the term, its other names, the definition and related links."""
    entry = glossary.get("muscle-spasm")
    soup = _soup(render_glossary_entry(entry, glossary, "light"))
    assert soup.find("h2").get_text() == "muscle spasm"
    assert "muscle spasms" in soup.find("p", class_="aliases").get_text()
    assert entry.definition in soup.get_text()
    related = [a["href"] for a in soup.find_all("a")]
    assert related == ["glossary:spasm", "glossary:spasticity"]


def test_glossary_entry_page_names_the_references_it_was_checked_against(glossary):
    """An entry with sources shows them as "Checked against"; one without shows no such line."""
    checked = Entry(
        "baclofen",
        "baclofen",
        (),
        "Baclofen is a test medicine. It has a second sentence.",
        "Baclofen is a test medicine.",
        (),
        (),
        ("NHS: Baclofen", "NICE CG186"),
    )
    text = _soup(render_glossary_entry(checked, glossary, "light")).get_text()
    assert "Checked against: NHS: Baclofen; NICE CG186" in text
    plain = _soup(render_glossary_entry(glossary.get("spasm"), glossary, "light")).get_text()
    assert "Checked against" not in plain


def test_header_and_print_footer_name_the_source_as_the_handout_does(glossary, vocabulary):
    """The article header and the printed page show the readable source (`source_name`),
    the same words as the PDF handout, and never a hashed file name."""
    body = "Spasms can be painful.\n"
    named = _article_from(
        body,
        source="002_f4dbfc46c3a7de07.txt",
        source_name="MS Trust, “Pain” (a leaflet)",
        imported="2026-11-21",
    )
    assert readable_source(named) == "MS Trust, “Pain” (a leaflet)"
    header = _soup(render_article(named, glossary, vocabulary).html).find("p", class_="source")
    assert header.get_text() == "Source: MS Trust, “Pain” (a leaflet), added 2026-11-21"
    printed = render_article(named, glossary, vocabulary, print_mode=True).html
    assert "Source: MS Trust, “Pain” (a leaflet). " in _soup(printed).get_text()
    hashed = _article_from(body, source="002_f4dbfc46c3a7de07.txt", imported="2026-11-21")
    html = render_article(hashed, glossary, vocabulary).html
    assert "f4dbfc46" not in html
    assert _soup(html).find("p", class_="source").get_text() == "Added 2026-11-21"
