"""How everyday a glossary term is, read from how often the words of its name occur in
general English: pyspellchecker's English word list (counts from a large corpus of film and
TV subtitles, everyday spoken English). Frequencies are on the Zipf scale, log10 of uses per
billion words: "pain" 4.9, "joint" 4.2, "diagnosis" 3.5, "fatigue" 3.0, "spasticity" 1.5; a
word not in the list counts as 0.

- A term is as specialised as the rarest word of its name ("Cervical spine" is "cervical";
  the name is the entry's `term`, in the singular, whatever form the text used). A name in
  capitals (an acronym) counts as 0.
- A term at or above EVERYDAY_ZIPF is an everyday word, unless its definition's first
  sentence carries a warning (experimental, withdrawn, not an MS treatment, get urgent
  help): a warning is never everyday. The handout's short glossary leaves everyday terms
  out; the reading view marks them only when the reader asks for every term.

British spellings are missing from the list ("fibre", "behavioural"), so a word not found is
looked up again in its American spelling before it counts as rare.
"""

from __future__ import annotations

import math
import re
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


def is_everyday(entry) -> bool:
    """True for a glossary entry named in everyday words and carrying no warning."""
    return term_zipf(entry.term) >= EVERYDAY_ZIPF and not has_warning(entry)


FAMILIAR_ZIPF = 2.5  # about one use in three million words: "ligament" 2.5, "tendon" 2.6


def is_familiar(entry, form: str) -> bool:
    """True when a reader can be expected to know the term without a mark: the words as
    written (`form`: "tendons", "imbalance") or the entry's name ("Balance") reach
    FAMILIAR_ZIPF, and its first sentence carries no warning. "Exhaustion" (2.9), "lesion"
    (2.7) are familiar; "atrophying" (1.5), "spasticity" (1.5), "demyelination" (0) are not.
    """
    if has_warning(entry):
        return False
    return max(term_zipf(form), term_zipf(entry.term)) >= FAMILIAR_ZIPF
