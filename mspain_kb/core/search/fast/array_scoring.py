"""Score a parsed query over every article at once, with numpy arrays.

Whoosh's matchers walk a query tree one document at a time in Python; on thousands of
articles a broad word visits thousands of documents per field. Here each word's whole
posting list becomes an array (`search/postings.py`) and the tree is evaluated with array
arithmetic, which gives every matching article (exact totals and topic counts) and the top
hits in one pass.

Scores follow Whoosh's own BM25 (B 0.75, K1 1.2) with query boosts, sums for AND and OR,
and its "all words" coordination bonus (`CoordMatcher`) for OR groups with a scale. A word
searched in several fields (`FieldedWord`) is scored as BM25F instead: Whoosh adds up one
BM25 score per field, which let a word in a title, repeated in a heading, outweigh an
article that uses all the other words. Phrases are matched here too: a known multi-word
term from its own token (`phrase_tokens.py`), any other phrase from word positions. Only
proximity phrases (`"..."~N`) and query kinds without a rule here are asked of Whoosh's
matcher, for just that part of the tree. Past the time limit, the rest of an OR group (its
commonest words, scored last) is left out and `stopped_early` says so.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
from whoosh import query as wq
from whoosh.scoring import BM25F

from mspain_kb.core.search.phrase_tokens import known_phrases_of, phrase_term

_B, _K1 = BM25F().B, BM25F().K1
TIME_CHECK_EVERY = 256  # matches between looks at the clock in Whoosh's matcher
# Title words say what an article is about, the rest how much it says about them: the
# title's frequency saturates on its own, the other fields' together (see FieldedWord).
SEPARATELY_SATURATED = ("title",)
RARE_FIRST_FROM = 8  # an OR group with more parts than this scores its rarest words first


class FieldedWord(wq.Or):
    """One word searched in several fields (`Term`s with the same text, one per field, each
    boosted by its field's weight), scored as BM25F (Robertson, Zaragoza and Taylor, 2004):
    the word's frequency in each field, weighted and normalised by that field's length, is
    added up before BM25's saturation and multiplied by the word's idf over all the fields.
    The title is a stream of its own (SEPARATELY_SATURATED) that shares the word's idf.

    Whoosh adds one BM25 score per field, each with that field's own idf: a word repeated in
    a title, the headings and the body counted three times, and a word rare in titles but
    common in text ("my") counted as a rare one, so a single title word outranked articles
    that used all the other words. Whoosh's own matcher for this node (not used for scoring
    here) still gives that sum.

    `frequency`: how many articles have the word in any field (for its idf), given when some
    of its fields were left out of the query; else counted from the fields searched.
    """

    def __init__(self, subqueries, boost=1.0, frequency: int | None = None):
        super().__init__(subqueries, boost=boost)
        self.frequency = frequency

    def __copy__(self):
        return FieldedWord(list(self.subqueries), boost=self.boost, frequency=self.frequency)


@dataclass
class Scores:
    score: np.ndarray  # float64 per document
    match: np.ndarray  # bool per document
    terms: np.ndarray  # int32 per document: how many of the words below matched it
    leaves: int  # how many words there are below


class ArrayScorer:
    """Evaluates query trees against one searcher's `Postings` (search/postings.py).

    After `evaluate`, `matched_terms` maps each (field, term bytes) that counted towards a
    match to the documents it matched, which Whoosh's highlighter uses for snippets.
    """

    def __init__(self, arrays, time_limit: float | None = None):
        self.arrays = arrays
        self.searcher = arrays.searcher
        self.schema = self.searcher.schema
        self.size = arrays.size
        self.deadline = None if time_limit is None else time.perf_counter() + time_limit
        self.stopped_early = False
        self.matched_terms: dict[tuple[str, bytes], list[np.ndarray]] = {}

    def evaluate(self, q: wq.Query, record: bool = True) -> Scores:
        """Scores and matches of every document; `record` keeps matched words for snippets."""
        result = self._eval(q, record=record)
        result.match &= self.arrays.live
        return result

    # ----------------------------------------------------------------- query kinds

    def _eval(self, q: wq.Query, record: bool) -> Scores:
        if isinstance(q, wq.Term):
            return self._term(q, record)
        if isinstance(q, FieldedWord):
            return self._fielded(q, record)
        if isinstance(q, wq.Or) and not q.minmatch:
            return self._or(q, record)
        if isinstance(q, wq.And):
            return self._and(q, record)
        if isinstance(q, wq.AndNot):
            wanted = self._eval(q.a, record)
            excluded = self._eval(q.b, record=False)
            wanted.match &= ~excluded.match
            return self._boosted(wanted, q.boost)
        if isinstance(q, wq.AndMaybe):
            wanted, bonus = self._eval(q.a, record), self._eval(q.b, record)
            wanted.score += np.where(wanted.match, bonus.score, 0.0)
            wanted.terms += np.where(wanted.match, bonus.terms, 0)
            return self._boosted(wanted, q.boost)
        if isinstance(q, wq.Require):
            wanted, required = self._eval(q.a, record), self._eval(q.b, record)
            wanted.match &= required.match
            return wanted
        if isinstance(q, wq.Not):
            inner = self._eval(q.query, record=False)
            return self._constant(~inner.match, q.boost)
        if isinstance(q, wq.Phrase) and q.slop == 1 and len(q.words) > 1:
            return self._phrase(q, record)
        if isinstance(q, wq.Every):
            return self._constant(np.ones(self.size, dtype=bool), q.boost)
        if isinstance(q, wq.qcore._NullQuery):
            return self._constant(np.zeros(self.size, dtype=bool), 0.0)
        return self._by_matcher(q, record)

    def _term(self, q: wq.Term, record: bool) -> Scores:
        fieldname, text = q.fieldname, q.text
        ids, frequencies = self.arrays.postings(fieldname, text)
        score = np.zeros(self.size)
        match = np.zeros(self.size, dtype=bool)
        if len(ids):
            match[ids] = True
            field = self.schema[fieldname]
            if field.scorable:
                idf = self.searcher.idf(fieldname, text)
                average = self.searcher.avg_field_length(fieldname) or 1
                lengths = self.arrays.lengths(fieldname)[ids]
                norm = _K1 * ((1 - _B) + _B * lengths / average)
                score[ids] = idf * (frequencies * (_K1 + 1)) / (frequencies + norm) * q.boost
            else:
                score[ids] = frequencies * q.boost
            if record:
                self._record(fieldname, field.to_bytes(text), ids)
        return Scores(score, match, match.astype(np.int32), 1)

    def _fielded(self, q: FieldedWord, record: bool) -> Scores:
        streams: dict[bool, np.ndarray] = {}  # separately saturated or not -> weighted tf
        match = np.zeros(self.size, dtype=bool)
        for term in q.subqueries:
            ids, frequencies = self.arrays.postings(term.fieldname, term.text)
            if not len(ids):
                continue
            average = self.searcher.avg_field_length(term.fieldname) or 1
            lengths = self.arrays.lengths(term.fieldname)[ids]
            separate = term.fieldname in SEPARATELY_SATURATED
            weighted = streams.setdefault(separate, np.zeros(self.size))
            weighted[ids] += term.boost * frequencies / ((1 - _B) + _B * lengths / average)
            match[ids] = True
            if record:
                self._record(term.fieldname, self.schema[term.fieldname].to_bytes(term.text), ids)
        # Whoosh's idf (its document counts include deleted articles until a merge), with
        # the articles that have the word in any of the fields.
        found_in = q.frequency if q.frequency is not None else np.count_nonzero(match)
        idf = math.log(self.searcher.doc_count_all() / (found_in + 1)) + 1
        score = np.zeros(self.size)
        for weighted in streams.values():
            found = weighted[match]
            score[match] += idf * found * (_K1 + 1) / (found + _K1) * q.boost
        return Scores(score, match, match.astype(np.int32), 1)

    def _or(self, q: wq.Or, record: bool) -> Scores:
        parts = q.subqueries
        if len(parts) > RARE_FIRST_FROM:
            parts = sorted(parts, key=self._frequency)
        total = self._fold(parts, record, np.logical_or, may_stop=True)
        scale = getattr(q, "scale", None)
        if scale and total.leaves > 1 and total.leaves != scale:
            # Whoosh's CoordMatcher ("SQR"): a bonus for matching more of the words.
            leaves = total.leaves
            bonus = (total.score + (total.terms - 1) / (leaves - scale) ** 2) * (
                (leaves - 1) / leaves
            )
            total.score = np.where(total.match, bonus, 0.0)
        return self._boosted(total, q.boost)

    def _and(self, q: wq.And, record: bool) -> Scores:
        total = self._fold(q.subqueries, record, np.logical_and)
        total.score = np.where(total.match, total.score, 0.0)
        return self._boosted(total, q.boost)

    def _frequency(self, q: wq.Query) -> int:
        """How many postings a word part has (0 for other parts, which then come first)."""
        terms = q.subqueries if isinstance(q, FieldedWord) else [q]
        reader = self.searcher.reader()
        return sum(
            reader.doc_frequency(t.fieldname, t.text) for t in terms if isinstance(t, wq.Term)
        )

    def _fold(self, subqueries, record: bool, combine_matches, may_stop=False) -> Scores:
        """Sum the parts' scores and word counts and combine their matches, one part at a
        time: at 100,000 articles each part is about 1.3 MB of arrays. With `may_stop` (an
        OR group) the parts left when time runs out are skipped."""
        total = None
        for sub in subqueries:
            if may_stop and total is not None and self._past_deadline():
                self.stopped_early = True
                break
            part = self._eval(sub, record)
            if total is None:
                total = part
                continue
            total.score += part.score
            total.terms += part.terms
            combine_matches(total.match, part.match, out=total.match)
            total.leaves += part.leaves
        if total is None:
            return self._constant(np.zeros(self.size, dtype=bool), 0.0)
        return total

    def _phrase(self, q: wq.Phrase, record: bool) -> Scores:
        """Words next to each other: the articles with every word, then their positions.

        Known terms ("spinal cord") were indexed as one token (`phrase_tokens.py`) and need
        no positions. Scored as Whoosh scores a phrase: the sum of its words' scores.
        """
        words = [wq.Term(q.fieldname, word) for word in q.words]
        every_word = self._and(wq.And(words), record=False)
        if tuple(q.words) in known_phrases_of(self.schema, q.fieldname):
            found = self.arrays.postings(q.fieldname, phrase_term(q.words))[0]
        else:
            candidates = np.flatnonzero(every_word.match & self.arrays.live)
            found = self.arrays.phrase_documents(q.fieldname, q.words, candidates)
        match = np.zeros(self.size, dtype=bool)
        match[found] = True
        score = np.where(match, every_word.score * q.boost, 0.0)
        if record and len(found):
            to_bytes = self.schema[q.fieldname].to_bytes
            for word in q.words:
                self._record(q.fieldname, to_bytes(word), found)
        return Scores(score, match, match.astype(np.int32) * len(words), len(words))

    def _by_matcher(self, q: wq.Query, record: bool) -> Scores:
        """Phrases and other positional queries: Whoosh's matcher, for this part only."""
        score = np.zeros(self.size)
        matcher = q.matcher(self.searcher, self.searcher.context())
        ids, scores = [], []
        checked = 0
        while matcher.is_active():
            ids.append(matcher.id())
            scores.append(matcher.score())
            matcher.next()
            checked += 1
            if checked % TIME_CHECK_EVERY == 0 and self._past_deadline():
                self.stopped_early = True
                break
        match = np.zeros(self.size, dtype=bool)
        if ids:
            found = np.asarray(ids, dtype=np.int64)
            match[found] = True
            score[found] = scores
            if record:
                for fieldname, text in q.terms():
                    self._record(fieldname, self.schema[fieldname].to_bytes(text), found)
        leaves = max(1, len(list(q.terms())))
        return Scores(score, match, match.astype(np.int32) * leaves, leaves)

    # ----------------------------------------------------------------- helpers

    def _past_deadline(self) -> bool:
        return self.deadline is not None and time.perf_counter() > self.deadline

    def _constant(self, match: np.ndarray, value: float) -> Scores:
        score = np.where(match, float(value), 0.0)
        return Scores(score, match, np.zeros(self.size, dtype=np.int32), 0)

    @staticmethod
    def _boosted(scores: Scores, boost: float) -> Scores:
        if boost != 1.0:
            scores.score *= boost
        return scores

    def _record(self, fieldname: str, btext: bytes, ids: np.ndarray) -> None:
        """Remember that this term matched these (ascending) documents."""
        self.matched_terms.setdefault((fieldname, btext), []).append(ids)

    def terms_of(self, docnums) -> tuple[dict[int, list], dict[tuple[str, bytes], list[int]]]:
        """(docterms, termdocs) for `docnums`, in the shape Whoosh's `Results` keeps them.

        Binary search of the few wanted documents in each list: sorting whole lists (as
        `np.intersect1d` does) cost 5 ms per word at 100,000 articles.
        """
        wanted = np.asarray(sorted(docnums), dtype=np.int64)
        docterms: dict[int, list] = {int(d): [] for d in wanted}
        termdocs: dict[tuple[str, bytes], list[int]] = {}
        for key, lists in self.matched_terms.items():
            present = np.zeros(len(wanted), dtype=bool)
            for ids in lists:
                if len(ids):
                    at = np.minimum(np.searchsorted(ids, wanted), len(ids) - 1)
                    present |= ids[at] == wanted
            if present.any():
                termdocs[key] = wanted[present].tolist()
                for d in termdocs[key]:
                    docterms[d].append(key)
        return docterms, termdocs


def top_documents(
    scores: np.ndarray, match: np.ndarray, limit: int, order: np.ndarray | None = None
) -> list[tuple[float, int]]:
    """The `limit` best (score, docnum) pairs among matches. Equal scores go by `order` (each
    document's rank by title then id, so ties do not depend on how the index was written),
    else by document number."""
    candidates = np.flatnonzero(match)
    if not len(candidates):
        return []
    values = np.round(scores[candidates], 9)  # equal up to float noise counts as a tie
    if len(candidates) > limit:
        keep = np.argpartition(-values, limit - 1)[:limit]
        threshold = values[keep].min()
        keep = np.flatnonzero(values >= threshold)  # every tie at the cut, sorted below
        candidates, values = candidates[keep], values[keep]
    tie_break = candidates if order is None else order[candidates]
    ranked = np.lexsort((tie_break, -values))[:limit]
    return [(float(scores[candidates[i]]), int(candidates[i])) for i in ranked]
