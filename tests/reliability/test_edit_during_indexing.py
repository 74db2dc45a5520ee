"""Articles edited, deleted or added while indexing runs: the next sync catches up.

The changes are made from the indexer's own progress callback, so they land at a known
point: some files already read, others not yet. Both a full build (one writer, and the
two-process writer used for large collections) and an incremental update are covered.
"""

from __future__ import annotations

import pytest

from mspain_kb.core.search import index_writing
from mspain_kb.core.search.service import SearchService
from tests.conftest import write_article

COUNT = 200


@pytest.fixture
def collection(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for number in range(COUNT):
        write_article(folder / f"a{number:03d}.md", f"Article {number}", f"Filler words {number}.")
    return folder


def change_midway(folder):
    """A progress callback that, halfway through, edits, deletes and adds articles."""
    done_once = []

    def progress(done, total, message):
        if done_once or done < COUNT // 2:
            return
        done_once.append(done)
        write_article(folder / "a010.md", "Edited early", "Platypus after the edit.")  # read
        write_article(folder / "a190.md", "Edited late", "Echidna after the edit.")  # not yet
        (folder / "a020.md").unlink()  # already read
        (folder / "a180.md").unlink()  # not read yet: it vanishes under the indexer
        write_article(folder / "new.md", "Added", "Wombat joined meanwhile.")

    return progress, done_once


def ids(search, query) -> list[str]:
    return [hit.id for hit in search.search(query, limit=50).hits]


def assert_caught_up(index, vocabulary, glossary) -> None:
    search = SearchService(index, vocabulary, glossary)
    assert index.doc_count() == COUNT - 2 + 1
    assert ids(search, "platypus") == ["a010"] and ids(search, "echidna") == ["a190"]
    assert ids(search, "wombat") == ["new"]
    indexed = {fields["id"] for fields in index.searcher().all_stored_fields()}
    assert indexed == {f"a{n:03d}" for n in range(COUNT)} - {"a020", "a180"} | {"new"}
    assert index.problems() == []


@pytest.mark.parametrize("parallel", [False, True], ids=["one-writer", "two-processes"])
def test_changes_during_a_full_build_are_caught_up(
    tmp_path, collection, vocabulary, glossary, monkeypatch, parallel, make_index
):
    """Edits, deletions and an addition during the first build are all in after the next sync."""
    if parallel:
        monkeypatch.setattr(index_writing, "PARALLEL_THRESHOLD", 100)
    index = make_index(tmp_path / "index", collection)
    progress, happened = change_midway(collection)
    index.sync(progress=progress)
    assert happened, "the changes were made during the build"
    report = index.sync()
    assert report.added == 1 and report.removed == 2 and report.updated >= 2, report
    assert_caught_up(index, vocabulary, glossary)
    index.close()


def test_changes_during_an_incremental_update_are_caught_up(
    tmp_path, collection, vocabulary, glossary, make_index
):
    """The same changes while an update of every article runs: the next sync catches up."""
    index = make_index(tmp_path / "index", collection)
    index.sync()
    for number in range(COUNT):  # every article changed: the update reads all of them
        write_article(collection / f"a{number:03d}.md", f"Article {number}", f"Filler {number}.")
    progress, happened = change_midway(collection)
    index.sync(progress=progress)
    assert happened
    index.sync()
    assert_caught_up(index, vocabulary, glossary)
    again = make_index(tmp_path / "index", collection)  # as a new process sees it
    assert not again.sync().changed
    assert_caught_up(again, vocabulary, glossary)
