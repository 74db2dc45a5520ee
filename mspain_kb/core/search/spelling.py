"""'Did you mean': corrections for words that are in no article and are not real words.

A word is corrected only when it is in no article (as typed or stemmed), not in the topic
vocabulary or the glossary, and not an English word: pyspellchecker's English word list
(about 160,000 words with their frequencies in film subtitles, MIT licence) tells a typing
slip ("spastisity", "whar") from a rare but real word ("jelly", "Schmorl's"), which must never
be "corrected" into a more common one. A correction to a word found in most articles is not
suggested beside other words that match: it would change nothing the search finds.

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

from collections.abc import Iterable, Iterator

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from mspain_kb.core.vocabulary.english_words import is_english_word
from mspain_kb.core.vocabulary.text import FUNCTION_WORDS, LETTER_WORD_RE, fold

SPELL_FIELDS = ("title", "headings", "summary")
STEMMED_FIELDS = ("title", "headings", "summary", "body")
COMMON_FRACTION = 0.5  # a correction found in more of the articles than this is no help
MAX_CORRECTED_WORDS = 5  # unknown words looked at per search (a pasted page has many names)
MAX_WORD_LETTERS = 40  # longer "words" are not typing slips (and cost most to compare)
REFRESH_BATCH = 1000  # index words read per warming step


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
        return cls(word for text in texts for word in LETTER_WORD_RE.findall(fold(text)))

    def _refresh(self, searcher, generation) -> None:
        """Collect the candidate words of this index generation (once per generation)."""
        for _ in self.refresh_steps(searcher, generation):
            pass

    def refresh_steps(self, searcher, generation) -> Iterator[None]:
        """`_refresh` in steps of a few milliseconds each, for warming up while nobody types
        (reading the words costs about 3 µs each: 30 ms at 10,000 titles, 0.3 s at 100,000).
        The caller holds the search service's reading lock during each step."""
        if generation is not None and generation == self._generation:
            return
        words = set(self._vocabulary)
        read = 0
        for leaf, _ in searcher.reader().leaf_readers():  # a set: no need to merge in order
            for fieldname in SPELL_FIELDS:
                spelling_field = searcher.schema[fieldname].spelling_fieldname(fieldname)
                for btext in leaf.lexicon(spelling_field):  # 15x faster than iter_field
                    word = btext.decode("utf-8") if isinstance(btext, bytes) else btext
                    if len(word) >= 3 and word.isalpha():
                        words.add(word)
                    read += 1
                    if read % REFRESH_BATCH == 0:
                        yield
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

    @staticmethod
    def is_common(word: str, searcher) -> bool:
        """True for a stop word or a word in most articles ("what"): beside other words that
        match, the search leaves such a word out, so correcting into it changes nothing."""
        reader = searcher.reader()
        stems = [t.text for t in searcher.schema["body"].analyzer(word, mode="query")]
        limit = COMMON_FRACTION * max(reader.doc_count(), 1)
        return not stems or reader.doc_frequency("body", stems[0]) > limit

    def corrections(self, words, searcher, generation=None) -> dict[str, str]:
        """{word as typed: correction} for the words in `words` that are in no article, not in
        the vocabulary or glossary and not English words, and have a correction that is not
        a function word ("whar" -> "what" would change nothing: the search leaves "what" out)."""
        found: dict[str, str] = {}
        looked_at = 0
        for word in dict.fromkeys(words):
            if len(word) > MAX_WORD_LETTERS or not LETTER_WORD_RE.fullmatch(word):
                continue
            if self.is_known(word, searcher) or is_english_word(word):
                continue
            looked_at += 1
            if looked_at > MAX_CORRECTED_WORDS:
                break
            self._refresh(searcher, generation)
            correction = self.correct_word(word)
            if correction is not None and correction not in FUNCTION_WORDS:
                found[word] = correction
        return found

    def suggest(self, text: str, searcher, generation=None, words=None) -> str | None:
        """`text` with each word that needs it replaced by its correction, or None.

        `words`: the plain words to consider (default: every word in `text`); words that
        are query syntax (`spas*`, `title:`) are left out by the caller.
        """
        fixes = self.corrections(
            LETTER_WORD_RE.findall(text) if words is None else words, searcher, generation
        )
        if not fixes:
            return None
        return LETTER_WORD_RE.sub(lambda m: fixes.get(m.group(0), m.group(0)), text)
