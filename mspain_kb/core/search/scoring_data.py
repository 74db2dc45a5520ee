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
    def __init__(self, searcher, log: Log | None = None):
        self.searcher = searcher
        self.postings: Postings = open_postings(searcher, log)

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
    def order(self) -> np.ndarray:
        """Each article's place in title order."""
        return title_order(self.postings.reader, self.postings.size)

    def topic_counts(self, matched: np.ndarray | None = None) -> dict[str, int]:
        """Tag id -> number of articles carrying it (among `matched`, else all), most first;
        topics no such article carries are left out."""
        within = self.postings.live if matched is None else matched
        counts = {tag: int(np.count_nonzero(mask & within)) for tag, mask in self.tag_masks.items()}
        return {tag: n for tag, n in sorted(counts.items(), key=lambda i: (-i[1], i[0])) if n}
