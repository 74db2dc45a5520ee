"""From what the user typed to Whoosh queries that are safe to run on any collection.

- The text is cleaned first (control characters out, at most MAX_QUERY_CHARS characters;
  every word counts, and a cut is said).
- `tag:X` / `NOT tag:X` are taken out of the text and become filters (topic id or label).
- `query_reading.read` decides which bits of the rest are syntax and which are words
  ("appendicitis?" is a word and a question mark); Whoosh's MultifieldParser turns that into
  a query, with an OR group that gives a small bonus to articles matching more of the words.
- Prefixes, wildcards and fuzzy terms are expanded on the raw word to capped term lists
  (`expansion.py`); each word's terms in the four fields become one `FieldedWord`, scored
  as BM25F.
- Lay phrases ("pins and needles") become topic parts, each weighted by how specific the
  phrase is; `ranking.py` adds them to the words' scores as extra evidence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from whoosh import qparser
from whoosh import query as wq

from mspain_kb.core.search import expansion
from mspain_kb.core.search.fast.array_scoring import FieldedWord
from mspain_kb.core.search.query_reading import read
from mspain_kb.core.vocabulary.text import FUNCTION_WORDS, WORD_RE, fold, stems, words
from mspain_kb.core.vocabulary.topics import LayMatch

MAX_QUERY_CHARS = 5000  # about 800 words: a pasted page; past this the search says it cut
MAX_PHRASE_WORDS = 6
SEARCH_FIELDS = ("title", "headings", "summary", "body")
# Where prefixes, wildcards, fuzzy words and phrases are matched: these are the slow kinds.
COSTLY_QUERY_FIELDS = ("title", "body")
# Weights of a word's occurrences in each field (BM25F: see array_scoring.FieldedWord).
FIELD_BOOSTS = {"title": 1.0, "headings": 1.5, "summary": 1.5, "body": 1.0}
TOPIC_BOOST = 2.5  # weight of an article tagged with a topic the user described
LABEL_BOOST = 0.5  # weight of the topic label's words in titles, headings and summaries
LABEL_FIELDS = ("title", "headings", "summary")
FULL_READING_WORDS = 3  # a lay phrase of this many content words counts fully
COMMON_FRACTION = 0.5  # a word in more than this share of articles is "common"
OR_GROUP_SCALE = 0.9  # Whoosh's coordination bonus for articles matching more of the words
# Where a common word is still looked for: the fields that say what an article and its
# sections are about (see fielded_words).
COMMON_WORD_FIELDS = ("title", "headings", "summary")
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


_PARSERS: dict[int, qparser.MultifieldParser] = {}


def _parser(schema) -> qparser.MultifieldParser:
    """One parser per schema object (building one costs more than parsing a query)."""
    parser = _PARSERS.get(id(schema))
    if parser is not None and parser.schema is schema:
        return parser
    parser = qparser.MultifieldParser(
        list(SEARCH_FIELDS),
        schema,
        fieldboosts=FIELD_BOOSTS,
        group=qparser.OrGroup.factory(OR_GROUP_SCALE),
    )
    parser.add_plugin(qparser.FuzzyTermPlugin())
    # query_reading.read() leaves only deliberate syntax; these would read plain text oddly.
    for plugin in (qparser.RangePlugin, qparser.SingleQuotePlugin, qparser.BoostPlugin):
        parser.remove_plugin_class(plugin)
    _PARSERS.clear()
    _PARSERS[id(schema)] = parser
    return parser


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
    words_query = None
    if reading.query:
        try:
            if reading.plain:  # the usual case: no need for Whoosh's parser (slow on long text)
                words_query = expand(plain_words_query(reading.query, schema), "", reader)
            else:
                words_query = expand(_parser(schema).parse(reading.query), reading.query, reader)
        except Exception:  # noqa: BLE001 - any parser failure falls back to plain words
            words_query = plain_query(reading.query, schema, reader)
            parsed.fallback = words_query is not None
    if isinstance(words_query, SafeAndNot):  # exclusions apply to the topic parts too
        words_query, parsed.excluded = words_query.a, words_query.b
    parsed.query = words_query
    parsed.topic_parts = topic_parts(parsed.lay_matches, schema)
    return parsed


def plain_words_query(text: str, schema) -> wq.Query:
    """What the parser makes of plain words, built directly: each word's analysed tokens in
    every field, boosted by field, in one OR group with the parser's coordination bonus.
    Whoosh's parser tries each of its taggers at every character, about 20 ms per 1,000
    characters; a pasted paragraph is all plain words."""
    terms = [
        wq.Term(name, token, boost=FIELD_BOOSTS[name])
        for word in text.split()
        for name in SEARCH_FIELDS
        for token in schema[name].process_text(word, mode="query")
    ]
    return wq.Or(terms, scale=OR_GROUP_SCALE) if terms else wq.NullQuery


def plain_query(text: str, schema, reader) -> wq.Query | None:
    """A plain OR of the words in `text`, ignoring every bit of syntax."""
    typed = [w.lower() for w in words(text)]
    if not typed:
        return None
    try:
        return expand(_parser(schema).parse(" ".join(typed)), text, reader)
    except Exception:  # noqa: BLE001
        return None


def expand(q: wq.Query, text: str, reader) -> wq.Query | None:
    """Replace prefix, wildcard and fuzzy parts with capped term lists; None if nothing left."""
    raw_prefixes = [  # the typed word before its * or ?, for prefixes the stemmer would cut
        fold(re.split(r"[*?]", token.rsplit(":", 1)[-1], maxsplit=1)[0])
        for token in text.split()
        if "*" in token or "?" in token
    ]

    def rewrite(node: wq.Query) -> wq.Query:
        if isinstance(node, wq.Every):
            return wq.NullQuery  # a lone "*" is not a search
        costly = isinstance(node, (wq.Prefix, wq.Wildcard, wq.FuzzyTerm, wq.Phrase))
        if costly and node.fieldname not in COSTLY_QUERY_FIELDS:
            return wq.NullQuery  # headings are in the body too, and each field costs a pass
        if isinstance(node, wq.Prefix):
            raw = next((r for r in raw_prefixes if r.startswith(node.text)), node.text)
            terms = expansion.prefix_terms(reader, node.fieldname, raw, reader.schema)
            return expansion.capped(node.fieldname, terms, node.boost)
        if isinstance(node, wq.Wildcard):
            terms = expansion.wildcard_terms(reader, node.fieldname, node.text)
            return expansion.capped(node.fieldname, terms, node.boost)
        if isinstance(node, wq.FuzzyTerm):
            node.maxdist = min(node.maxdist, 2)
            node.prefixlength = max(node.prefixlength, 2)
            terms = expansion.fuzzy_terms(reader, node)
            return expansion.capped(node.fieldname, terms, node.boost)
        if isinstance(node, wq.Phrase):
            return _short_phrase(node)
        if node.is_leaf():
            return node
        return _not_excludes(node.apply(rewrite))

    result = rewrite(q).normalize()
    if not isinstance(result, wq.qcore._NullQuery):
        result = fielded_words(result, reader)
    return None if isinstance(result, wq.qcore._NullQuery) else result


def fielded_words(node: wq.Query, reader) -> wq.Query:
    """Each word's terms in several fields (as the parser writes them) become one
    FieldedWord, so the word is scored once over all its fields (BM25F).

    A word found in most articles ("disease", "pain") keeps only its title, headings and
    summary parts when rarer words of the group match: in a body it tells articles apart by
    almost nothing, yet scoring it there means visiting nearly every article ("nerve pain
    medication" spent most of its time on "pain"), while "Kidney Disease" still has to beat
    "Kidney Dysplasia" on it. Nothing is trimmed when the rarer words match no article.
    """
    if isinstance(node, FieldedWord):
        return node
    if isinstance(node, wq.Or):
        groups: dict[str, list[wq.Term]] = {}
        others: list[wq.Query] = []
        for child in node.subqueries:
            if type(child) is wq.Term:
                groups.setdefault(child.text, []).append(child)
            else:
                others.append(fielded_words(child, reader))
        frequency = {
            word: max(reader.doc_frequency(t.fieldname, t.text) for t in terms)
            for word, terms in groups.items()
        }
        limit = COMMON_FRACTION * max(reader.doc_count(), 1)
        rare_words_match = any(0 < df <= limit for df in frequency.values())
        words = []
        for word, terms in groups.items():
            if len(terms) == 1:
                words.append(terms[0])
                continue
            if rare_words_match and frequency[word] > limit:
                terms = [t for t in terms if t.fieldname in COMMON_WORD_FIELDS]
                if not terms:
                    continue
            words.append(FieldedWord(terms, frequency=frequency[word]))
        children = words + others
        if not children:
            return wq.NullQuery
        if len(children) == 1:
            only = children[0]
            return only.with_boost(only.boost * node.boost) if node.boost != 1 else only
        return wq.Or(children, boost=node.boost, scale=node.scale)
    if isinstance(node, (wq.And, wq.AndNot, wq.AndMaybe, wq.Require, wq.Not)):
        return node.apply(lambda child: fielded_words(child, reader))
    return node


class SafeAndNot(wq.AndNot):
    """Whoosh's AndNot, with its first document checked against the excluded words too.

    Whoosh's AndNotMatcher only compares the first documents of both sides when they are
    equal, so "stiff NOT night" kept the first stiff article that mentions night whenever
    some earlier article also mentioned night.
    """

    def matcher(self, searcher, context=None):
        matcher = super().matcher(searcher, context)
        wanted, excluded = matcher.a, matcher.b
        if wanted.is_active() and excluded.is_active() and excluded.id() < wanted.id():
            excluded.skip_to(wanted.id())
            matcher._find_first()
        return matcher


def _not_excludes(node: wq.Query) -> wq.Query:
    """In an OR group, "stiff NOT night" means stiff but not night, not "stiff or not night"."""
    if not isinstance(node, wq.Or):
        return node
    excluded = [child.query for child in node.subqueries if isinstance(child, wq.Not)]
    if not excluded:
        return node
    kept = [child for child in node.subqueries if not isinstance(child, wq.Not)]
    if not kept:
        kept = [wq.Every()]  # "NOT stiff" alone: every article without the word
    positive = wq.Or(kept, boost=node.boost, scale=node.scale) if len(kept) > 1 else kept[0]
    negative = wq.Or(excluded) if len(excluded) > 1 else excluded[0]
    return SafeAndNot(positive, negative)


def _short_phrase(node: wq.Phrase) -> wq.Query:
    """A phrase without repeated neighbouring words and at most MAX_PHRASE_WORDS long.

    Checking word positions is the slowest thing Whoosh does; '"pain pain pain ..."' made
    it check every article that mentions pain, many times over.
    """
    words = [w for i, w in enumerate(node.words) if i == 0 or w != node.words[i - 1]]
    words = words[:MAX_PHRASE_WORDS]
    if len(words) == 1:
        return wq.Term(node.fieldname, words[0], boost=node.boost)
    return wq.Phrase(node.fieldname, words, slop=node.slop, boost=node.boost)


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
