"""The text the results panel shows around the results, as rich text with links the panel
handles: what the search understood ("Read … as …", one line per phrase), the topic filters
that are on, and the page of next steps when nothing was found."""

from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import quote

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

WORDS_ONLY = "words only"
READ_AS = " read as "
MIN_LABEL_PX = 56  # an elided topic label keeps about eight letters, or the line wraps
MIN_PHRASE_PX = 80  # the words typed keep about a dozen letters


def _link(scheme: str, value: str, text: str) -> str:
    target = html.escape(f"{scheme}:{quote(value)}", quote=True)
    return f'<a href="{target}">{html.escape(text)}</a>'


@dataclass(frozen=True)
class Reading:
    """One lay phrase of the query and every topic it was read as."""

    shown: str  # the words as typed
    phrase: str  # the vocabulary phrase
    topics: list[tuple[str, str]]  # (topic id, label)


def readings_of(result) -> list[Reading]:
    """The query's topic readings, one per phrase ("electric shock" read as two topics is
    one reading)."""
    by_phrase: dict[str, list] = {}
    for match in result.topics or ():
        by_phrase.setdefault(match.phrase, []).append(match)
    return [
        Reading(
            matches[0].text or phrase,
            phrase,
            list({m.topic_id: m.topic_label for m in matches}.items()),
        )
        for phrase, matches in by_phrase.items()
    ]


def reading_line(reading: Reading, width: int, metrics: QFontMetrics) -> tuple[str, str]:
    """(rich line, plain sentence for the tooltip): “electric shock” read as Neuropathic
    (nerve) pain or Lhermitte's sign · words only. Each topic links to "only this topic".
    In a narrow panel "read as" becomes a colon, then the words typed and the labels are
    elided, so the line fits `width` pixels while each keeps a readable part; narrower,
    the line wraps."""
    labels = [label for _, label in reading.topics]
    shown = reading.shown

    def plain(joint: str, phrase: str, names: list[str]) -> str:
        return f"“{phrase}”{joint}{' or '.join(names)} · {WORDS_ONLY}"

    def too_wide(joint: str, phrase: str, names: list[str]) -> bool:
        return metrics.horizontalAdvance(plain(joint, phrase, names)) > width

    joint = READ_AS
    if too_wide(joint, shown, labels):
        joint = ": "
    if too_wide(joint, shown, labels):  # the words typed give way first: the user knows them
        room = width - metrics.horizontalAdvance(plain(joint, "", labels))
        shown = metrics.elidedText(shown, Qt.TextElideMode.ElideRight, max(MIN_LABEL_PX * 2, room))
    if too_wide(joint, shown, labels):
        fixed = metrics.horizontalAdvance(plain(joint, shown, [""] * len(labels)))
        labels = _elide_to_share(labels, width - fixed, metrics)
    links = " or ".join(
        _link("tag", topic, label) for (topic, _), label in zip(reading.topics, labels, strict=True)
    )
    rich = f"“{html.escape(shown)}”{joint}{links} · " + _link("literal", reading.phrase, WORDS_ONLY)
    full = " or ".join(label for _, label in reading.topics)
    tip = (
        f"“{reading.shown}” was read as {full}. Choose a topic to show only its articles, "
        f"or “{WORDS_ONLY}” to search “{reading.shown}” as typed."
    )
    return rich, tip


def _elide_to_share(labels: list[str], room: int, metrics: QFontMetrics) -> list[str]:
    """Elide labels to share `room` pixels: a short label keeps its whole width and the
    long ones share what is left. Labels that would keep less than MIN_LABEL_PX each are
    left whole (the line wraps rather than lose the topic's name)."""
    widths = {n: metrics.horizontalAdvance(label) for n, label in enumerate(labels)}
    allowed: dict[int, int] = {}
    left = dict(widths)
    while left:
        share = (room - sum(allowed.values())) // len(left)
        if share < MIN_LABEL_PX:
            return labels
        fitting = {n: w for n, w in left.items() if w <= share}
        if not fitting:
            allowed.update({n: share for n in left})
            break
        allowed.update(fitting)
        left = {n: w for n, w in left.items() if n not in fitting}
    return [
        metrics.elidedText(label, Qt.TextElideMode.ElideRight, allowed[n])
        for n, label in enumerate(labels)
    ]


def suggestion_lines(result) -> list[tuple[str, str]]:
    """(rich, plain): "did you mean", when the speller has a suggestion."""
    if not result.suggestion:
        return []
    link = _link("suggest", result.suggestion, result.suggestion)
    return [(f"Did you mean {link}?", f"Did you mean {result.suggestion}?")]


def other_lines(result) -> list[tuple[str, str]]:
    """(rich, plain) lines after the readings: the glossary entry the query is, and any
    message (what was set aside, corrected, cut)."""
    lines = []
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
