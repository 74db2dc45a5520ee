"""What to offer when a search finds nothing, so the reader is never left at a dead end:
the closest spelling the speller found, topics to browse (with their articles), glossary
terms named like the words typed, and what limited the search (topic filters, phrases
searched as words only), each of which the window offers to undo."""

from __future__ import annotations

from dataclasses import dataclass, field

from mspain_kb.core.vocabulary.text import words

GLOSSARY_LIMIT = 5
MIN_WORD_FOR_GLOSSARY = 4  # shorter words are named like too many terms to be worth offering


@dataclass(frozen=True)
class NextSteps:
    spellings: list[str] = field(default_factory=list)  # whole corrected searches
    topics: list[tuple[str, str, int]] = field(default_factory=list)  # (id, label, articles)
    glossary: list = field(default_factory=list)  # glossary Entries named like the words
    tags: list[str] = field(default_factory=list)  # topic filters that limited the search
    literal: list[str] = field(default_factory=list)  # lay phrases searched as words only


def next_steps(result, tags, literal_phrases, topic_counts, vocabulary, glossary) -> NextSteps:
    """`result`: the empty SearchResult; `topic_counts`: topic id -> articles, over all."""
    spellings = [result.suggestion] if result.suggestion else []
    topics = [
        (topic.id, topic.label, topic_counts[topic.id])
        for topic in vocabulary or ()
        if topic_counts.get(topic.id)
    ]
    return NextSteps(
        spellings=spellings,
        topics=topics,
        glossary=close_glossary_entries(result.query, glossary),
        tags=list(tags),
        literal=sorted(literal_phrases),
    )


def close_glossary_entries(text: str, glossary, limit: int = GLOSSARY_LIMIT) -> list:
    """Glossary entries named like the whole text, then like each longer word (typos
    forgiven, `Glossary.suggest`)."""
    if glossary is None or not text.strip():
        return []
    found = list(glossary.suggest(text, limit))
    for word in words(text):
        if len(word) >= MIN_WORD_FOR_GLOSSARY:
            found += glossary.suggest(word, 2)
    return list(dict.fromkeys(found))[:limit]
