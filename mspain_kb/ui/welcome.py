"""The first page people see: where to start, example searches, the body map, the topics,
and the note. It is drawn with the article styles (`core.render.article.stylesheet`), so it
looks like the pages that follow it in every theme."""

from __future__ import annotations

import html
from urllib.parse import quote

from mspain_kb import APP_NAME
from mspain_kb.core.render.article import stylesheet

DISCLAIMER = "MS Pain KB offers information, not medical advice."
DISCLAIMER_MORE = "Talk to your MS team, doctor or nurse about your own symptoms and treatment."
URGENT = (
    "Get urgent medical help (call your local emergency number) for sudden severe chest pain, "
    "sudden loss of vision, or new weakness, numbness or difficulty speaking, even if you "
    "think it is your MS."
)
EXAMPLE_SEARCHES = (
    "pins and needles",
    "stiff legs at night",
    "electric shock down my back",
    "burning feet",
    "cramps in my legs",
    "lower back pain",
)


BODY_MAP_URL = "bodymap:"  # opens "Where does it hurt?"
WELCOME_ITEMS = 5  # saved articles, recent articles and recent searches shown on the page


def recent_html(saved=(), articles=(), searches=()) -> str:
    """The reader's saved articles, recently read articles and recent searches as links
    (`article:` opens one, `search:` runs one again); "" when there are none."""
    sections = []
    for heading, rows in (
        ("Saved articles", [(f"article:{quote(e.id)}", e.title) for e in saved]),
        ("Recently read", [(f"article:{quote(e.id)}", e.title) for e in articles]),
        ("Recent searches", [(f"search:{quote(e.text)}", e.text) for e in searches]),
    ):
        links = "".join(
            f'<li><a href="{html.escape(href, quote=True)}">{html.escape(text)}</a></li>'
            for href, text in rows[:WELCOME_ITEMS]
        )
        if links:
            sections.append(f"<h2>{heading}</h2><ul>{links}</ul>")
    return "\n".join(sections)


def welcome_html(
    vocabulary, article_count: int | None = None, theme: str = "light", recent: str = ""
) -> str:
    """Self-contained HTML; `search:` links run an example search, `tag:` links filter.
    `recent` (from `recent_html`) is shown above the example searches."""
    examples = "".join(
        f'<li><a href="search:{quote(text)}">{html.escape(text)}</a></li>'
        for text in EXAMPLE_SEARCHES
    )
    groups = {"symptom": [], "treatment": []}
    for topic in vocabulary:
        groups.setdefault(topic.kind, []).append(
            f'<li><a href="tag:{html.escape(topic.id, quote=True)}">'
            f"{html.escape(topic.label)}</a> — {html.escape(topic.description)}</li>"
        )
    count = ""
    if article_count:
        noun = "article" if article_count == 1 else "articles"
        count = f"<p>{article_count} {noun} in the collection.</p>"
    return f"""<html><head><title>Welcome</title><style>
{stylesheet(theme)}</style></head><body>
<h1>{html.escape(APP_NAME)}</h1>
<p class="summary">Type a symptom in your own words in the search box at the top
(for example “pins and needles”), then choose an article from the results.
Underlined words in an article are explained in the glossary.</p>
<table class="promo" width="100%" cellpadding="8"><tr><td class="promo">
<b>{DISCLAIMER}</b> {DISCLAIMER_MORE}</td></tr>
<tr><td class="promo"><b>{URGENT}</b></td></tr></table>
{count}
{recent}
<h2>Where does it hurt?</h2>
<p>Cannot find the words? <a href="{BODY_MAP_URL}">Show where it hurts on a body
outline</a> (Alt+W): it lists the kinds of pain felt there and the words to search for.</p>
<h2>Try a search</h2>
<ul>{examples}</ul>
<h2>Symptoms</h2>
<ul>{"".join(groups["symptom"])}</ul>
<h2>Treatments and care</h2>
<ul>{"".join(groups["treatment"])}</ul>
</body></html>"""
