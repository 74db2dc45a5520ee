"""The user's words as one Whoosh query over the article fields, ready to score.

Plain words are put together directly; text with deliberate syntax (phrases, `field:`,
wildcards, AND/OR/NOT, left by `query_reading.read`) goes through Whoosh's
MultifieldParser. Either way the words form one OR group. Prefixes, wildcards and fuzzy
terms are expanded on the raw word to capped term lists (`expansion.py`); each word's terms
in the four fields become one `FieldedWord`. Only the query is Whoosh's:
`fast/array_scoring.py` scores it, BM25F per word.

The group is built with OR_GROUP_SCALE, Whoosh's coordination bonus for articles matching
more of the words, but `expand` rebuilds it through Whoosh's `Query.apply`, which does not
keep `scale`: no bonus is given today, and the relevance figures in docs/relevance.md were
measured that way.
"""

from __future__ import annotations

import re

from whoosh import qparser
from whoosh import query as wq
from whoosh.qparser.common import QueryParserError

from mspain_kb.core.search import expansion
from mspain_kb.core.search.fast.array_scoring import FieldedWord
from mspain_kb.core.vocabulary.text import fold, words

MAX_PHRASE_WORDS = 6
SEARCH_FIELDS = ("title", "headings", "summary", "body")
# Where prefixes, wildcards, fuzzy words and phrases are matched: these are the slow kinds.
# Not the headings: they are in the body too. The summary is not (a phrase seen in a
# result's summary must be found when typed in quotes).
COSTLY_QUERY_FIELDS = ("title", "summary", "body")
# Weights of a word's occurrences in each field (BM25F: see array_scoring.FieldedWord).
FIELD_BOOSTS = {"title": 1.0, "headings": 1.5, "summary": 1.5, "body": 1.0}
COMMON_FRACTION = 0.5  # a word in more than this share of articles is "common"
OR_GROUP_SCALE = 0.9  # asked of the OR group; lost in `expand` (see the module docstring)
# Where a common word is still looked for: the fields that say what an article and its
# sections are about (see fielded_words).
COMMON_WORD_FIELDS = ("title", "headings", "summary")
PARSE_ERRORS = (QueryParserError, wq.QueryError)  # what the parser raises on text it refuses


def make_parser(schema) -> qparser.MultifieldParser:
    """Whoosh's parser for the four fields of `schema`, for queries with syntax. Made for
    each such query: it takes about 0.1 ms, a fifth of parsing one, so none is kept."""
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
    return parser


def reading_query(reading, schema, reader) -> tuple[wq.Query | None, bool]:
    """(the query for a `query_reading.Reading`, or None; whether it fell back to plain words).

    Plain words, the usual case, need no parser (it is slow on long text). Syntax goes
    through Whoosh's parser; should it refuse what `read` left (it has not, in 30,000 random
    mixes of quotes, brackets, operators, fields and wildcards), the words are searched
    plainly and the search says so.
    """
    if not reading.query:
        return None, False
    if reading.plain:
        return expand(plain_words_query(reading.query, schema), "", reader), False
    try:
        return expand(make_parser(schema).parse(reading.query), reading.query, reader), False
    except PARSE_ERRORS:
        found = plain_query(reading.query, schema, reader)
        return found, found is not None


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
    return expand(plain_words_query(" ".join(typed), schema), "", reader)


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
