"""What scoring keeps for one index generation (one searcher): the posting reader chosen by
its self-test, which articles carry each topic, and the articles' title order. Made when a
new generation is first searched and dropped with it."""

from __future__ import annotations

from functools import cached_property

import numpy as np

from mspain_kb.core.search.postings import Postings
from mspain_kb.core.search.postings_check import Log, open_postings
from mspain_kb.core.search.ranking import title_order


class ScoringData:
    def __init__(self, searcher, log: Log | None = None, checked: str = ""):
        self.searcher = searcher
        self.postings: Postings = open_postings(searcher, log, checked)

    @cached_property
    def tag_masks(self) -> dict[str, np.ndarray]:
        """Tag id -> which articles carry it."""
        postings = self.postings
        masks = {}
        for tag in postings.reader.field_terms("tags"):
            mask = np.zeros(postings.size, dtype=bool)
            mask[postings.postings("tags", tag)[0]] = True
            masks[tag] = mask & postings.live
        return masks

    @cached_property
    def order(self) -> TitleOrder:
        """Each article's place in title order (`order[docnums]`)."""
        return TitleOrder(self.postings.reader, self.postings.size)

    def topic_counts(self, matched: np.ndarray | None = None) -> dict[str, int]:
        """Tag id -> number of articles carrying it (among `matched`, else all), most first;
        topics no such article carries are left out."""
        within = self.postings.live if matched is None else matched
        counts = {tag: int(np.count_nonzero(mask & within)) for tag, mask in self.tag_masks.items()}
        return {tag: n for tag, n in sorted(counts.items(), key=lambda i: (-i[1], i[0])) if n}


class TitleOrder:
    """Articles' places in title order, as `order[docnums]`. Until the whole order is made
    (warming does it), a few documents are ranked among themselves from their own sort keys:
    a first search need not sort every title to break a tie between two."""

    FEW = 512
    SMALL = 2000  # a collection this small has its whole order made at once (milliseconds)

    def __init__(self, reader, size: int):
        self.reader, self.size = reader, size

    @cached_property
    def full(self) -> np.ndarray:
        return title_order(self.reader, self.size)

    def __getitem__(self, docnums: np.ndarray) -> np.ndarray:
        if "full" in self.__dict__ or len(docnums) > self.FEW or self.size <= self.SMALL:
            return self.full[docnums]
        column = self.reader.column_reader("sort_key")
        keys = [column[int(doc)] for doc in docnums]
        ranks = np.empty(len(keys), dtype=np.int64)
        ranks[sorted(range(len(keys)), key=keys.__getitem__)] = np.arange(len(keys))
        return ranks
