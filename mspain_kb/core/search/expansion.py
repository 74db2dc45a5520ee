"""Prefixes, wildcards and typo-tolerant words, expanded to a capped list of indexed words.

Expansion happens on the raw, unstemmed word (the stemmer would turn `spas*` into `spa*`),
to at most MAX_EXPANSIONS of the most frequent words among the first MAX_CANDIDATES
lexicon entries looked at, so `s*` cannot explode into thousands of words and time stays
bounded. The words are scored as one flat array union.
"""

from __future__ import annotations

import fnmatch
import heapq
import itertools
import re

from rapidfuzz.distance import Levenshtein
from whoosh import query as wq

MAX_EXPANSIONS = 16  # terms a prefix, wildcard or fuzzy word may expand to
MAX_CANDIDATES = 1000  # lexicon entries looked at per expansion, so time stays bounded


def top_by_frequency(pairs) -> list[str]:
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


def prefix_terms(reader, fieldname: str, raw: str, schema) -> list[str]:
    if len(raw) < 2:
        return []
    found = top_by_frequency(
        (term, info.doc_frequency()) for term, info in reader.iter_prefix(fieldname, raw)
    )
    # "spasticity*" should still find the stem "spastic", which does not start with it.
    stems = [t.text for t in schema[fieldname].analyzer(raw, mode="query")]
    for stem in stems:
        if stem not in found and (fieldname, stem) in reader:
            found.append(stem)
    return found


def wildcard_terms(reader, fieldname: str, pattern: str) -> list[str]:
    literal = re.split(r"[*?]", pattern, maxsplit=1)[0]
    if len(literal) < 2:
        return []
    regex = re.compile(fnmatch.translate(pattern))
    return top_by_frequency(
        (term, info.doc_frequency())
        for term, info in reader.iter_prefix(fieldname, literal)
        if regex.match(_text(term))
    )


def fuzzy_terms(reader, node: wq.FuzzyTerm) -> list[str]:
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
    return top_by_frequency((term, reader.doc_frequency(node.fieldname, term)) for term in close)


def capped(fieldname: str, terms: list[str], boost: float = 1.0) -> wq.Query:
    if not terms:
        return wq.NullQuery
    if len(terms) == 1:
        return wq.Term(fieldname, terms[0], boost=boost)
    union = wq.Or([wq.Term(fieldname, term, boost=boost) for term in terms])
    union.matcher_type = wq.Or.ARRAY_MATCHER  # flat array union: no deep matcher tree
    return union
