"""From what the user typed to a Whoosh query that is safe to run on any collection.

- The text is cleaned first (control characters out, at most 500 characters and 30 words).
- `tag:X` / `NOT tag:X` are taken out of the text and become filters (topic id or label).
- The rest goes through Whoosh's MultifieldParser (words, "phrases", AND/OR/NOT, title:,
  word~1), with an OR group that gives a bonus to articles matching every word.
- Prefixes, wildcards and fuzzy terms are expanded here, on the raw unstemmed word, to at
  most MAX_EXPANSIONS of the most frequent terms, scored with Whoosh's array-based OR, so
  `s*` cannot explode into thousands of union matchers.
- Lay phrases ("pins and needles") add boosted clauses for their topics.
"""

from __future__ import annotations

import fnmatch
import heapq
import itertools
import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein
from whoosh import qparser
from whoosh import query as wq

from mspain_kb.core.topics import LayMatch, fold

MAX_QUERY_CHARS = 500
MAX_QUERY_WORDS = 30
MAX_EXPANSIONS = 16  # terms a prefix, wildcard or fuzzy word may expand to
MAX_CANDIDATES = 1000  # lexicon entries looked at per expansion, so time stays bounded
MAX_PHRASE_WORDS = 6
SEARCH_FIELDS = ("title", "headings", "summary", "body")
# Where prefixes, wildcards, fuzzy words and phrases are matched: these are the slow kinds.
COSTLY_QUERY_FIELDS = ("title", "body")
FIELD_BOOSTS = {"title": 3.0, "headings": 1.5, "summary": 1.5, "body": 1.0}
TOPIC_BOOST = 2.5  # weight of an article tagged with a topic the user described
LABEL_BOOST = 0.5  # weight of the topic label's words in titles, headings and summaries
LABEL_FIELDS = ("title", "headings", "summary")
COMMON_FRACTION = 0.5  # a word in more than this share of articles is "common"
# Label words too general to mark in an article ("cramps" should not light up every "muscle").
GENERIC_LABEL_WORDS = frozenset({"pain", "and", "or", "the", "muscle", "lower", "physical"})

_TAG_RE = re.compile(r'(?:(?<=\s)|^)(NOT\s+|-)?tags?:(?:"([^"]*)"?|(\S*))', re.IGNORECASE)
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Parts of a query that are not read for lay phrases: excluded words and field searches.
_NOT_LAY_RE = re.compile(r'\bNOT\s+(?:"[^"]*"?|\([^)]*\)?|\S+)|\b\w+:(?:"[^"]*"?|\S*)')
_WILDCARD_TOKEN_RE = re.compile(r"[^\s()\"*?:]+(?=[*?])")


@dataclass
class ParsedQuery:
    text: str  # the cleaned query text, tag clauses removed
    query: wq.Query | None  # None when there are no words to search
    tags: list[str] = field(default_factory=list)  # topic ids every hit must have
    excluded_tags: list[str] = field(default_factory=list)
    unknown_tags: list[str] = field(default_factory=list)
    lay_matches: list[LayMatch] = field(default_factory=list)
    fallback: bool = False


def clean_text(text: str) -> str:
    """Drop control characters, collapse spaces, and cap the length and the word count."""
    text = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") else ch
        for ch in str(text)[: MAX_QUERY_CHARS * 4]
    )
    words = text.split()[:MAX_QUERY_WORDS]
    return " ".join(words)[:MAX_QUERY_CHARS]


def lay_readings(vocabulary, text: str, literal_phrases=()) -> list[LayMatch]:
    """The lay phrases in `text` read as topics, except those the user asked to take literally."""
    literal = {fold(phrase) for phrase in literal_phrases}
    matches = vocabulary.match_lay_phrases(lay_text(text))
    return [m for m in matches if fold(m.phrase) not in literal and fold(m.text) not in literal]


def lay_text(text: str) -> str:
    """The part of a query read for lay phrases: no excluded words, no field searches."""
    return _NOT_LAY_RE.sub(" ", text)


def plain_words(text: str) -> list[str]:
    """The words in `text`, without any query syntax."""
    return [match.group(0) for match in _WORD_RE.finditer(text)]


_PARSERS: dict[int, qparser.MultifieldParser] = {}


def _parser(schema) -> qparser.MultifieldParser:
    """One parser per schema object (building one costs more than parsing a query)."""
    parser = _PARSERS.get(id(schema))
    if parser is not None and parser.schema is schema:
        return parser
    parser = qparser.MultifieldParser(
        list(SEARCH_FIELDS), schema, fieldboosts=FIELD_BOOSTS, group=qparser.OrGroup.factory(0.9)
    )
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.remove_plugin_class(qparser.RangePlugin)
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
    words_query = None
    if plain_words(rest):
        try:
            words_query = expand(_parser(schema).parse(rest), rest, schema, reader)
        except Exception:  # noqa: BLE001 - any parser failure falls back to plain words
            words_query = None
        if words_query is None:
            words_query = plain_query(rest, schema, reader)
            parsed.fallback = words_query is not None
    extra = topic_clauses(parsed.lay_matches, schema)
    excluded = None
    if isinstance(words_query, SafeAndNot):  # exclusions apply to the topic clauses too
        words_query, excluded = words_query.a, words_query.b
    clauses = [q for q in (words_query, *extra) if q is not None]
    if clauses:
        parsed.query = clauses[0] if len(clauses) == 1 else wq.Or(clauses)
        if excluded is not None:
            parsed.query = SafeAndNot(parsed.query, excluded)
    return parsed


def plain_query(text: str, schema, reader) -> wq.Query | None:
    """A plain OR of the words in `text`, ignoring every bit of syntax."""
    words = [w.lower() for w in plain_words(text) if w not in ("AND", "OR", "NOT", "ANDNOT")]
    if not words:
        return None
    try:
        return expand(_parser(schema).parse(" ".join(words)), text, schema, reader)
    except Exception:  # noqa: BLE001
        return None


def expand(q: wq.Query, text: str, schema, reader) -> wq.Query | None:
    """Replace prefix, wildcard and fuzzy parts with capped term lists; None if nothing left."""
    raw_prefixes = [fold(token) for token in _WILDCARD_TOKEN_RE.findall(text)]

    def rewrite(node: wq.Query) -> wq.Query:
        if isinstance(node, wq.Every):
            return wq.NullQuery  # a lone "*" is not a search
        costly = isinstance(node, (wq.Prefix, wq.Wildcard, wq.FuzzyTerm, wq.Phrase))
        if costly and node.fieldname not in COSTLY_QUERY_FIELDS:
            return wq.NullQuery  # headings are in the body too, and each field costs a pass
        if isinstance(node, wq.Prefix):
            raw = next((r for r in raw_prefixes if r.startswith(node.text)), node.text)
            terms = _prefix_terms(reader, node.fieldname, raw, schema)
            return _capped(node.fieldname, terms, node.boost)
        if isinstance(node, wq.Wildcard):
            terms = _wildcard_terms(reader, node.fieldname, node.text)
            return _capped(node.fieldname, terms, node.boost)
        if isinstance(node, wq.FuzzyTerm):
            node.maxdist = min(node.maxdist, 2)
            node.prefixlength = max(node.prefixlength, 2)
            return _capped(node.fieldname, _fuzzy_terms(reader, node), node.boost)
        if isinstance(node, wq.Phrase):
            return _short_phrase(node)
        if node.is_leaf():
            return node
        return _not_excludes(_without_common_terms(node.apply(rewrite), reader))

    result = rewrite(q).normalize()
    if result is wq.NullQuery or isinstance(result, wq.qcore._NullQuery):
        return None
    return result


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


def _without_common_terms(node: wq.Query, reader) -> wq.Query:
    """Drop words found in most articles from an OR group when its rarer words still match.

    BM25 gives such a word almost no weight (its idf is near zero) yet scoring it means
    visiting nearly every article: "nerve pain medication" spent most of its time on "pain".
    Commonness belongs to a word, not to one field (the parser flattens "word in title,
    headings, summary or body" into one group, and a word common in bodies is rare in
    titles), so all of a common word's terms go together. Nothing is dropped when the rarer
    words match no article, or when every word is common.
    """
    if not isinstance(node, wq.Or) or len(node.subqueries) < 2:
        return node
    limit = COMMON_FRACTION * max(reader.doc_count(), 1)
    frequency: dict[str, int] = {}
    for child in node.subqueries:
        if isinstance(child, wq.Term):
            df = reader.doc_frequency(child.fieldname, child.text)
            frequency[child.text] = max(frequency.get(child.text, 0), df)
    common = {word for word, df in frequency.items() if df > limit}
    if not common:
        return node
    kept = [c for c in node.subqueries if not (isinstance(c, wq.Term) and c.text in common)]
    rare_words_match = any(df for word, df in frequency.items() if word not in common)
    if not rare_words_match:
        return node
    return wq.Or(kept, boost=node.boost, scale=node.scale) if len(kept) > 1 else kept[0]


def _top_by_frequency(pairs) -> list[str]:
    """The MAX_EXPANSIONS most frequent terms among the first MAX_CANDIDATES (term, df).

    Whole multi-word terms indexed as one token (phrase_tokens.py) are never expansions.
    """
    limited = itertools.islice(pairs, MAX_CANDIDATES)
    words = ((_text(term), df) for term, df in limited)
    top = heapq.nlargest(MAX_EXPANSIONS, (p for p in words if " " not in p[0]), key=lambda p: p[1])
    return [term for term, _ in top]


def _text(term: str | bytes) -> str:
    """Whoosh's lexicon gives terms as UTF-8 bytes; queries and stems are text."""
    return term.decode("utf-8") if isinstance(term, bytes) else term


def _prefix_terms(reader, fieldname: str, raw: str, schema) -> list[str]:
    if len(raw) < 2:
        return []
    found = _top_by_frequency(
        (term, info.doc_frequency()) for term, info in reader.iter_prefix(fieldname, raw)
    )
    # "spasticity*" should still find the stem "spastic", which does not start with it.
    stems = [t.text for t in schema[fieldname].analyzer(raw, mode="query")]
    for stem in stems:
        if stem not in found and (fieldname, stem) in reader:
            found.append(stem)
    return found


def _wildcard_terms(reader, fieldname: str, pattern: str) -> list[str]:
    literal = re.split(r"[*?]", pattern, maxsplit=1)[0]
    if len(literal) < 2:
        return []
    regex = re.compile(fnmatch.translate(pattern))
    return _top_by_frequency(
        (term, info.doc_frequency())
        for term, info in reader.iter_prefix(fieldname, literal)
        if regex.match(_text(term))
    )


def _fuzzy_terms(reader, node: wq.FuzzyTerm) -> list[str]:
    """Terms within `maxdist` edits sharing the first letters (rapidfuzz, not Whoosh's
    pure-Python automaton, which took ~0.5 s for a few fuzzy words at 1,000 articles)."""
    text = node.text
    prefix = text[: node.prefixlength]
    if not prefix:
        return []
    # Term texts only (no term info for each candidate, which a multi-segment reader merges
    # per term: 10x slower); document frequencies only for the few within reach.
    candidates = itertools.islice(reader.expand_prefix(node.fieldname, prefix), MAX_CANDIDATES)
    close = [
        term
        for term in candidates
        if Levenshtein.distance(text, _text(term), score_cutoff=node.maxdist) <= node.maxdist
    ]
    return _top_by_frequency((term, reader.doc_frequency(node.fieldname, term)) for term in close)


def _capped(fieldname: str, terms: list[str], boost: float = 1.0) -> wq.Query:
    if not terms:
        return wq.NullQuery
    if len(terms) == 1:
        return wq.Term(fieldname, terms[0], boost=boost)
    union = wq.Or([wq.Term(fieldname, term, boost=boost) for term in terms])
    union.matcher_type = wq.Or.ARRAY_MATCHER  # flat array union: no deep matcher tree
    return union


def topic_clauses(lay_matches: list[LayMatch], schema) -> list[wq.Query]:
    """Boosted clauses for each topic behind the lay phrases the user typed.

    The tag finds every article on the topic. The topic label's words ("neuropathic",
    "nerve") are looked for in titles, headings and summaries only, so an article that is
    about the topic ranks above one that merely carries the tag; searching them in every
    body cost a visit to each article mentioning them for little change in ranking.
    """
    clauses: list[wq.Query] = []
    seen: set[str] = set()
    for match in lay_matches:
        for topic in match.topics:
            if topic.id in seen:
                continue
            seen.add(topic.id)
            clauses.append(wq.Term("tags", topic.id, boost=TOPIC_BOOST))
            clauses.extend(_label_terms(topic.label, schema))
    return clauses


def _label_terms(label: str, schema) -> list[wq.Query]:
    words = [w for w in plain_words(label) if fold(w) not in GENERIC_LABEL_WORDS]
    terms: list[wq.Query] = []
    for fieldname in LABEL_FIELDS:
        analyzer = schema[fieldname].analyzer
        for word in words:
            for token in analyzer(word):
                boost = LABEL_BOOST * FIELD_BOOSTS[fieldname]
                terms.append(wq.Term(fieldname, token.text, boost=boost))
    return terms
