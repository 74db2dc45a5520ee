"""From what the user typed to Whoosh queries that are safe to run on any collection.

- The text is cleaned first (control characters out, at most MAX_QUERY_CHARS characters;
  every word counts, and a cut is said).
- `tag:X` / `NOT tag:X` are taken out of the text and become filters (topic id or label).
- `query_reading.read` decides which bits of the rest are syntax and which are words
  ("appendicitis?" is a word and a question mark); `word_query.py` turns them into one
  query over the four fields, prefixes and typos expanded, one BM25F `FieldedWord` per word.
- Lay phrases ("pins and needles") become topic parts, each weighted by how specific the
  phrase is; `ranking.py` adds them to the words' scores as extra evidence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from whoosh import query as wq

from mspain_kb.core.search.fast.array_scoring import FieldedWord
from mspain_kb.core.search.query_reading import read
from mspain_kb.core.search.word_query import FIELD_BOOSTS, SafeAndNot, reading_query
from mspain_kb.core.vocabulary.text import FUNCTION_WORDS, WORD_RE, fold, stems, words
from mspain_kb.core.vocabulary.topics import LayMatch

MAX_QUERY_CHARS = 5000  # about 800 words: a pasted page; past this the search says it cut
TOPIC_BOOST = 2.5  # weight of an article tagged with a topic the user described
LABEL_BOOST = 0.5  # weight of the topic label's words in titles, headings and summaries
LABEL_FIELDS = ("title", "headings", "summary")
FULL_READING_WORDS = 3  # a lay phrase of this many content words counts fully
# Label words too general to mark in an article ("cramps" should not light up every "muscle").
GENERIC_LABEL_WORDS = frozenset({"pain", "and", "or", "the", "muscle", "lower", "physical"})
CUT_NOTE = "Only the first {chars:,} characters were searched."

_TAG_RE = re.compile(r'(?:(?<=\s)|^)(NOT\s+|-)?tags?:(?:"([^"]*)"?|(\S*))', re.IGNORECASE)
# Parts of a query that are not read for lay phrases: excluded words and field searches.
_NOT_LAY_RE = re.compile(r'\bNOT\s+(?:"[^"]*"?|\([^)]*\)?|\S+)|\b\w+:(?:"[^"]*"?|\S*)')


@dataclass(frozen=True)
class TopicPart:
    """The evidence for one topic a lay phrase was read as."""

    topic_id: str
    weight: float  # how much the reading counts, 0 to 1 (see reading_strength)
    query: wq.Query  # the topic's tag and its label's words


@dataclass
class ParsedQuery:
    text: str  # the cleaned query text, tag clauses removed
    query: wq.Query | None  # the user's words; None when there are none to search
    tags: list[str] = field(default_factory=list)  # topic ids every hit must have
    excluded_tags: list[str] = field(default_factory=list)
    unknown_tags: list[str] = field(default_factory=list)
    lay_matches: list[LayMatch] = field(default_factory=list)
    topic_parts: list[TopicPart] = field(default_factory=list)
    excluded: wq.Query | None = None  # words no hit may have (NOT ...)
    words: list[str] = field(default_factory=list)  # the plain words typed, for spelling
    notes: list[str] = field(default_factory=list)  # what was set aside or read differently
    operators: bool = False  # AND, OR or NOT were used as operators
    fallback: bool = False

    def tag_clauses(self) -> str:
        """The topic filters as query text, to search again with other words."""
        required = [f'tag:"{tag}"' for tag in self.tags]
        return " ".join(required + [f'NOT tag:"{tag}"' for tag in self.excluded_tags])


def clean_text(text: str) -> str:
    """Drop control characters, collapse spaces, and cap the length (at a word boundary)."""
    return clean(text)[0]


def clean(text: str) -> tuple[str, bool]:
    """The cleaned text, and whether it had to be cut to MAX_QUERY_CHARS."""
    text = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") else ch
        for ch in str(text)[: MAX_QUERY_CHARS * 4]
    )
    text = " ".join(text.split())
    if len(text) <= MAX_QUERY_CHARS:
        return text, False
    cut = text[:MAX_QUERY_CHARS]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut), True


def lay_readings(vocabulary, text: str, literal_phrases=()) -> list[LayMatch]:
    """The lay phrases in `text` read as topics, except those the user asked to take literally."""
    literal = {fold(phrase) for phrase in literal_phrases}
    matches = vocabulary.match_lay_phrases(lay_text(text))
    return [m for m in matches if fold(m.phrase) not in literal and fold(m.text) not in literal]


def reading_strength(match: LayMatch) -> float:
    """How much a lay reading counts, from 0 to 1: fully when the user named the topic
    itself ("spasticity"); otherwise by the phrase's content words (not "and", "my"...),
    FULL_READING_WORDS of them for full weight, so one everyday word ("ache", "tight")
    counts a third of "electric shock down my spine" and half of "pins and needles"."""
    said = stems(match.phrase)
    if any(said == stems(topic.label) for topic in match.topics):
        return 1.0
    content = [w for w in words(fold(match.phrase)) if w not in FUNCTION_WORDS]
    return min(1.0, len(content) / FULL_READING_WORDS)


def lay_text(text: str) -> str:
    """The part of a query read for lay phrases: no excluded words, no field searches."""
    return _NOT_LAY_RE.sub(" ", text)


def replace_words(text: str, replacements: dict[str, str]) -> str:
    """`text` with each word that is a key of `replacements` replaced by its value."""
    return WORD_RE.sub(lambda m: replacements.get(m.group(0), m.group(0)), text)


def extract_tags(text: str, vocabulary) -> tuple[str, list[str], list[str], list[str]]:
    """Take `tag:` clauses out of `text`: (rest, required ids, excluded ids, unknown names)."""
    required: list[str] = []
    excluded: list[str] = []
    unknown: list[str] = []

    def take(match: re.Match[str]) -> str:
        name = (match.group(2) if match.group(2) is not None else match.group(3) or "").strip()
        if not name:
            return " "
        topic = vocabulary.resolve(name) if vocabulary is not None else None
        if topic is None:
            unknown.append(name)
        else:
            (excluded if match.group(1) else required).append(topic.id)
        return " "

    rest = _TAG_RE.sub(take, text)
    return " ".join(rest.split()), required, excluded, unknown


def parse(text: str, schema, vocabulary, reader, literal_phrases=()) -> ParsedQuery:
    """Parse cleaned `text` into a ParsedQuery; never raises on odd input.

    Lay phrases named in `literal_phrases` (the user removed that reading) are searched as
    the words typed, without their topic.
    """
    rest, tags, excluded, unknown = extract_tags(text, vocabulary)
    parsed = ParsedQuery(text=rest, query=None, tags=tags, excluded_tags=excluded)
    parsed.unknown_tags = unknown
    if vocabulary is not None and rest:
        parsed.lay_matches = lay_readings(vocabulary, rest, literal_phrases)
    reading = read(rest)
    parsed.words, parsed.notes, parsed.operators = reading.words, reading.notes, reading.operators
    words_query, parsed.fallback = reading_query(reading, schema, reader)
    if isinstance(words_query, SafeAndNot):  # exclusions apply to the topic parts too
        words_query, parsed.excluded = words_query.a, words_query.b
    parsed.query = words_query
    parsed.topic_parts = topic_parts(parsed.lay_matches, schema)
    return parsed


def topic_parts(lay_matches: list[LayMatch], schema) -> list[TopicPart]:
    """One weighted part for each topic behind the lay phrases the user typed.

    The tag finds every article on the topic. The topic label's words ("neuropathic",
    "nerve") are looked for in titles, headings and summaries only, so an article that is
    about the topic ranks above one that merely carries the tag; searching them in every
    body cost a visit to each article mentioning them for little change in ranking. A topic
    read from several phrases counts as strongly as its strongest reading.
    """
    weights: dict[str, float] = {}
    topics = {}
    for match in lay_matches:
        strength = reading_strength(match)
        for topic in match.topics:
            topics[topic.id] = topic
            weights[topic.id] = max(weights.get(topic.id, 0.0), strength)
    parts = []
    for topic_id, weight in weights.items():
        clauses = [wq.Term("tags", topic_id, boost=TOPIC_BOOST)]
        clauses += _label_terms(topics[topic_id].label, schema)
        parts.append(TopicPart(topic_id, weight, wq.Or(clauses)))
    return parts


def _label_terms(label: str, schema) -> list[wq.Query]:
    kept = [w for w in words(label) if fold(w) not in GENERIC_LABEL_WORDS]
    terms: list[wq.Query] = []
    for word in kept:
        stems = {token.text for token in schema["title"].analyzer(word)}
        for stem in sorted(stems):
            fields = [
                wq.Term(name, stem, boost=LABEL_BOOST * FIELD_BOOSTS[name]) for name in LABEL_FIELDS
            ]
            terms.append(FieldedWord(fields))
    return terms
