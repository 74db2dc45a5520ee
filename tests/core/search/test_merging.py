"""Merging the small segments live updates leave: fewer segments, the same answers, the
array files and the manifest in step, and searches never wait for the writing."""

from __future__ import annotations

import threading

from mspain_kb.core.search import merging
from mspain_kb.core.search.fast.segment_arrays import EXTENSION, MIN_DOCUMENTS, array_file_name
from mspain_kb.core.search.index import KnowledgeIndex
from mspain_kb.core.search.index_files import Manifest
from mspain_kb.core.search.service import SearchService
from tests.conftest import build_generated_index

QUERIES = ["pain", "spasm", "hornwort1", "quillwort", "leg cramps at night", "fatigue"]


def _live_updates(index, articles, count: int) -> None:
    """`count` edits and additions, each synced as a watcher names it (a segment each)."""
    existing = sorted(articles.glob("*.md"))
    for number in range(count):
        if number % 2:
            name = f"zz-new-{number}.md"
            text = f"title: New {number}\n\nA hornwort{number} note on pain at night.\n"
        else:
            name = existing[number].name
            text = f"title: Edited {number}\n\nA quillwort note on leg cramps and spasm.\n"
        (articles / name).write_text(text, "utf-8")
        assert index.sync(names=[name]).changed


def _segments(index) -> dict[str, int]:
    leaves = index.searcher().reader().leaf_readers()
    return {leaf.segment().segment_id(): leaf.doc_count_all() for leaf, _ in leaves}


def _answers(service) -> list:
    """What a user sees for each query: the total, the articles found and the best one."""
    answers = []
    for query in QUERIES:
        result = service.search(query, limit=200, snippets=False)
        scores = {hit.id: hit.score for hit in result.hits}
        best = result.hits[0].id if result.hits else None
        answers.append((result.total, sorted(scores), best, scores))
    return answers


def _same_answers(got: list, expected: list) -> bool:
    """The same articles for every query, the same best one, each score within 2 %: Whoosh
    sums a merged segment's field lengths from the one-byte length each article keeps, so
    the average length, and the scores, move by about 1 % (as at every start-up merge)."""
    for (total, ids, best, scores), (total0, ids0, best0, scores0) in zip(
        got, expected, strict=True
    ):
        if (total, ids, best) != (total0, ids0, best0):
            return False
        if any(abs(scores[i] - scores0[i]) > 0.02 * scores0[i] for i in ids):
            return False
    return True


def test_merging_brings_the_segments_back_and_every_search_answers_the_same(
    tmp_path, vocabulary, phrases
):
    index, articles = build_generated_index(tmp_path, vocabulary, phrases, seed=7)
    _live_updates(index, articles, 8)
    before = _segments(index)
    assert index.small_segment_count() == 8 and len(before) == 9
    service = SearchService(index, vocabulary)
    answers = _answers(service)
    assert answers[2][2] == "zz-new-1" and answers[3][0] == 4

    assert index.merge_small_segments()

    after = _segments(index)
    assert index.small_segment_count() == 1 and len(after) == 2
    assert sum(count for count in after.values() if count < MIN_DOCUMENTS) == 8
    assert _same_answers(_answers(service), answers)
    assert not index.merge_small_segments()  # one small segment: nothing to merge
    # The manifest records the new files (a new process opens the index without a rebuild).
    assert Manifest.load(index._folder).matches_files(index._folder, deep=True)
    index.close()
    again = KnowledgeIndex(tmp_path / "index", articles, vocabulary, phrases)
    report = again.sync()
    assert not report.changed and not report.reason
    assert _same_answers(_answers(SearchService(again, vocabulary)), answers)
    again.close()


def test_a_merge_large_enough_gets_its_array_file(tmp_path, vocabulary, phrases):
    """Small segments that add up to a large one: the merged segment gets its array file,
    and the merged ones' files are gone with them."""
    index, articles = build_generated_index(tmp_path, vocabulary, phrases, count=60, seed=7)
    for number in range(3):
        for offset in range(20):
            text = f"title: Batch {number} {offset}\n\nA hornwort{number} note.\n"
            (articles / f"zz-{number}-{offset}.md").write_text(text, "utf-8")
        names = [f"zz-{number}-{offset}.md" for offset in range(20)]
        assert index.sync(names=names).added == 20
    assert index.small_segment_count() == 4
    service = SearchService(index, vocabulary)
    answers = _answers(service)

    assert index.merge_small_segments()

    (segment, count), *others = _segments(index).items()
    assert not others and count == 120
    files = {path.name for path in index._folder.glob(f"*.{EXTENSION}")}
    assert files == {array_file_name(segment)}
    assert _same_answers(_answers(service), answers)
    index.close()


def test_searches_go_on_while_the_merged_segment_is_written(
    tmp_path, vocabulary, phrases, monkeypatch
):
    """A search made while the merge writes its segment answers at once, from the segments
    as they were; the index's lock is taken for the swap only."""
    index, articles = build_generated_index(tmp_path, vocabulary, phrases, seed=7)
    _live_updates(index, articles, 4)
    service = SearchService(index, vocabulary)
    answers = _answers(service)
    during = []
    merge_small_ones = merging._merge_small_ones

    def merging_with_a_search(writer, segments):
        kept = merge_small_ones(writer, segments)
        searching = threading.Thread(target=lambda: during.append(_answers(service)))
        searching.start()
        searching.join(timeout=60)
        assert not searching.is_alive(), "the search waited for the merge"
        return kept

    monkeypatch.setattr(merging, "_merge_small_ones", merging_with_a_search)
    assert index.merge_small_segments()
    assert len(during) == 1 and during[0] == answers  # the segments as they were
    assert _same_answers(_answers(service), answers)
    assert index.small_segment_count() == 1
    index.close()
