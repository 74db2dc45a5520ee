"""Searching with posting arrays gives what Whoosh's own matchers give, on every document.

The collection is a few hundred generated articles in two index segments, with deleted and
replaced articles, so posting lists span many blocks and segments: the cases where reading
Whoosh's blocks directly could go wrong, and where counting with Whoosh's collector used to
miss matches.
"""

from __future__ import annotations

import numpy as np
import pytest
from whoosh import query as wq

from bench import generate
from bench.queries import QUERY_CLASSES
from mspain_kb.core.search import query as query_module
from mspain_kb.core.search import word_query
from mspain_kb.core.search.fast.array_scoring import ArrayScorer, FieldedWord, top_documents
from mspain_kb.core.search.fast.posting_arrays import (
    PostingArrays,
    decode_positions,
    phrase_documents,
)
from mspain_kb.core.search.index import KnowledgeIndex
from mspain_kb.core.search.phrase_tokens import known_phrases_of, phrase_term
from mspain_kb.core.search.service import SearchService

QUERIES = [text for group in QUERY_CLASSES.values() for text, tags in group if not tags] + [
    "stiff NOT night",
    "spasticity AND walking",
    '"spinal cord" OR bladder',
    "title:pain",
    "tag:spasticity",
]


@pytest.fixture(scope="module")
def collection(tmp_path_factory, vocabulary, phrases):
    folder = tmp_path_factory.mktemp("generated")
    articles = folder / "articles"
    generate.write_collection(articles, 320, seed=11)
    index = KnowledgeIndex(folder / "index", articles, vocabulary, phrases)
    index.sync(rebuild=True)
    files = sorted(articles.glob("*.md"))
    for path in files[:6]:  # deleted
        path.unlink()
    for number, path in enumerate(files[10:16]):  # replaced: a second segment, deletions
        text, _ = generate.article_text(seed=99, number=number)
        path.write_text(text, encoding="utf-8")
    index.sync()
    searcher = index.searcher()
    assert len(searcher.reader().leaf_readers()) >= 2 or searcher.reader().has_deletions()
    yield index, SearchService(index, vocabulary)
    index.close()


def _walk(searcher, q) -> dict[int, float]:
    """Every document Whoosh's matcher tree matches, with its score (no collector)."""
    found = {}
    matcher = q.matcher(searcher, searcher.context())
    while matcher.is_active():
        found[matcher.id()] = matcher.score()
        matcher.next()
    return found


def test_posting_arrays_are_whooshs_postings(collection):
    index, _ = collection
    searcher = index.searcher()
    reader = searcher.reader()
    arrays = PostingArrays(searcher)
    checked = 0
    for fieldname in ("title", "headings", "summary", "body", "tags"):
        for term in list(reader.field_terms(fieldname))[::7][:60]:
            ids, weights = arrays.postings(fieldname, term)
            live = arrays.live[ids]
            matcher = reader.postings(fieldname, term)
            expected_ids, expected_weights = [], []
            while matcher.is_active():
                expected_ids.append(matcher.id())
                expected_weights.append(matcher.weight())
                matcher.next()
            assert ids[live].tolist() == expected_ids
            assert np.allclose(weights[live], expected_weights)
            checked += 1
    assert checked > 100
    long_list = max(reader.field_terms("body"), key=lambda t: reader.doc_frequency("body", t))
    assert reader.doc_frequency("body", long_list) > 128  # more than one block


def test_field_lengths_are_whooshs(collection):
    index, _ = collection
    searcher = index.searcher()
    arrays = PostingArrays(searcher)
    for fieldname in ("title", "headings", "summary", "body", "tags"):
        expected = [
            searcher.reader().doc_field_length(docnum, fieldname) or 1
            for docnum in range(arrays.size)
        ]
        assert arrays.lengths(fieldname).tolist() == expected


def test_positions_decode_as_whoosh_decodes_them(collection):
    index, _ = collection
    searcher = index.searcher()
    for fieldname in ("title", "body"):  # Positions and Characters formats
        field = searcher.schema[fieldname]
        term = max(
            searcher.reader().field_terms(fieldname),
            key=lambda t: searcher.reader().doc_frequency(fieldname, t),
        )
        matcher = searcher.reader().postings(fieldname, term)
        encoded, values = [], []
        while matcher.is_active():
            encoded.append(matcher.value())
            values.append(matcher.value_as("positions"))
            matcher.next()
        counts, positions = decode_positions(field.format, encoded)
        assert counts.tolist() == [len(p) for p in values]
        assert positions.tolist() == [p for found in values for p in found]


def test_phrases_find_what_whoosh_finds(collection):
    index, _ = collection
    searcher = index.searcher()
    arrays = PostingArrays(searcher)
    everything = np.flatnonzero(arrays.live)
    for words in (["spinal", "cord"], ["side", "effect"], ["nerv", "pain"], ["pain", "pain"]):
        found = phrase_documents(arrays, "body", words, everything)
        expected = sorted(searcher.docs_for_query(wq.Phrase("body", words)))
        assert found.tolist() == expected


def test_known_terms_indexed_as_one_token_find_what_positions_find(collection):
    """ "spinal cord" read from its own token gives the articles a position check gives."""
    index, _ = collection
    searcher = index.searcher()
    arrays = PostingArrays(searcher)
    everything = np.flatnonzero(arrays.live)
    known = known_phrases_of(searcher.schema, "body")
    assert ("spinal", "cord") in known
    found_any = 0
    for words in sorted(known):
        ids = arrays.postings("body", phrase_term(words))[0]
        by_token = sorted(set(ids[arrays.live[ids]].tolist()))
        by_positions = phrase_documents(arrays, "body", list(words), everything).tolist()
        assert by_token == by_positions, words
        found_any += bool(by_token)
    assert found_any > 20


def test_phrase_filter_saved_in_an_index_loads_with_only_its_phrases():
    """The schema keeps only the phrase set, so an index built by another version (whose
    filter had other attributes) still indexes and searches."""
    import pickle

    from mspain_kb.core.search.phrase_tokens import PhraseTokenFilter

    saved = PhraseTokenFilter({("spinal", "cord")})
    older = pickle.loads(pickle.dumps(saved))
    del older.__dict__["_ending"]  # as if pickled by a version that did not have it
    older.__setstate__({"phrases": older.phrases})
    loaded = pickle.loads(pickle.dumps(saved))
    for filter_ in (older, loaded):
        assert filter_ == saved
        analyzer = _analyzer_with(filter_)
        texts = [token.text for token in analyzer("the spinal cord", positions=True, chars=True)]
        assert texts == ["spinal", "cord", "spinal cord"]


def _analyzer_with(filter_):
    from mspain_kb.core.search.schema import text_analyzer

    return text_analyzer() | filter_


def test_whole_term_tokens_are_not_prefix_or_typo_expansions(collection, vocabulary):
    index, service = collection
    searcher = index.searcher()
    for text in ("spinal* sid~1", "spi?al", "sid*"):
        parsed = query_module.parse(text, searcher.schema, vocabulary, searcher.reader())
        assert all(" " not in term for _, term in parsed.query.terms()), text
    assert service.search("spinal*").total == service.search("spinal").total > 0


def _as_whoosh_sums(q):
    """The same query with each FieldedWord as the plain OR Whoosh would score."""
    if isinstance(q, FieldedWord):
        return wq.Or(list(q.subqueries), boost=q.boost)
    if q.is_leaf():
        return q
    return q.apply(_as_whoosh_sums)


def test_every_query_scores_every_document_as_whoosh_does(collection, vocabulary):
    """Words, OR/AND/NOT groups, phrases and prefixes score as Whoosh's matchers score them
    (each word's fields added up, as Whoosh does; BM25F is checked below)."""
    index, _ = collection
    searcher = index.searcher()
    arrays = PostingArrays(searcher)
    compared = 0
    for text in QUERIES:
        parsed = query_module.parse(text, searcher.schema, vocabulary, searcher.reader())
        if parsed.query is None:
            continue
        q = _as_whoosh_sums(parsed.query)
        expected = _walk(searcher, q)
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


def test_a_word_in_several_fields_scores_as_bm25f(collection):
    """A word searched in title, headings, summary and body is scored once over all of them."""
    index, _ = collection
    searcher = index.searcher()
    arrays = PostingArrays(searcher)
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


def test_a_word_in_summary_and_body_counts_less_than_twice(collection):
    """Whoosh's per-field sum counted a word again for each field; BM25F saturates them."""
    index, _ = collection
    searcher = index.searcher()
    arrays = PostingArrays(searcher)
    terms = [wq.Term(name, "pain") for name in ("summary", "body")]
    fielded = ArrayScorer(arrays).evaluate(FieldedWord(terms)).score
    summed = ArrayScorer(arrays).evaluate(wq.Or(terms)).score
    both = np.flatnonzero(ArrayScorer(arrays).evaluate(wq.And(terms)).match & (fielded > 0))
    assert len(both) > 10
    assert (fielded[both] < summed[both]).all()


def test_totals_topics_and_top_hits_count_every_matching_article(collection):
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
        expected = set().union(*(_walk(searcher, _as_whoosh_sums(q)) for q in parts if q))
        assert result.total == len(expected) > 10, text
        ids = [searcher.stored_fields(d)["id"] for d in expected]
        for tag, count in result.facets.items():
            assert count == sum(tag in tags_of[i] for i in ids), (text, tag)
        scores = rank(ArrayScorer(PostingArrays(searcher)), parsed, {})
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
