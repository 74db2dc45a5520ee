"""Words as every part of the app reads them: folding, the word pattern, Porter stems.

Search, lay-phrase matching, highlighting, spelling and the glossary all compare words, and
they must agree: a word the search matched is the word the article view marks. So there is
one definition of each here.

- `fold`: lower case, accents and typographic apostrophes gone ("Lhermitte’s" and
  "lhermitte's" compare equal).
- `WORD_RE`: a run of letters or digits, with apostrophes inside ("can't", "Schmorl's");
  `LETTER_WORD_RE` the same without digits (words a dictionary could hold);
  `ALNUM_RE` a run of letters or digits (apostrophes separate).
- `stemmed_words`: (Porter stem, start, end) per word, as the index stems them
  ("spasms" -> "spasm"; a possessive folds: "Lhermitte's" -> "lhermitt").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from whoosh.analysis import STOP_WORDS
from whoosh.lang.porter import stem
from whoosh.lang.stopwords import stoplists

WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
LETTER_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
ALNUM_RE = re.compile(r"[^\W_]+")
# Words the index leaves out (Whoosh's StemmingAnalyzer): they never match, so never mark.
INDEX_STOP_WORDS = STOP_WORDS
# English function words ("my", "what", "does": Whoosh's English list, from NLTK), which a
# typed question is full of and which say nothing about what is searched for.
FUNCTION_WORDS = frozenset(stoplists["en"])


def fold(text: str) -> str:
    """Lower-case and strip accents and typographic apostrophes, for forgiving comparisons."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def words(text: str) -> list[str]:
    """The words in `text`, as typed, without punctuation or query syntax."""
    return WORD_RE.findall(text)


# Pure and called for every word of every page shown: kept for the process, bounded.
@lru_cache(maxsize=8192)
def _stem_word(word: str) -> str:
    return stem(word.replace("'", ""))


def stemmed_words(text: str) -> list[tuple[str, int, int]]:
    """(stem, start, end) for each word of `text`; possessives fold ("Lhermitte's" -> lhermitt)."""
    found = []
    for match in WORD_RE.finditer(fold(text)):
        word = match.group(0)
        if word.endswith("'s"):
            word = word[:-2]
        found.append((_stem_word(word), match.start(), match.end()))
    return found


def stems(text: str) -> list[str]:
    """The stems of the words of `text`, in order."""
    return [found for found, _, _ in stemmed_words(text)]


@lru_cache(maxsize=16384)
def word_stem(word: str) -> str:
    """The stem search uses for one word ("spasms" -> "spasm", "Lhermitte's" -> "lhermitt")."""
    found = stemmed_words(word)
    return found[0][0] if found else ""
