"""The text the results panel shows around the results, as rich text with links the panel
handles: what the search understood ("Read … as …", one line per phrase), the topic filters
that are on, and the page of next steps when nothing was found."""

from __future__ import annotations

import html
from urllib.parse import quote


def _link(scheme: str, value: str, text: str) -> str:
    target = html.escape(f"{scheme}:{quote(value)}", quote=True)
    return f'<a href="{target}">{html.escape(text)}</a>'


def reading_lines(result) -> list[tuple[str, str]]:
    """(rich line, plain line for a tooltip) for what the search understood: a "did you
    mean", one line per lay phrase with every topic it was read as, the glossary entry."""
    lines = []
    if result.suggestion:
        plain = f"Did you mean {result.suggestion}?"
        link = _link("suggest", result.suggestion, result.suggestion)
        lines.append((f"Did you mean {link}?", plain))
    by_phrase: dict[str, list] = {}
    for match in result.topics or ():
        by_phrase.setdefault(match.phrase, []).append(match)
    for phrase, matches in by_phrase.items():
        shown = matches[0].text or phrase
        topics = list({m.topic_id: m for m in matches}.values())
        labels = " or ".join(f"<b>{html.escape(m.topic_label)}</b>" for m in topics)
        only = " · ".join(_link("tag", m.topic_id, f"only {m.topic_label}") for m in topics)
        words_only = _link("literal", phrase, "words only")
        plain_labels = " or ".join(m.topic_label for m in topics)
        lines.append(
            (
                f"Read “{html.escape(shown)}” as {labels} ({only} · {words_only})",
                f"Read “{shown}” as {plain_labels}. Choose a topic to show only its "
                f"articles, or “words only” to search “{shown}” as typed.",
            )
        )
    entry = result.glossary_entry
    if entry is not None:
        link = _link("glossary", entry.slug, entry.term)
        lines.append((f"Glossary: {link}", f"{entry.term}: {entry.short}"))
    if result.message:
        lines.append((html.escape(result.message), result.message))
    return lines


def filter_chips(tag_labels: list[tuple[str, str]]) -> str:
    """ "Showing only: Spasticity ✕" for the topic filters that are on."""
    if not tag_labels:
        return ""
    chips = " ".join(
        f"<b>{html.escape(label)}</b>&nbsp;" + _link("untag", tag, "✕") for tag, label in tag_labels
    )
    return f"Showing only: {chips}"


def next_steps_html(steps, query: str, tag_label) -> str:
    """The page shown in place of the results when nothing matched."""
    parts = [
        f"<h3>Nothing found for “{html.escape(query)}”</h3>" if query else "<h3>Nothing found</h3>"
    ]
    if steps is None:
        return "".join(parts)
    undo = []
    if steps.tags:
        labels = ", ".join(tag_label(tag) for tag in steps.tags)
        undo.append(
            f"Only articles about {html.escape(labels)} were searched: "
            + _link("alltopics", "all", "Show results from all topics")
        )
    for phrase in steps.literal:
        undo.append(
            f"“{html.escape(phrase)}” was searched as words only: "
            + _link("reread", phrase, f"Read “{phrase}” as a topic again")
        )
    if undo:
        parts.append("<p>" + "<br>".join(undo) + "</p>")
    if steps.spellings:
        links = ", ".join(_link("suggest", s, s) for s in steps.spellings)
        parts.append(f"<p>Did you mean: {links}?</p>")
    if steps.glossary:
        links = ", ".join(_link("glossary", e.slug, e.term) for e in steps.glossary)
        parts.append(f"<p>Glossary terms that come close: {links}</p>")
    if steps.topics:
        links = "<br>".join(
            _link("browse", topic, f"{label} ({count})") for topic, label, count in steps.topics
        )
        parts.append(f"<p>Or browse a topic (articles in each):<br>{links}</p>")
    parts.append("<p>Try fewer words, or describe the feeling in your own words.</p>")
    return "".join(parts)
