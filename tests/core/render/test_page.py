"""The article page both front ends show: read, marked as search matched, rendered."""

from __future__ import annotations

import re

import pytest

from mspain_kb.core.collection.article import ArticleError, format_article
from mspain_kb.core.render.page import article_page, article_path
from mspain_kb.core.search.service import SearchService

BODY = """## Pins and needles

Pins and needles in the feet can be a sign of nerve pain. Numbness may come with it.
"""


@pytest.fixture
def page_folder(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    article_path(folder, "tingling").write_text(
        format_article("Tingling feet", BODY, tags=["neuropathic-pain"]), encoding="utf-8"
    )
    return folder


def marked(html: str) -> list[str]:
    return re.findall(r'<span class="hit" id="hit-\d+">([^<]+)</span>', html)


def test_the_page_marks_what_search_matched_for_the_query(page_folder, glossary, vocabulary):
    """'pins and needles' marks the words typed and the words of the topic they were read
    as (nerve), never the little word 'and'."""
    search = SearchService(None, vocabulary)
    path = article_path(page_folder, "tingling")
    page = article_page(path, glossary, vocabulary, search, query="pins and needles")
    words = {word.lower() for word in marked(page.html)}
    assert {"pins", "needles", "nerve"} <= words and "and" not in words
    assert page.article.id == "tingling" and page.rendered.hit_count == len(marked(page.html))


def test_a_phrase_taken_literally_marks_only_its_words(page_folder, glossary, vocabulary):
    """When the reader asked for 'pins and needles' as typed, the topic's words are not
    marked."""
    search = SearchService(None, vocabulary)
    path = article_path(page_folder, "tingling")
    page = article_page(
        path,
        glossary,
        vocabulary,
        search,
        query="pins and needles",
        literal_phrases=["pins and needles"],
    )
    words = {word.lower() for word in marked(page.html)}
    assert {"pins", "needles"} <= words and "nerve" not in words


def test_without_a_query_nothing_is_marked(page_folder, glossary, vocabulary):
    page = article_page(article_path(page_folder, "tingling"), glossary, vocabulary)
    assert marked(page.html) == [] and "Tingling feet" in page.html


def test_a_missing_article_is_a_plain_article_error(page_folder, glossary, vocabulary):
    with pytest.raises(ArticleError, match="disappeared"):
        article_page(article_path(page_folder, "gone"), glossary, vocabulary)


def test_the_users_own_words_are_the_first_matches(page_folder, glossary, vocabulary):
    """Next match visits the words typed first, then the words of the entry the query is
    ("pins and needles" is Numbness and tingling), then the topic's ("nerve"), although
    the title's "Tingling" and the text's "nerve" come earlier in reading order."""
    search = SearchService(None, vocabulary, glossary)
    page = article_page(
        article_path(page_folder, "tingling"),
        glossary,
        vocabulary,
        search,
        query="pins and needles",
    )
    order = [word.casefold() for word in marked_in_order(page.html)]
    assert order == ["pins", "needles", "pins", "needles", "tingling", "numbness", "nerve"]


def marked_in_order(html: str) -> list[str]:
    """Marked words in the order next/previous match visits them (hit-0, hit-1, ...)."""
    found = re.findall(r'<span class="hit" id="hit-(\d+)">([^<]+)</span>', html)
    return [word for _, word in sorted(found, key=lambda item: int(item[0]))]


LOWER_BACK_WORDS = (
    "Exhaustion and imbalance strain the tendons and ligaments. Spasticity and demyelination "
    "add to it, and Lhermitte's sign may come with a bent neck."
)


def test_everyday_terms_are_not_marked_unless_every_term_is_asked_for(
    tmp_path, glossary, vocabulary
):
    """Quiet reading with the bundled glossary: only the clinical terms are links; "mark
    every term" links the everyday ones too; the article's term list has them all."""
    path = article_path(tmp_path, "lower-back")
    path.write_text(format_article("Lower back", LOWER_BACK_WORDS), encoding="utf-8")
    quiet = article_page(path, glossary, vocabulary)
    every = article_page(path, glossary, vocabulary, mark_every_term=True)
    assert term_links(quiet.html) == ["Spasticity", "demyelination", "Lhermitte's sign"]
    assert term_links(every.html) == [
        "Exhaustion",
        "imbalance",
        "tendons",
        "ligaments",
        "Spasticity",
        "demyelination",
        "Lhermitte's sign",
    ]
    assert quiet.rendered.terms == every.rendered.terms


def term_links(html: str) -> list[str]:
    return [
        text.replace("&#x27;", "'").replace("&#39;", "'")
        for text in re.findall(r'<a class="term" href="glossary:[^"]+"[^>]*>([^<]+)</a>', html)
    ]
