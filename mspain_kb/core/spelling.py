"""'Did you mean': corrections drawn from whole, unstemmed words only.

Whoosh's corrector on a stemmed field would offer stems ("spastic", "lhermitt"), so the
candidates come from the unstemmed `spell_*` fields Whoosh keeps for fields indexed with
`spelling=True`, plus the topic vocabulary and glossary words (which may not occur in any
article yet).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz.distance import Levenshtein
from whoosh.spelling import ListCorrector

from mspain_kb.core.topics import fold

SPELL_FIELDS = ("title", "headings", "body")
_WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


class Speller:
    def __init__(self, words: Iterable[str]):
        clean = {fold(word) for word in words}
        self.words = sorted(word for word in clean if len(word) >= 3 and word.isalpha())
        self._known = frozenset(self.words)
        self._list = ListCorrector(self.words)

    @classmethod
    def from_sources(cls, vocabulary=None, glossary=None) -> Speller:
        texts: list[str] = []
        if vocabulary is not None:
            for topic in vocabulary:
                texts += [topic.label, *topic.lay, *topic.glossary]
        if glossary is not None:
            texts += list(glossary.words())
        return cls(word for text in texts for word in _WORD_RE.findall(fold(text)))

    def is_known(self, word: str, searcher) -> bool:
        """True when the word is in the vocabulary or in any article (as typed or stemmed)."""
        word = fold(word)
        if word in self._known or len(word) < 3 or not word.isalpha():
            return True
        reader = searcher.reader()
        schema = searcher.schema
        for fieldname in SPELL_FIELDS:
            spelling_field = schema[fieldname].spelling_fieldname(fieldname)
            if (spelling_field, word) in reader:
                return True
        stems = [token.text for token in schema["body"].analyzer(word, mode="query")]
        return not stems or any((fieldname, stems[0]) in reader for fieldname in SPELL_FIELDS)

    def correct_word(self, word: str, searcher) -> str | None:
        """The closest whole word to `word`, or None when nothing is close enough."""
        word = fold(word)
        maxdist = 1 if len(word) <= 4 else 2
        candidates = set(self._list.suggest(word, limit=5, maxdist=maxdist, prefix=1))
        for fieldname in SPELL_FIELDS:
            corrector = searcher.corrector(fieldname)
            candidates.update(corrector.suggest(word, limit=5, maxdist=maxdist, prefix=1))
        candidates.discard(word)
        if not candidates:
            return None
        reader = searcher.reader()
        spell_body = searcher.schema["body"].spelling_fieldname("body")

        def rank(candidate: str) -> tuple[int, int, str]:
            frequency = reader.doc_frequency(spell_body, candidate)
            in_vocabulary = candidate in self._known
            return (Levenshtein.distance(word, candidate), -(frequency + 5 * in_vocabulary), candidate)

        return min(candidates, key=rank)

    def suggest(self, text: str, searcher) -> str | None:
        """`text` with each unknown word replaced by its correction, or None if none apply."""
        changed = False

        def replace(match: re.Match[str]) -> str:
            nonlocal changed
            word = match.group(0)
            syntax = text[match.end() : match.end() + 1] in (":", "*", "?", "~")
            if syntax or word in ("AND", "OR", "NOT") or self.is_known(word, searcher):
                return word
            correction = self.correct_word(word, searcher)
            if correction is None:
                return word
            changed = True
            return correction

        suggestion = _WORD_RE.sub(replace, text)
        return suggestion if changed else None
