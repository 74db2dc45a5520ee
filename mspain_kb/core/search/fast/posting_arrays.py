"""Posting lists and field lengths read from the blocks of Whoosh's own codec (fast).

Whoosh hands out postings one at a time through Python matcher objects, which is what makes
broad searches slow on thousands of articles (`Postings`, the public-API reader in
`search/postings.py`, does just that). Its codec stores them in blocks of up to 128 postings
(document-number deltas and term frequencies as arrays), so a block can be turned into numpy
arrays in one step. This reads those blocks, and the one-byte length column of each field,
through `W3LeafMatcher`'s and the per-document reader's internals. `whoosh3` is pinned to
the exact version this was written against; `postings_check.open_postings` compares it with
the public reader on a sample of terms whenever an index generation opens, and uses it only
when they agree (tests/core/search/fast/test_posting_arrays.py checks both on every term
kind). Lists in any other form (small lists stored inline, other codecs) go through the
public API here too.
"""

from __future__ import annotations

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.util.numeric import _length_byte_cache

from mspain_kb.core.search.postings import (
    EMPTY_IDS,
    EMPTY_WEIGHTS,
    Postings,
    matcher_postings,
)


class BlockPostings(Postings):
    """`Postings` read block by block from the W3 codec's files."""

    name = "the fast block reader"

    def __init__(self, searcher):
        self.leaves = searcher.reader().leaf_readers()
        super().__init__(searcher)

    def _live_documents(self) -> np.ndarray:
        live = np.ones(self.size, dtype=bool)
        for leaf, offset in self.leaves:
            if leaf.has_deletions():
                deleted = np.fromiter(_deleted(leaf), dtype=np.int64)
                live[deleted + offset] = False
        return live

    def _read_postings(self, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        ids_parts, weight_parts = [], []
        for leaf, offset in self.leaves:
            if (fieldname, text) not in leaf:
                continue
            ids, weights = leaf_postings(leaf.postings(fieldname, text))
            ids_parts.append(ids + offset if offset else ids)
            weight_parts.append(weights)
        return joined(ids_parts, weight_parts)

    def _read_lengths(self, fieldname: str) -> np.ndarray:
        found = np.ones(self.size, dtype=np.float64)
        for leaf, offset in self.leaves:
            count = leaf.doc_count_all()
            found[offset : offset + count] = _leaf_lengths(leaf, fieldname, count)
        return found

    def positions(self, fieldname, word, candidates) -> tuple[np.ndarray, np.ndarray]:
        return _block_positions(self, fieldname, word, candidates)


_BYTE_TO_LENGTH = np.asarray(_length_byte_cache, dtype=np.float64)


def _leaf_lengths(leaf, fieldname: str, count: int) -> np.ndarray:
    """One segment's field lengths: its length column (one byte per document, Whoosh's
    logarithmic code) read in one piece."""
    column = leaf._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    raw = column._dbfile.get(column._basepos, column._count) if column else b""
    codes = np.zeros(count, dtype=np.uint8)
    stored = np.frombuffer(bytes(raw), dtype=np.uint8)[:count]
    codes[: len(stored)] = stored
    lengths = _BYTE_TO_LENGTH[codes]
    lengths[codes == 0] = 1  # no length stored: Whoosh's scorer default
    return lengths


def _deleted(leaf):
    found = getattr(leaf, "deleted_docs_set", None)  # SegmentReader's, a set already made
    if found is not None:
        return iter(sorted(found))
    return (docnum for docnum in range(leaf.doc_count_all()) if leaf.is_deleted(docnum))


def leaf_postings(matcher) -> tuple[np.ndarray, np.ndarray]:
    """All postings of one segment's term, including deleted documents."""
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child  # the deletion filter; `live` does that job here
    if type(matcher) is W3LeafMatcher and not matcher._byteids:
        return _block_postings(matcher)
    return matcher_postings(matcher)  # a short list stored inline: one posting at a time


def _block_postings(matcher: W3LeafMatcher) -> tuple[np.ndarray, np.ndarray]:
    """Read a W3 posting list block by block: ids are delta-coded per block."""
    ids_parts, weight_parts = [], []
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        ids, weights = matcher._data[0], matcher._data[1]
        count = matcher._blocklength
        ids_parts.append(np.cumsum(np.asarray(ids, dtype=np.int64)))
        if weights is None:
            weight_parts.append(np.ones(count, dtype=np.float64))
        elif isinstance(weights, float):
            weight_parts.append(np.full(count, weights, dtype=np.float64))
        else:
            weight_parts.append(np.asarray(weights, dtype=np.float64))
        if matcher._lastblock:
            break
        matcher._goto(matcher._nextoffset)
    if not ids_parts:
        return EMPTY_IDS, EMPTY_WEIGHTS
    return np.concatenate(ids_parts), np.concatenate(weight_parts)


def _block_positions(arrays, fieldname, word, candidates) -> tuple[np.ndarray, np.ndarray]:
    """(document, position) pairs of `word` in the candidate documents, as two arrays.

    Only the blocks that hold a candidate are decompressed, and only the candidates' values
    are decoded.
    """
    format_ = arrays.searcher.schema[fieldname].format
    docs, values = [], []
    for leaf, offset in arrays.leaves:
        if (fieldname, word) not in leaf:
            continue
        count = leaf.doc_count_all()
        local = candidates[(candidates >= offset) & (candidates < offset + count)] - offset
        if not len(local):
            continue
        matcher = leaf.postings(fieldname, word)
        if isinstance(matcher, FilterMatcher):
            matcher = matcher.child
        leaf_docs, leaf_values = _values_for(matcher, local)
        docs.append(leaf_docs + offset)
        values.extend(leaf_values)
    if not values:
        return EMPTY_IDS, EMPTY_IDS
    counts, positions = decode_positions(format_, values)
    return np.repeat(np.concatenate(docs), counts), positions


def _values_for(matcher, wanted: np.ndarray) -> tuple[np.ndarray, list[bytes]]:
    """(docnums, values) of the postings of the `wanted` documents that have one; whole
    blocks without a wanted document are skipped unread."""
    if type(matcher) is not W3LeafMatcher or matcher._byteids:
        wanted_set = set(wanted.tolist())
        docs, values = [], []
        while matcher.is_active():
            if matcher.id() in wanted_set:
                docs.append(matcher.id())
                values.append(matcher.value())
            matcher.next()
        return np.asarray(docs, dtype=np.int64), values
    doc_parts, values = [], []
    start = 0
    while matcher.is_active() and start < len(wanted):
        stop = int(np.searchsorted(wanted, matcher._maxid, side="right"))
        if stop > start:
            matcher._read_values()
            ids = np.cumsum(np.asarray(matcher._data[0], dtype=np.int64))
            present = np.flatnonzero(np.isin(ids, wanted[start:stop], assume_unique=True))
            if len(present):
                doc_parts.append(ids[present])
                block_values = matcher._values
                values.extend([block_values[i] for i in present.tolist()])
            start = stop
        if matcher._lastblock:
            break
        matcher._goto(matcher._nextoffset)
    docs = np.concatenate(doc_parts) if doc_parts else EMPTY_IDS
    return docs, values


def decode_positions(format_, values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """(positions per value, all positions in order) for encoded posting values, decoded by
    the field's own format."""
    decoded = [format_.decode_positions(value) for value in values]
    counts = np.fromiter(map(len, decoded), dtype=np.int64, count=len(decoded))
    flat = [position for found in decoded for position in found]
    return counts, np.asarray(flat, dtype=np.int64)


def joined(ids_parts: list, weight_parts: list):
    """One posting list from the parts each segment gave (ids already offset)."""
    if not ids_parts:
        return EMPTY_IDS, EMPTY_WEIGHTS
    if len(ids_parts) == 1:
        return ids_parts[0], weight_parts[0]
    return np.concatenate(ids_parts), np.concatenate(weight_parts)
