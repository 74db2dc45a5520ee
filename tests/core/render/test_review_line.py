"""The "needs review" line at the top of an imported article the editors have not checked."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from mspain_kb.core.collection.article import parse_article
from mspain_kb.core.render.article import NEEDS_REVIEW_LINE, render_article
from mspain_kb.core.vocabulary.glossary import load_glossary
from mspain_kb.core.vocabulary.topics import load_vocabulary

BODY = "## Burning feet\n\nSome people with MS feel burning in their feet at night.\n"


def _render(flags: str, print_mode: bool = False) -> BeautifulSoup:
    text = f"title: Burning feet\ntags: neuropathic-pain\nflags: {flags}\n\n{BODY}"
    article = parse_article(Path("burning-feet.md"), text)
    page = render_article(article, load_glossary(), load_vocabulary(), print_mode=print_mode)
    return BeautifulSoup(page.html, "html.parser")


def test_a_flagged_article_says_it_needs_review_above_its_title():
    soup = _render("promotional, needs-review")
    line = soup.find("p", class_="review")
    assert line is not None and line.get_text() == NEEDS_REVIEW_LINE
    header_texts = [p.get_text() for p in soup.select("div.header > *")]
    assert header_texts[:2] == [NEEDS_REVIEW_LINE, "Burning feet"]


def test_a_reviewed_article_has_no_review_line():
    assert _render("promotional").find("p", class_="review") is None


def test_the_handout_never_carries_the_review_line():
    assert NEEDS_REVIEW_LINE not in _render("needs-review", print_mode=True).get_text()
