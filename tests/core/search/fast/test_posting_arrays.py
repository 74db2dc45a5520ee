"""Both posting readers read what Whoosh's public API reads, and the fast one is used only
when its self-test agrees.

`Postings` (public matcher API) and `BlockPostings` (Whoosh's codec blocks) give every
posting list, field length and phrase of the generated collection (conftest.py) as Whoosh
does. When an index generation opens, `open_postings` compares them on a sample: on a sound
index the fast reader is used; when it reads something else, or fails, the public one is,
search still finds the same articles, and the error log says so.
"""

from __future__ import annotations

import numpy as np
import pytest
from whoosh import query as wq

from mspain_kb.core.search.fast import posting_arrays, segment_arrays
from mspain_kb.core.search.fast.posting_arrays import BlockPostings, decode_positions
from mspain_kb.core.search.fast.segment_arrays import MappedPostings
from mspain_kb.core.search.phrase_tokens import known_phrases_of, phrase_term
from mspain_kb.core.search.postings import Postings
from mspain_kb.core.search.postings_check import first_difference, open_postings
from mspain_kb.core.search.service import SearchService


@pytest.fixture(params=[Postings, BlockPostings, MappedPostings], ids=["public", "blocks", "files"])
def reader_kind(request):
    return request.param


def test_posting_arrays_are_whooshs_postings(collection, reader_kind):
    index, _ = collection
    searcher = index.searcher()
    reader = searcher.reader()
    arrays = reader_kind(searcher)
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


def test_field_lengths_are_whooshs(collection, reader_kind):
    index, _ = collection
    searcher = index.searcher()
    arrays = reader_kind(searcher)
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


def test_phrases_find_what_whoosh_finds(collection, reader_kind):
    index, _ = collection
    searcher = index.searcher()
    arrays = reader_kind(searcher)
    everything = np.flatnonzero(arrays.live)
    for words in (["spinal", "cord"], ["side", "effect"], ["nerv", "pain"], ["pain", "pain"]):
        found = arrays.phrase_documents("body", words, everything)
        expected = sorted(searcher.docs_for_query(wq.Phrase("body", words)))
        assert found.tolist() == expected


def test_known_terms_indexed_as_one_token_find_what_positions_find(collection, reader_kind):
    """ "spinal cord" read from its own token gives the articles a position check gives."""
    index, _ = collection
    searcher = index.searcher()
    arrays = reader_kind(searcher)
    everything = np.flatnonzero(arrays.live)
    known = known_phrases_of(searcher.schema, "body")
    assert ("spinal", "cord") in known
    found_any = 0
    for words in sorted(known):
        ids = arrays.postings("body", phrase_term(words))[0]
        by_token = sorted(set(ids[arrays.live[ids]].tolist()))
        by_positions = arrays.phrase_documents("body", list(words), everything).tolist()
        assert by_token == by_positions, words
        found_any += bool(by_token)
    assert found_any > 20


def test_the_fast_reader_agrees_with_the_public_one_on_a_sound_index(collection):
    """On a sound index (several segments, deletions) the self-test picks the fast reader
    and writes nothing to the log."""
    index, _ = collection
    searcher = index.searcher()
    logged: list[str] = []
    assert first_difference(BlockPostings(searcher), Postings(searcher)) is None
    assert first_difference(MappedPostings(searcher), Postings(searcher)) is None
    assert type(open_postings(searcher, logged.append)) is MappedPostings
    assert logged == []


def _wrong_postings(matcher):
    ids, weights = posting_arrays._block_postings(matcher)
    return ids, weights + 1  # one more of every word: a reader that misreads the blocks


@pytest.mark.parametrize("fault", ["misread", "fails"])
def test_a_fast_reader_that_disagrees_is_not_used_and_the_log_says_so(
    collection, vocabulary, monkeypatch, fault
):
    """When the fast reader misreads the blocks or fails (as a changed Whoosh internal
    would), search uses the public reader: the same articles in the same order, and one
    line in the error log."""
    index, _ = collection
    queries = ["spasticity", "pins and needles", '"spinal cord"', "fatigue sleep", "spa*"]
    before = SearchService(index, vocabulary)
    expected = [[hit.id for hit in before.search(text).hits] for text in queries]
    # The verdict saved at sync holds for this Whoosh only: as after an upgrade, test again.
    monkeypatch.setattr(index._manifest, "checked_reader", "whoosh 0.0")
    if fault == "misread":
        monkeypatch.setattr(posting_arrays, "_block_postings", _wrong_postings)
        read_file = segment_arrays.SegmentArrays.postings

        def wrong_file(self, fieldname, btext):
            found = read_file(self, fieldname, btext)
            return found if found is None else (found[0], found[1] + 1)

        monkeypatch.setattr(segment_arrays.SegmentArrays, "postings", wrong_file)
    else:
        monkeypatch.setattr(posting_arrays, "_leaf_lengths", lambda *args: args.missing)
    logged: list[str] = []
    service = SearchService(index, vocabulary, log=logged.append)
    found = [[hit.id for hit in service.search(text).hits] for text in queries]
    assert found == expected
    assert type(service._data.postings) is Postings
    assert len(logged) == 1 and "public matcher API" in logged[0]
    assert "array files" in logged[0] and "block reader" in logged[0]
    assert ("AttributeError" in logged[0]) == (fault == "fails")
