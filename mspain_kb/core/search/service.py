"""Search: a query in plain words -> ranked hits with snippets, topics, facets and hints.

Parsing and expansion live in `query.py` and `word_query.py`, scoring in `ranking.py` and
`fast/array_scoring.py`, "did you mean" in `spelling.py`, hits and snippets in `hits.py`;
this module runs a search on the index's shared searcher (through `index.read`, which
repairs a damaged index and says so) and shapes what the front ends show. It is also the
one place that answers "which articles use this glossary term" and "how many articles has
each topic", for the command line and the window alike.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from whoosh import query as wq

from mspain_kb.core.search import query as query_module
from mspain_kb.core.search import warming
from mspain_kb.core.search.fast.array_scoring import ArrayScorer, top_documents
from mspain_kb.core.search.glossary_context import context_entry
from mspain_kb.core.search.hits import hit_of, results_for
from mspain_kb.core.search.mentions import mention_clauses
from mspain_kb.core.search.next_steps import next_steps
from mspain_kb.core.search.postings_check import Log
from mspain_kb.core.search.ranking import rank
from mspain_kb.core.search.scoring_data import ScoringData
from mspain_kb.core.search.search_result import SearchResult, TopicMatch, result_to_json
from mspain_kb.core.search.spelling import Speller
from mspain_kb.core.vocabulary.text import fold, stems, words

MENTION_LIMIT = 100  # articles listed beside a glossary entry; the rest are counted
SEARCH_TIME_LIMIT = 0.1  # seconds of phrase matching before the best hits so far are shown
TIME_LIMIT_MESSAGE = "This search matched so much that it stopped early; add words to narrow it."
EMPTY_MESSAGE = "Type a word or a symptom to search for."
COMMON_WORDS_MESSAGE = "Those words are too common to search for; try a symptom such as leg cramps."


@dataclass
class _Scored:
    """One search scored over every article, before its hits are shown."""

    parsed: query_module.ParsedQuery
    scorer: ArrayScorer
    top: list[tuple[float, int]]  # (score, document number), best first
    total: int
    facets: dict[str, int]


class SearchService:
    """`log`: where to note what the user need not see (the error log): a fast path given
    up for this index by its self-test."""

    def __init__(self, index, vocabulary, glossary=None, log: Log | None = None):
        self.index = index
        self.vocabulary = vocabulary
        self.glossary = glossary
        self.log = log
        self.speller = Speller.from_sources(vocabulary, glossary)
        # The window searches, lists glossary mentions and warms search up from different
        # threads; Whoosh's open files (a seek, then a read) and the decoded postings are
        # read by one at a time: a whole search holds this lock, a warming step too.
        self._reading = threading.RLock()
        self._data: ScoringData | None = None
        self._warming: tuple[ScoringData, object] | None = None
        self._closed = False
        self._notice = ""  # what the index had to do (a rebuild) during warming, not yet said
        self._completions: list[str] | None = None

    # ----------------------------------------------------------------- search

    def search(
        self, query: str, tags=(), limit: int = 10, snippets: bool = True, literal_phrases=()
    ) -> SearchResult:
        """Run a search; odd input never raises. A damaged index is rebuilt by the index
        first, and the message says so; it never syncs the articles folder.

        `literal_phrases`: lay phrases the user chose to search as typed, not as their topic.
        """

        def run(searcher) -> SearchResult:
            with self._reading:
                return self._search(searcher, query, tags, limit, snippets, literal_phrases)

        result, notice = self.index.read(run)
        earlier, self._notice = self._notice, ""  # a repair made while warming up, say it now
        result.message = _join(earlier, notice, result.message)
        return result

    def _search(
        self, searcher, query: str, tags, limit: int, snippets: bool, literal_phrases=()
    ) -> SearchResult:
        text, cut = query_module.clean(query)
        result = SearchResult(query=text)
        extra = " ".join(f'tag:"{tag}"' for tag in tags)
        parsed = self._parse(f"{text} {extra}".strip(), searcher, literal_phrases)
        result.topics = self._topics(parsed)
        result.glossary_entry = self._glossary_entry(text)
        result.fallback = parsed.fallback
        result.notes = list(parsed.notes)
        if cut:
            result.notes.append(query_module.CUT_NOTE.format(chars=query_module.MAX_QUERY_CHARS))
        if parsed.fallback:
            result.notes.append("Your search had unusual symbols; searched for its plain words.")
        if parsed.unknown_tags:
            names = ", ".join(f"'{name}'" for name in parsed.unknown_tags)
            result.message = f"There is no topic called {names}; run 'mspain-kb tags' to list them."
            return result
        filters = parsed.tags or parsed.excluded_tags
        if parsed.query is None and not filters and not parsed.topic_parts:
            self._explain_nothing_to_search(parsed, result)
            return result
        scored = self._score(searcher, parsed, limit)
        scored = self._correct(searcher, scored, result, limit, literal_phrases)
        self._show(searcher, scored, result, snippets, literal_phrases)
        result.message = _join(*result.notes, result.message)
        result.context_entry = context_entry(result, self.vocabulary, self.glossary)
        if not result.total:
            with self._reading:
                counts = self._data_for(searcher).topic_counts()
            result.next_steps = next_steps(
                result, tags, literal_phrases, counts, self.vocabulary, self.glossary
            )
        return result

    def _parse(self, text: str, searcher, literal_phrases=()):
        return query_module.parse(
            text, searcher.schema, self.vocabulary, searcher.reader(), literal_phrases
        )

    @staticmethod
    def _explain_nothing_to_search(parsed, result: SearchResult) -> None:
        """Nothing left to search: the notes say why, else a hint on what to type."""
        hint = "" if parsed.notes else COMMON_WORDS_MESSAGE if parsed.words else EMPTY_MESSAGE
        result.message = _join(*result.notes, hint)

    def _correct(self, searcher, scored: _Scored, result, limit, literal_phrases) -> _Scored:
        """'Did you mean' for words in no article that are not real words. When the user's
        own words found nothing, the corrected search is shown; when they found something,
        the corrections are searched as well, so every article they found still matches."""
        parsed = scored.parsed
        if not parsed.words:
            return scored
        fixes = self.speller.corrections(parsed.words, searcher, self.index.generation)
        if scored.total:
            fixes = {w: c for w, c in fixes.items() if not self.speller.is_common(c, searcher)}
        suggestion = query_module.replace_words(parsed.text, fixes)
        if not fixes or fold(suggestion) == fold(parsed.text):
            return scored
        result.suggestion = suggestion
        filters = parsed.tag_clauses()
        if scored.total == 0:
            retry = self._score(searcher, self._parse(f"{suggestion} {filters}", searcher), limit)
            if retry.total:
                result.message = (
                    f"Showing results for {suggestion} (nothing matched {parsed.text})."
                )
                result.topics = result.topics or self._topics(retry.parsed)
                return retry
            return scored
        if parsed.operators:
            return scored
        words = " ".join(fixes.values())
        retry = self._parse(f"{parsed.text} {words} {filters}", searcher, literal_phrases)
        typed, fixed = ", ".join(fixes), ", ".join(dict.fromkeys(fixes.values()))
        result.message = f"Also searched for {fixed}, as no article has {typed}."
        result.topics = self._topics(retry)
        return self._score(searcher, retry, limit)

    def _score(self, searcher, parsed, limit: int) -> _Scored:
        """Score every article: the total, topic counts and the `limit` best."""
        with self._reading:
            data = self._data_for(searcher)
            scorer = ArrayScorer(data.postings, time_limit=SEARCH_TIME_LIMIT)
            scores = rank(scorer, parsed, data.tag_masks)
            top = top_documents(scores.score, scores.match, max(1, int(limit)), data.order)
        total = int(np.count_nonzero(scores.match))
        facets = data.topic_counts(scores.match)
        return _Scored(parsed, scorer, top, total, facets)

    def _show(
        self, searcher, scored: _Scored, result: SearchResult, snippets: bool, literal=()
    ) -> None:
        """Fill `result` with the scored search's hits (and their snippets), total, counts."""
        result.total, result.facets = scored.total, scored.facets
        if scored.scorer.stopped_early:
            result.notes.append(TIME_LIMIT_MESSAGE)
        # Words the query stood for, for the passage of an article without the words typed.
        fallback = self.highlight_groups(scored.parsed.text, literal)[1:] if snippets else []
        with self._reading:
            results = results_for(searcher, scored, snippets, fallback)
            result.hits = [hit_of(hit, snippets) for hit in results]

    def warm_step(self) -> bool:
        """Do one small step of getting ready for the first searches (`warming.py`); False
        once there is nothing left to do for the current index generation."""

        if self._closed:
            return False

        def step(searcher) -> bool:
            with self._reading:
                if self._closed:
                    return False
                data = self._data_for(searcher)
                if self._warming is None or self._warming[0] is not data:
                    texts = warming.first_searched_words(self.vocabulary, self.glossary)
                    spelling = self.speller.refresh_steps(searcher, self.index.generation)
                    self._warming = (data, warming.warm_steps(data, texts, spelling))
                return next(self._warming[1], False) is None

        more, notice = self.index.read(step)
        if notice:
            self._notice = notice
        return more

    def _data_for(self, searcher) -> ScoringData:
        """What is kept for the current searcher (made anew after each index update)."""
        if self._data is None or self._data.searcher is not searcher:
            self._data = ScoringData(searcher, self.log, self.index.checked_reader())
        return self._data

    def _topics(self, parsed) -> list[TopicMatch]:
        return [
            TopicMatch(match.phrase, match.text, topic.id, topic.label)
            for match in parsed.lay_matches
            for topic in match.topics
        ]

    def _glossary_entry(self, text: str):
        """The glossary entry when the query is exactly a term or alias (never a guess)."""
        if self.glossary is None or not text:
            return None
        exact = getattr(self.glossary, "lookup_exact", None)
        if exact is not None:
            return exact(text)
        entry = self.glossary.lookup(text)
        if entry is not None and fold(text) in {
            fold(form) for form in (entry.term, *entry.aliases)
        }:
            return entry
        return None

    # ----------------------------------------------------------------- glossary mentions

    def mentioning(self, entry, limit: int | None = None) -> tuple[list[tuple[str, str]], int]:
        """Articles whose title or text use `entry`'s term or an alias: up to `limit`
        (id, title) pairs, those that use it most first, and how many there are in all.

        Asked of the index (each form as a phrase, stemmed like the text), so nothing reads
        the collection: inflections count ("spasms" for "spasm"); promotional passages,
        which the index keeps out of the body, do not. No snippets.
        """
        limit = MENTION_LIMIT if limit is None else max(1, int(limit))

        def find(searcher) -> tuple[list[tuple[str, str]], int]:
            with self._reading:
                clauses = mention_clauses(searcher.schema, entry)
                if not clauses:
                    return [], 0
                postings = self._data_for(searcher).postings
                scores = ArrayScorer(postings).evaluate(wq.Or(clauses))
                top = top_documents(scores.score, scores.match, limit)
                found = [
                    (fields["id"], fields.get("title", fields["id"]))
                    for fields in (searcher.stored_fields(docnum) for _, docnum in top)
                ]
            return found, int(np.count_nonzero(scores.match))

        return self.index.read(find)[0]

    def topic_counts(self) -> dict[str, int]:
        """Tag id -> how many articles in the index carry that topic (none: left out); the
        counts a search shows as `facets`, over every article."""

        def count(searcher) -> dict[str, int]:
            with self._reading:
                return self._data_for(searcher).topic_counts()

        return self.index.read(count)[0]

    # ----------------------------------------------------------------- helpers for the UI

    def highlight_terms(self, query: str, literal_phrases=()) -> set[str]:
        """Stems of the query words and of the topics its lay phrases stand for."""
        return set().union(*self.highlight_groups(query, literal_phrases))

    def highlight_groups(self, query: str, literal_phrases=()) -> list[set[str]]:
        """The stems an article marks for `query`, in the order a reader should meet them:
        the words typed ("pins", "needles"); the words of the glossary entry the query is
        ("numbness", "tingling" for "pins and needles"); the words of the topics its lay
        phrases were read as ("neuropathic", "nerve"). Each stem is in its first group."""
        text = query_module.clean_text(query)
        rest, *_ = query_module.extract_tags(text, self.vocabulary)
        typed = [w for w in words(rest) if w not in ("AND", "OR", "NOT")]
        groups = [set(stems(" ".join(typed))), set(), set()]
        entry = self._glossary_entry(fold(" ".join(typed)))
        if entry is not None:
            groups[1].update(stems(entry.term))
        if self.vocabulary is not None:
            for match in query_module.lay_readings(self.vocabulary, rest, literal_phrases):
                for topic in match.topics:
                    label = " ".join(
                        w
                        for w in words(topic.label)
                        if fold(w) not in query_module.GENERIC_LABEL_WORDS
                    )
                    groups[2].update(stems(label))
        seen: set[str] = set()
        ordered = []
        for group in groups:
            kept = {term for term in group if len(term) > 1 and term not in seen}
            seen |= kept
            ordered.append(kept)
        return ordered

    def completions(self, prefix: str, limit: int = 10) -> list[str]:
        """Topic labels, lay phrases and glossary terms starting with `prefix` (any word)."""
        key = fold(prefix).strip()
        if not key:
            return []
        if self._completions is None:
            names: dict[str, str] = {}
            for topic in self.vocabulary or ():
                for name in (topic.label, *topic.lay):
                    names.setdefault(fold(name), name)
            if self.glossary is not None:
                for word in self.glossary.words():
                    names.setdefault(fold(word), word)
            self._completions = sorted(names.values(), key=lambda n: (len(n), fold(n)))
        starts = [n for n in self._completions if fold(n).startswith(key)]
        inner = [
            n
            for n in self._completions
            if n not in starts and any(w.startswith(key) for w in fold(n).split()[1:])
        ]
        return (starts + inner)[:limit]

    def to_json(self, result: SearchResult) -> dict:
        return result_to_json(result)

    def forget_decoded_postings(self) -> None:
        """Drop the posting lists decoded so far (the benchmark's first-time searches)."""
        with self._reading:
            if self._data is not None:
                self._data.postings.forget_postings()

    def close(self) -> None:
        with self._reading:  # after the search or warming step in progress
            self._closed = True
            self._data = self._warming = None


def _join(*messages: str) -> str:
    return " ".join(message for message in messages if message)
