"""Which glossary terms a handout explains: those that carry a warning, then the specialised
ones, most specialised first.

A patient does not need "joint", "trunk" or "diagnosis" explained, but may well need
"spasticity" or "Lhermitte's sign". How specialised a term is, is read from how often the
words of its name occur in general English: pyspellchecker's English word list (counts from a
large corpus of film and TV subtitles, everyday spoken English). Frequencies are on the Zipf
scale, log10 of uses per billion words: "pain" 4.9, "joint" 4.2, "diagnosis" 3.5, "fatigue"
3.0, "spasticity" 1.5; a word not in the list counts as 0.

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
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from mspain_kb.core.vocabulary.english_words import total_words, word_count
from mspain_kb.core.vocabulary.text import LETTER_WORD_RE

EVERYDAY_ZIPF = 3.4  # about 2.5 uses per million words: "diagnosis" 3.46, "spine" 3.54
# The wording of a warning (the glossary's tests hold every warning to the first sentence).
WARNING_RE = re.compile(
    r"\b(urgent|emergency|experimental|unproven|withdrawn|not an MS treatment"
    r"|not a treatment for MS pain|does not recommend)\b",
    re.IGNORECASE,
)
_ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9]+s?")
# British -> American spellings, tried in turn on a word the list does not know.
_AMERICAN = (
    (re.compile(r"our(?=s?$|ed$|al|ing)"), "or"),  # behaviour, behavioural, colour
    (re.compile(r"([bt])re(s?)$"), r"\1er\2"),  # fibre, centre, litre
    (re.compile(r"mme(s?)$"), r"m\1"),  # programme
    (re.compile(r"ae"), "e"),  # haematoma, anaemia
    (re.compile(r"oe(?=[a-z])"), "e"),  # oedema, oestrogen
    (re.compile(r"is(e[ds]?|ing|ation)$"), r"iz\1"),  # recognise, organisation
    (re.compile(r"ogue$"), "og"),  # catalogue
)


@lru_cache(maxsize=4096)
def word_zipf(word: str) -> float:
    """How common one word is in general English, on the Zipf scale (0 when unknown)."""
    if _ACRONYM_RE.fullmatch(word):
        return 0.0
    lower = word.casefold().replace("’", "'").removesuffix("'s")
    count = word_count(lower)
    for pattern, american in _AMERICAN:
        if count:
            break
        spelled = pattern.sub(american, lower)
        if spelled != lower:
            count = word_count(spelled)
    return math.log10(count * 1e9 / total_words()) if count else 0.0


def term_zipf(name: str) -> float:
    """How common a term is: the Zipf value of the rarest word of its name."""
    return min((word_zipf(word) for word in LETTER_WORD_RE.findall(name)), default=0.0)


def has_warning(entry) -> bool:
    return bool(WARNING_RE.search(entry.short))


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
