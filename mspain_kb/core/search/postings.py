"""Whole posting lists, field lengths and phrase positions of an open index, as numpy arrays.

Search scores every article at once with array arithmetic (`fast/array_scoring.py`), so it
needs each word's whole posting list (document numbers and term frequencies), each field's
lengths and, for phrases, word positions. `Postings` is that seam. This implementation asks
only Whoosh's public API (matchers, one posting at a time): correct whatever the codec, but
slow on broad words. `fast/posting_arrays.BlockPostings` reads the same from the blocks of
Whoosh's codec, many times faster; `postings_check.open_postings` uses it only when it
agrees with this one on a sample.

Document numbers are the searcher's own (segment offsets added). A list may hold deleted
documents; the scorer drops them with `live`.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import cached_property

import numpy as np

CACHE_POSTINGS = 2_000_000  # postings kept decoded per searcher (about 32 MB)

EMPTY_IDS = np.zeros(0, dtype=np.int64)
EMPTY_WEIGHTS = np.zeros(0, dtype=np.float64)


class Postings:
    """Posting lists, field lengths, phrase positions and live documents of one searcher,
    read through Whoosh's public API."""

    name = "Whoosh's public matcher API"

    def __init__(self, searcher):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.size = self.reader.doc_count_all()
        self._lengths: dict[str, np.ndarray] = {}
        self._cache: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._cached = 0

    @cached_property
    def live(self) -> np.ndarray:
        """Which document numbers are articles still in the index (not deleted)."""
        return self._live_documents()

    def postings(self, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(document numbers ascending, term frequencies) of one term; empty if absent."""
        key = (fieldname, text)
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        found = self._read_postings(fieldname, text)
        self._remember(key, found)
        return found

    def lengths(self, fieldname: str) -> np.ndarray:
        """Each document's length in `fieldname`, as Whoosh stores it (rounded, at least 1)."""
        found = self._lengths.get(fieldname)
        if found is None:
            found = self._lengths[fieldname] = self._read_lengths(fieldname)
        return found

    def phrase_documents(self, fieldname: str, words, candidates: np.ndarray) -> np.ndarray:
        """Those of `candidates` (ascending document numbers that contain every word) where
        the words stand next to each other in this order, as Whoosh's phrase query does."""
        keys = None
        for offset_in_phrase, word in enumerate(words):
            docs, positions = self.positions(fieldname, word, candidates)
            starts = (docs << 32) | (positions - offset_in_phrase + (1 << 31))
            keys = starts if keys is None else np.intersect1d(keys, starts, assume_unique=False)
            if not len(keys):
                return EMPTY_IDS
        return np.unique(keys >> 32)

    def forget_postings(self) -> None:
        """Drop the lists decoded so far (the benchmark's first-time searches)."""
        self._cache.clear()
        self._cached = 0

    def _remember(self, key, value) -> None:
        self._cache[key] = value
        self._cached += len(value[0])
        while self._cached > CACHE_POSTINGS and len(self._cache) > 1:
            _, dropped = self._cache.popitem(last=False)
            self._cached -= len(dropped[0])

    # ------------------------------------------------- how they are read (public API here)

    def _live_documents(self) -> np.ndarray:
        live = np.zeros(self.size, dtype=bool)
        live[np.fromiter(self.reader.all_doc_ids(), dtype=np.int64)] = True
        return live

    def _read_postings(self, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        if (fieldname, text) not in self.reader:
            return EMPTY_IDS, EMPTY_WEIGHTS
        return matcher_postings(self.reader.postings(fieldname, text))

    def _read_lengths(self, fieldname: str) -> np.ndarray:
        get = self.reader.doc_field_length
        return np.asarray([get(doc, fieldname) or 1 for doc in range(self.size)], dtype=float)

    def positions(self, fieldname, word, candidates) -> tuple[np.ndarray, np.ndarray]:
        """(document, position) pairs of `word` in the candidate documents, as two arrays."""
        if (fieldname, word) not in self.reader or not len(candidates):
            return EMPTY_IDS, EMPTY_IDS
        matcher = self.reader.postings(fieldname, word)
        docs, positions = [], []
        for doc in candidates.tolist():
            if matcher.is_active() and matcher.id() < doc:
                matcher.skip_to(doc)
            if not matcher.is_active():
                break
            if matcher.id() == doc:
                found = matcher.value_as("positions")
                docs += [doc] * len(found)
                positions += found
        return np.asarray(docs, dtype=np.int64), np.asarray(positions, dtype=np.int64)


def matcher_postings(matcher) -> tuple[np.ndarray, np.ndarray]:
    """(document numbers, term frequencies) of every posting a matcher gives, one at a time."""
    ids, weights = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float64)
