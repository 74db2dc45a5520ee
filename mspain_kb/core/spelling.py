"""'Did you mean': corrections drawn from whole, unstemmed words only.

Whoosh's corrector on a stemmed field would offer stems ("spastic", "lhermitt"), so the
candidates are real words: the unstemmed `spell_*` fields Whoosh keeps for the title,
headings and summary (indexed with `spelling=True`), plus the topic vocabulary and the
glossary. Body words are not a source: a separate unstemmed copy of every body doubled the
build time, and the words people misspell are the medical ones, which the vocabulary and
glossary hold. A body word typed correctly is still recognised (through its stem) and never
"corrected".

The word list is built once per index generation and searched with rapidfuzz's Levenshtein
distance in C, which keeps a correction to a few milliseconds on large collections.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from mspain_kb.core.topics import fold

SPELL_FIELDS = ("title", "headings", "summary")
STEMMED_FIELDS = ("title", "headings", "summary", "body")
_WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_SYNTAX_AFTER = (":", "*", "?", "~")


class Speller:
    def __init__(self, words: Iterable[str]):
        clean = {fold(word) for word in words}
        self._vocabulary = frozenset(w for w in clean if len(w) >= 3 and w.isalpha())
        self._generation: object = None
        self._choices: list[str] = sorted(self._vocabulary)
        self._searcher = None

    @classmethod
    def from_sources(cls, vocabulary=None, glossary=None) -> Speller:
        texts: list[str] = []
        if vocabulary is not None:
            for topic in vocabulary:
                texts += [topic.label, *topic.lay, *topic.glossary]
        if glossary is not None:
            texts += list(glossary.words())
        return cls(word for text in texts for word in _WORD_RE.findall(fold(text)))

    def _refresh(self, searcher, generation) -> None:
        """Collect the candidate words of this index generation (once per generation)."""
        if generation is not None and generation == self._generation:
            return
        reader = searcher.reader()
        words = set(self._vocabulary)
        for fieldname in SPELL_FIELDS:
            spelling_field = searcher.schema[fieldname].spelling_fieldname(fieldname)
            for btext in reader.lexicon(spelling_field):  # 15x faster than iter_field
                word = btext.decode("utf-8") if isinstance(btext, bytes) else btext
                if len(word) >= 3 and word.isalpha():
                    words.add(word)
        self._choices = sorted(words)
        self._searcher = searcher
        self._generation = generation

    def _weight(self, word: str) -> int:
        """How common a candidate is: vocabulary words first, then by article count."""
        reader = self._searcher.reader() if self._searcher is not None else None
        count = 0
        if reader is not None:
            for fieldname in SPELL_FIELDS:
                spelling_field = self._searcher.schema[fieldname].spelling_fieldname(fieldname)
                count += reader.doc_frequency(spelling_field, word)
        return count + (1000 if word in self._vocabulary else 0)

    def is_known(self, word: str, searcher) -> bool:
        """True when the word is in the vocabulary or any article (as typed or stemmed)."""
        word = fold(word)
        if word in self._vocabulary or len(word) < 3 or not word.isalpha():
            return True
        reader = searcher.reader()
        schema = searcher.schema
        for fieldname in SPELL_FIELDS:
            if (schema[fieldname].spelling_fieldname(fieldname), word) in reader:
                return True
        stems = [token.text for token in schema["body"].analyzer(word, mode="query")]
        return not stems or any((field, stems[0]) in reader for field in STEMMED_FIELDS)

    def correct_word(self, word: str) -> str | None:
        """The closest candidate to `word` with the same first letter, or None."""
        word = fold(word)
        maxdist = 1 if len(word) <= 4 else 2
        matches = process.extract(
            word,
            self._choices,
            scorer=Levenshtein.distance,
            score_cutoff=maxdist,
            limit=20,
        )
        candidates = [(c, d) for c, d, _ in matches if c != word and c[:1] == word[:1]]
        if not candidates:
            return None
        return min(candidates, key=lambda pair: (pair[1], -self._weight(pair[0]), pair[0]))[0]

    def suggest(self, text: str, searcher, generation=None) -> str | None:
        """`text` with each unknown word replaced by its correction, or None if none apply."""
        changed = False
        refreshed = False

        def replace(match: re.Match[str]) -> str:
            nonlocal changed, refreshed
            word = match.group(0)
            syntax = text[match.end() : match.end() + 1] in _SYNTAX_AFTER
            if syntax or word in ("AND", "OR", "NOT") or self.is_known(word, searcher):
                return word
            if not refreshed:
                self._refresh(searcher, generation)
                refreshed = True
            correction = self.correct_word(word)
            if correction is None:
                return word
            changed = True
            return correction

        suggestion = _WORD_RE.sub(replace, text)
        return suggestion if changed else None
