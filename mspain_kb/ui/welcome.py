"""The first page people see: where to start, example searches, the topics, and the note."""

from __future__ import annotations

import html
from urllib.parse import quote

from mspain_kb import APP_NAME

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
    note_colour = "#3b3000" if theme == "light" else "#fff3c4"
    note_background = "#fff6d6" if theme == "light" else "#4a3f12"
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
    return f"""<html><head><title>Welcome</title></head><body>
<h1>{html.escape(APP_NAME)}</h1>
<p style="font-size:large">Type a symptom in your own words in the search box at the top
(for example “pins and needles”), then choose an article from the list on the left.
Underlined words in an article are explained in the glossary on the right.</p>
<table width="100%" cellpadding="8" style="background-color:{note_background};
 color:{note_colour}"><tr><td><b>{DISCLAIMER}</b> {DISCLAIMER_MORE}</td></tr>
<tr><td><b>{URGENT}</b></td></tr></table>
{count}
{recent}
<h2>Try a search</h2>
<ul>{examples}</ul>
<h2>Symptoms</h2>
<ul>{"".join(groups["symptom"])}</ul>
<h2>Treatments and care</h2>
<ul>{"".join(groups["treatment"])}</ul>
</body></html>"""
