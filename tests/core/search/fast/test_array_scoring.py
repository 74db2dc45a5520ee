"""Scoring with posting arrays gives what Whoosh's own matchers give, on every document.

The collection (conftest.py) is a few hundred generated articles in two index segments,
with deleted and replaced articles: the cases where counting with Whoosh's collector used
to miss matches.
"""

from __future__ import annotations

import numpy as np
from whoosh import query as wq

from bench.queries import QUERY_CLASSES
from mspain_kb.core.search import query as query_module
from mspain_kb.core.search import word_query
from mspain_kb.core.search.fast.array_scoring import ArrayScorer, FieldedWord, top_documents
from tests.core.search.fast.conftest import walk

QUERIES = [text for group in QUERY_CLASSES.values() for text, tags in group if not tags] + [
    "stiff NOT night",
    "spasticity AND walking",
    '"spinal cord" OR bladder',
    "title:pain",
    "tag:spasticity",
]


def test_whole_term_tokens_are_not_prefix_or_typo_expansions(collection, vocabulary):
    index, service = collection
    searcher = index.searcher()
    for text in ("spinal* sid~1", "spi?al", "sid*"):
        parsed = query_module.parse(text, searcher.schema, vocabulary, searcher.reader())
        terms = list(parsed.query.iter_all_terms())
        assert terms and all(" " not in term for _, term in terms), text
    assert service.search("spinal*").total == service.search("spinal").total > 0


def _as_whoosh_sums(q):
    """The same query with each FieldedWord as the plain OR Whoosh would score."""
    if isinstance(q, FieldedWord):
        return wq.Or(list(q.subqueries), boost=q.boost)
    if q.is_leaf():
        return q
    return q.apply(_as_whoosh_sums)


def test_every_query_scores_every_document_as_whoosh_does(collection, vocabulary, fast_reader):
    """Words, OR/AND/NOT groups, phrases and prefixes score as Whoosh's matchers score them
    (each word's fields added up, as Whoosh does; BM25F is checked below)."""
    index, _ = collection
    searcher = index.searcher()
    arrays = fast_reader(searcher)
    compared = 0
    for text in QUERIES:
        parsed = query_module.parse(text, searcher.schema, vocabulary, searcher.reader())
        if parsed.query is None:
            continue
        q = _as_whoosh_sums(parsed.query)
        expected = walk(searcher, q)
        scores = ArrayScorer(arrays).evaluate(q)
        matched = np.flatnonzero(scores.match).tolist()
        assert matched == sorted(expected), text
        assert np.allclose([expected[d] for d in matched], scores.score[matched]), text
        compared += len(matched)
    assert compared > 2000


def _bm25f(searcher, word: str, boosts: dict[str, float]) -> dict[int, float]:
    """BM25F computed the long way, from Whoosh's public statistics: per-field weighted,
    length-normalised frequencies, the title saturated on its own, one idf for the word."""
    reader = searcher.reader()
    streams: dict[int, dict[bool, float]] = {}
    for fieldname, boost in boosts.items():
        if (fieldname, word) not in reader:
            continue
        average = searcher.avg_field_length(fieldname)
        matcher = reader.postings(fieldname, word)
        while matcher.is_active():
            docnum = matcher.id()
            length = reader.doc_field_length(docnum, fieldname) or 1
            norm = (1 - 0.75) + 0.75 * length / average
            stream = streams.setdefault(docnum, {})
            title = fieldname == "title"
            stream[title] = stream.get(title, 0.0) + boost * matcher.weight() / norm
            matcher.next()
    frequency = max(reader.doc_frequency(name, word) for name in boosts)
    idf = np.log(reader.doc_count_all() / (frequency + 1)) + 1
    return {
        docnum: sum(idf * tf * 2.2 / (tf + 1.2) for tf in stream.values())
        for docnum, stream in streams.items()
    }


def test_a_word_in_several_fields_scores_as_bm25f(collection, fast_reader):
    """A word searched in title, headings, summary and body is scored once over all of them."""
    index, _ = collection
    searcher = index.searcher()
    arrays = fast_reader(searcher)
    boosts = word_query.FIELD_BOOSTS
    for word in ("spastic", "pain", "walk", "lhermitt", "bladder"):
        terms = [wq.Term(name, word, boost=b) for name, b in boosts.items()]
        frequency = max(searcher.reader().doc_frequency(name, word) for name in boosts)
        fielded = FieldedWord(terms, frequency=frequency)
        expected = _bm25f(searcher, word, boosts)
        scores = ArrayScorer(arrays).evaluate(fielded)
        matched = np.flatnonzero(scores.match).tolist()
        assert matched == sorted(expected), word
        assert np.allclose([expected[d] for d in matched], scores.score[matched]), word


def test_a_word_in_summary_and_body_counts_less_than_twice(collection, fast_reader):
    """Whoosh's per-field sum counted a word again for each field; BM25F saturates them."""
    index, _ = collection
    searcher = index.searcher()
    arrays = fast_reader(searcher)
    terms = [wq.Term(name, "pain") for name in ("summary", "body")]
    fielded = ArrayScorer(arrays).evaluate(FieldedWord(terms)).score
    summed = ArrayScorer(arrays).evaluate(wq.Or(terms)).score
    both = np.flatnonzero(ArrayScorer(arrays).evaluate(wq.And(terms)).match & (fielded > 0))
    assert len(both) > 10
    assert (fielded[both] < summed[both]).all()


def test_totals_topics_and_top_hits_count_every_matching_article(collection, fast_reader):
    """The total and topic counts are the articles the query matches, not the ones a
    ranking shortcut happened to visit; the hits are the best-scored of them."""
    from mspain_kb.core.search.ranking import rank

    index, service = collection
    searcher = index.searcher()
    tags_of = {
        fields["id"]: set(filter(None, fields.get("tags", "").split(",")))
        for fields in searcher.all_stored_fields()
    }
    for text in ("spasticity", "pins and needles", "fatigue sleep", '"side effects"', "spa*"):
        result = service.search(text, limit=10)
        parsed = query_module.parse(text, searcher.schema, service.vocabulary, searcher.reader())
        parts = [parsed.query, *(part.query for part in parsed.topic_parts)]
        expected = set().union(*(walk(searcher, _as_whoosh_sums(q)) for q in parts if q))
        assert result.total == len(expected) > 10, text
        ids = [searcher.stored_fields(d)["id"] for d in expected]
        for tag, count in result.facets.items():
            assert count == sum(tag in tags_of[i] for i in ids), (text, tag)
        scores = rank(ArrayScorer(fast_reader(searcher)), parsed, {})
        key = {
            d: (-round(scores.score[d], 9), searcher.stored_fields(d)["title"].casefold())
            for d in expected
        }
        best = sorted(expected, key=lambda d: key[d])[:10]
        assert [hit.id for hit in result.hits] == [searcher.stored_fields(d)["id"] for d in best]


def test_top_documents_breaks_ties_by_the_given_order_else_document_number():
    scores = np.array([1.0, 3.0, 3.0, 2.0, 3.0])
    match = np.array([True, True, False, True, True])
    assert top_documents(scores, match, 2) == [(3.0, 1), (3.0, 4)]
    assert top_documents(scores, match, 10) == [(3.0, 1), (3.0, 4), (2.0, 3), (1.0, 0)]
    assert top_documents(scores, np.zeros(5, dtype=bool), 3) == []
    by_title = np.array([4, 3, 2, 1, 0])  # document 4's title comes first
    assert top_documents(scores, match, 2, by_title) == [(3.0, 4), (3.0, 1)]
    nearly = scores + np.array([0, 0, 0, 0, 1e-12])  # float noise is still a tie
    assert [d for _, d in top_documents(nearly, match, 2, by_title)] == [4, 1]
