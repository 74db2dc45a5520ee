"""The English word list: pyspellchecker's (about 160,000 words with their frequencies in
film subtitles, MIT licence), loaded once per process.

"Did you mean" asks it whether a word is a real word, so a rare but real word ("jelly",
"Schmorl's") is never "corrected"; the handout's short glossary asks it how common the words
of a term are, to tell everyday words from clinical ones.
"""

from __future__ import annotations

import threading

from spellchecker import SpellChecker

from mspain_kb.core.vocabulary.text import fold

_english: SpellChecker | None = None  # read-only once loaded: one copy serves every caller
_loading = threading.Lock()


def load_english_words() -> SpellChecker:
    """The English word list (loaded on first use, ~0.1 s; the window loads it in the
    background at start-up, so no keystroke waits for it)."""
    global _english
    with _loading:
        if _english is None:
            _english = SpellChecker(language="en", distance=1)
    return _english


def is_english_word(word: str) -> bool:
    """True for a word in the English word list (a possessive counts as its word)."""
    english = load_english_words()
    word = fold(word)
    return word in english or (word.endswith("'s") and word[:-2] in english)


def word_count(word: str) -> int:
    """How often `word` (lower case) occurs in the list's source texts; 0 when unknown."""
    return load_english_words().word_frequency[word]


def total_words() -> int:
    """The number of words in the list's source texts (for frequencies per million)."""
    return load_english_words().word_frequency.total_words
