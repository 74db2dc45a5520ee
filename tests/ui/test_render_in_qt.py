"""The rendered HTML survives Qt's rich-text engine: text, glossary anchors, hits, the box."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QTextDocument  # noqa: E402

from mspain_kb.core.collection.article import PROMOTIONAL_TITLE  # noqa: E402
from mspain_kb.core.collection.files import read_article
from mspain_kb.core.render.article import DISCLAIMER, render_article  # noqa: E402
from mspain_kb.core.vocabulary.glossary import load_glossary  # noqa: E402
from mspain_kb.core.vocabulary.topics import load_vocabulary  # noqa: E402

ARTICLE = Path(__file__).resolve().parents[2] / "articles" / "ms-and-leg-pain.md"


def _char_formats(document: QTextDocument):
    """The character format of every run of text, in document order."""
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            yield iterator.fragment().charFormat()
            iterator += 1
        block = block.next()


def test_rendered_article_loads_into_qt_with_text_links_and_hits(qapp):
    """Qt shows the text, keeps glossary links with tooltips, and knows hit and heading anchors."""
    article = read_article(ARTICLE)
    glossary = load_glossary()
    rendered = render_article(article, glossary, load_vocabulary(), highlight_terms={"leg"})
    document = QTextDocument()
    document.setHtml(rendered.html)
    text = document.toPlainText()

    assert article.title in text and DISCLAIMER in text
    assert PROMOTIONAL_TITLE in text  # this article holds promotional passages

    formats = list(_char_formats(document))
    hrefs = {f.anchorHref() for f in formats if f.anchorHref().startswith("glossary:")}
    assert hrefs and hrefs <= {f"glossary:{entry.slug}" for entry in rendered.terms}

    slug, shown = re.search(r'href="glossary:([^"]+)"[^>]*>([^<]+)<', rendered.html).groups()
    first_link = document.find(shown, 0, QTextDocument.FindFlag.FindCaseSensitively).charFormat()
    assert first_link.anchorHref() == f"glossary:{slug}"
    assert first_link.toolTip() == glossary.get(slug).short

    anchor_names = {name for f in formats for name in f.anchorNames()}
    assert rendered.hit_count > 0
    assert {f"hit-{n}" for n in range(rendered.hit_count)} <= anchor_names
    assert {anchor for _, _, anchor in rendered.headings} <= anchor_names  # the outline works
