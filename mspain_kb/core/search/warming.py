"""Getting ready for the first searches while nobody is typing, in small steps.

What people search first is the app's own words: topic labels, lay phrases and glossary
terms. `warm_steps` gives, for one index generation, a sequence of small steps (each a few
milliseconds): the posting reader and its self-test, topic masks, title order, field
lengths, then the posting lists of those words in every searched field, a batch at a time,
and last the word list behind "did you mean".
The search service runs one step per call under its reading lock (`SearchService.warm_step`),
so a search waits for at most one step; the window runs the steps in a low-priority worker
once the index is open.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from mspain_kb.core.search.phrase_tokens import known_phrases_of, phrase_term
from mspain_kb.core.search.scoring_data import ScoringData
from mspain_kb.core.search.word_query import FIELD_BOOSTS
from mspain_kb.core.vocabulary.text import stems

BATCH = 24  # posting lists read per step


def first_searched_words(vocabulary, glossary) -> list[str]:
    """Topic labels, lay phrases and glossary terms (with their aliases), as typed."""
    texts = []
    for topic in vocabulary or ():
        texts += [topic.label, *topic.lay]
    for entry in glossary or ():
        texts += [entry.term, *entry.aliases]
    return list(dict.fromkeys(texts))


def warm_terms(texts, schema) -> list[tuple[str, str]]:
    """(field, term) pairs those texts search: each stem, and a known phrase as one token."""
    known = known_phrases_of(schema, "body")
    terms: dict[str, None] = {}
    for text in texts:
        words = stems(text)
        terms.update(dict.fromkeys(words))
        if tuple(words) in known:
            terms[phrase_term(words)] = None
    return [(field, term) for term in terms for field in FIELD_BOOSTS]


def warm_steps(data: ScoringData, texts, speller_steps: Iterable[None] = ()) -> Iterator[None]:
    """The steps for one generation's scoring data; each `next()` does one. `speller_steps`:
    the "did you mean" word list of the same generation, read in steps too."""
    yield  # the reader and its self-test were made with `data`
    data.tag_masks  # noqa: B018 - cached properties: reading them computes them
    yield
    data.order.full  # noqa: B018
    yield
    for fieldname in FIELD_BOOSTS:
        data.postings.lengths(fieldname)
        yield
    terms = warm_terms(texts, data.searcher.schema)
    for start in range(0, len(terms), BATCH):
        for fieldname, term in terms[start : start + BATCH]:
            data.postings.postings(fieldname, term)
        yield
    yield from speller_steps
