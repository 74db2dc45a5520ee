"""Which glossary terms a handout explains: those that carry a warning, then the specialised
ones, most specialised first.

A patient does not need "joint", "trunk" or "diagnosis" explained, but may well need
"spasticity" or "Lhermitte's sign". How specialised a term is, is the measure of
`core/vocabulary/word_frequency.py` (how common the words of its name are in English).

- A term is as specialised as the rarest word of its name in the glossary ("Cervical spine"
  is "cervical"; the name is the entry's `term`, in the singular, whatever form the article
  used). A name in capitals (an acronym) counts as 0.
- A term at or above EVERYDAY_ZIPF is an everyday word and is left out unless all terms are
  asked for, or unless its definition's first sentence carries a warning (experimental,
  withdrawn, not an MS treatment, get urgent help): those always come first, since the
  warning is what a reader must not miss.
- In a handout of several articles, a term used by more of them is what the handout is
  about, so each doubling of the articles that use it counts as one Zipf step (a word ten
  times rarer): "spasticity" (1.5, in three articles) comes before "botulinum toxin" (0,
  in one). For one article this changes nothing. Whether a term is everyday does not
  change with it.

British spellings are missing from the list ("fibre", "behavioural"), so a word not found is
looked up again in its American spelling before it counts as rare.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from mspain_kb.core.vocabulary.word_frequency import EVERYDAY_ZIPF, has_warning, term_zipf


@dataclass(frozen=True)
class RankedTerm:
    entry: object  # glossary Entry
    zipf: float
    warning: bool

    @property
    def everyday(self) -> bool:
        return self.zipf >= EVERYDAY_ZIPF and not self.warning


def rank_terms(found) -> list[RankedTerm]:
    """Every entry in `found` once: those with a warning first, then the most specialised,
    a term used by n of the handout's articles (`found` lists each article's entries)
    counting as log2(n) Zipf steps rarer; ties keep the order of first use."""
    uses = Counter(entry.slug for entry in found)
    entries = {entry.slug: entry for entry in found}
    ranked = [
        RankedTerm(entry, term_zipf(entry.term), has_warning(entry)) for entry in entries.values()
    ]

    def order(term: RankedTerm) -> tuple[bool, float]:
        return not term.warning, term.zipf - math.log2(uses[term.entry.slug])

    return sorted(ranked, key=order)


def key_terms(found) -> list[RankedTerm]:
    """The terms worth explaining (not everyday words), in the order of `rank_terms`."""
    return [term for term in rank_terms(found) if not term.everyday]
