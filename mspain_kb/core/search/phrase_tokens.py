"""Multi-word medical terms indexed as single tokens, so phrase searches need no positions.

Checking that words stand next to each other means decoding their positions in every
article that has them all, the slowest step of a search ("nerve pain": about 7,000
articles at 10,000). The phrases people actually search for are mostly the collection's
own terms: glossary terms and aliases, topic labels and lay phrases ("spinal cord",
"side effects", "pins and needles"). While an article body is indexed, `PhraseTokenFilter`
adds one extra token (the stems joined by a space) wherever such a term occurs, the
"common grams" idea from Lucene. A phrase query for a known term then reads one posting
list. The filter, with its phrase set, is saved in the index's schema, so queries always
use the set the index was built with; other phrases still check positions. Which phrases
there are is decided by `schema.collection_phrases`, from the vocabulary and glossary the
app loaded.
"""

from __future__ import annotations

import itertools
from collections import deque

from whoosh.analysis import Filter

MAX_PHRASE_WORDS = 4  # longer terms are rare in queries; their positions are checked


class PhraseTokenFilter(Filter):
    """After the stemmer: also emit "w1 w2" for each known phrase of stems, when indexing.

    Runs on every word of every article, so the usual word costs one dictionary lookup.
    """

    def __init__(self, phrases=frozenset()):
        self.phrases = frozenset(tuple(p) for p in phrases if 1 < len(p) <= MAX_PHRASE_WORDS)
        self.longest = max((len(p) for p in self.phrases), default=0)
        ending: dict[str, list[tuple[str, ...]]] = {}
        for words in self.phrases:
            ending.setdefault(words[-1], []).append(words)
        self._ending = {last: tuple(found) for last, found in ending.items()}

    def __eq__(self, other):
        return type(other) is type(self) and other.phrases == self.phrases

    # The filter is pickled into the index's schema. Only the phrase set is saved; the
    # lookup table is rebuilt on loading, so an index built by another version still opens.
    def __getstate__(self):
        return {"phrases": self.phrases}

    def __setstate__(self, state):
        self.__init__(state.get("phrases", ()))

    def __call__(self, tokens):
        tokens = iter(tokens)
        ending = self._ending
        first = next(tokens, None)
        if first is None:
            return
        if not ending or first.mode == "query":
            yield first
            yield from tokens
            return
        has_pos = hasattr(first, "pos")  # positions are consecutive (stop words renumbered)
        has_chars = hasattr(first, "startchar")
        words_before: deque[str] = deque(maxlen=self.longest - 1)
        starts_before: deque[int] = deque(maxlen=self.longest - 1)
        for token in itertools.chain((first,), tokens):
            yield token
            text = token.text
            found = ending.get(text)
            if found is not None:
                self_pos = token.pos if has_pos else 0
                self_start = token.startchar if has_chars else 0
                for words in found:
                    before = len(words) - 1
                    if before <= len(words_before) and all(
                        words_before[i - before] == words[i] for i in range(before)
                    ):
                        token.text = " ".join(words)
                        if has_pos:
                            token.pos = self_pos - before
                        if has_chars:
                            token.startchar = starts_before[-before]
                        yield token
                        token.text, token.pos, token.startchar = text, self_pos, self_start
            words_before.append(text)
            if has_chars:
                starts_before.append(token.startchar)


def phrase_term(words) -> str:
    """The index term for a phrase of stems."""
    return " ".join(words)


def known_phrases_of(schema, fieldname: str) -> frozenset[tuple[str, ...]]:
    """The phrase set the index's own analyzer for `fieldname` adds tokens for."""
    analyzer = schema[fieldname].analyzer
    for item in getattr(analyzer, "items", [analyzer]):
        if isinstance(item, PhraseTokenFilter):
            return item.phrases
    return frozenset()
