"""The search index as a cache of the articles folder: built, kept in step, rebuilt safely."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mspain_kb.core.search import generations, index_writing
from mspain_kb.core.search.index import (
    REASON_DAMAGED,
    REASON_MISSING,
    REASON_OLD,
    REASON_VOCABULARY,
    KnowledgeIndex,
)
from mspain_kb.core.search.index_files import Manifest
from mspain_kb.core.search.phrase_tokens import known_phrases_of
from tests.conftest import write_article


@pytest.fixture
def open_index(tmp_path, fixture_articles, make_index):
    """`open_index()`: the test's index over its articles, as a new process opens it."""
    return lambda: make_index(tmp_path / "index", fixture_articles)


def ids_for(index: KnowledgeIndex, field: str, word: str) -> set[str]:
    searcher = index.searcher()
    from whoosh.query import Term

    return {hit["id"] for hit in searcher.search(Term(field, word), limit=None)}


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(folder.iterdir())}


def test_first_sync_builds_the_index_and_says_so(tmp_path, fixture_articles, open_index):
    """A missing index is built from every article, with a plain message."""
    index = open_index()
    report = index.sync()
    assert report.rebuilt and report.reason == REASON_MISSING
    assert report.added == 8 and index.doc_count() == 8
    assert "8 articles indexed" in index.health()


def test_sync_with_nothing_changed_does_nothing(tmp_path, fixture_articles, open_index):
    """A second sync (also from a new process) reports everything unchanged."""
    open_index().sync()
    index = open_index()
    report = index.sync()
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 0, 0, 8)
    assert not report.rebuilt and report.reason == ""


def test_incremental_sync_reads_only_added_and_changed_files(
    tmp_path, fixture_articles, monkeypatch, open_index
):
    """Adding, changing and deleting one article each touches just those three."""
    index = open_index()
    index.sync()
    read = []
    real_read = index_writing.read_for_index
    monkeypatch.setattr(
        index_writing,
        "read_for_index",
        lambda path, tags: read.append(path.name) or real_read(path, tags),
    )
    write_article(
        fixture_articles / "new-one.md", "Heat and symptoms", "Hot baths can make symptoms worse."
    )
    write_article(
        fixture_articles / "stiff-legs.md", "Spasticity and stiff legs", "Now about quokkas."
    )
    (fixture_articles / "back-ache.md").unlink()

    report = index.sync()

    assert (report.added, report.updated, report.removed, report.unchanged) == (1, 1, 1, 6)
    assert sorted(read) == ["new-one.md", "stiff-legs.md"]
    assert ids_for(index, "body", "bath") == {"new-one"}
    assert ids_for(index, "body", "quokka") == {"stiff-legs"}
    assert ids_for(index, "title", "postur") == set()
    assert index.doc_count() == 8


def test_change_is_seen_by_another_open_index(fixture_articles, open_index):
    """A window with the index open sees another process's update at its next sync."""
    window = open_index()
    window.sync()
    window.searcher()
    write_article(fixture_articles / "new-one.md", "Heat", "Quokkas everywhere.")
    open_index().sync()
    report = window.sync()
    assert not report.rebuilt
    assert ids_for(window, "body", "quokka") == {"new-one"}


def test_older_schema_is_rebuilt_with_a_message(tmp_path, fixture_articles, open_index):
    """An index written by an older version of the app is rebuilt, and the reason says so."""
    open_index().sync()
    folder = next(p for p in (tmp_path / "index").iterdir() if p.is_dir())
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["schema"] = 0
    (folder / "manifest.json").write_text(json.dumps(manifest))

    index = open_index()
    report = index.sync()
    assert report.rebuilt and report.reason == REASON_OLD
    assert index.doc_count() == 8


def test_new_glossary_or_topic_phrases_rebuild_an_existing_index(
    tmp_path, fixture_articles, phrases, make_index, open_index
):
    """When the glossary or topics gain a multi-word term, an index built before is rebuilt
    once, with a message, and then indexes the new term as one token; later syncs are quiet."""
    open_index().sync()
    assert ("feet", "burn") not in phrases
    grown = phrases | {("feet", "burn")}

    index = make_index(tmp_path / "index", fixture_articles, phrases=grown)
    report = index.sync()
    assert report.rebuilt and report.reason == REASON_VOCABULARY
    assert ("feet", "burn") in known_phrases_of(index.searcher().schema, "body")
    assert ids_for(index, "body", "feet burn") == {"burning-feet"}  # "their feet burn"
    again = make_index(tmp_path / "index", fixture_articles, phrases=grown).sync()
    assert not again.rebuilt and again.unchanged == 8


def _index_files(folder: Path) -> list[Path]:
    """The index's files (segment names are random, so each file is picked by position); not
    Whoosh's lock or the marker of the process holding the generation open."""
    return sorted(p for p in folder.iterdir() if "LOCK" not in p.name and p.name[0] != ".")


@pytest.mark.parametrize("damage", ["delete", "truncate", "garbage"])
def test_damaged_index_files_are_rebuilt_with_a_message(
    tmp_path, fixture_articles, damage, make_index
):
    """Each index file in turn deleted, truncated or overwritten: rebuilt, correct answers."""
    probe = make_index(tmp_path / "probe", fixture_articles)
    probe.sync()
    count = len(_index_files(probe._folder))
    assert count >= 5
    for position in range(count):
        index_dir = tmp_path / f"index-{position}"
        make_index(index_dir, fixture_articles).sync()
        folder = next(p for p in index_dir.iterdir() if p.is_dir())
        target = _index_files(folder)[position]
        name = target.name
        if damage == "delete":
            target.unlink()
        elif damage == "truncate":
            target.write_bytes(target.read_bytes()[: target.stat().st_size // 2])
        else:
            target.write_bytes(os.urandom(max(64, target.stat().st_size)))

        index = make_index(index_dir, fixture_articles)
        report = index.sync()
        assert report.rebuilt, name
        assert report.reason == REASON_DAMAGED, name
        assert ids_for(index, "tags", "lhermitte") == {"neck-shock"}, name
        index.close()


def test_garbage_pointer_file_means_rebuild(tmp_path, fixture_articles, open_index):
    """A CURRENT file that names nothing usable leads to a fresh index, not an error."""
    open_index().sync()
    (tmp_path / "index" / "CURRENT").write_bytes(b"\x00\xff../../etc")
    index = open_index()
    assert index.sync().rebuilt
    assert index.doc_count() == 8


def test_unwritable_index_folder_falls_back_to_memory(tmp_path, fixture_articles, make_index):
    """When the index folder cannot be created, search still works from memory and says why."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    index = make_index(blocker / "index", fixture_articles)
    report = index.sync()
    assert index.in_memory
    assert "cannot be written" in report.reason and "in memory" in report.reason
    assert ids_for(index, "tags", "lhermitte") == {"neck-shock"}
    write_article(fixture_articles / "new-one.md", "Heat", "Quokkas everywhere.")
    assert index.sync().added == 1
    assert ids_for(index, "body", "quokka") == {"new-one"}


def test_promotional_text_is_not_in_the_ranked_body(tmp_path, fixture_articles, open_index):
    """Words that occur only in a promotional block are not indexed for ranking."""
    index = open_index()
    index.sync()
    assert ids_for(index, "body", "zorbex") == set()
    assert ids_for(index, "body", "treatment") == {"clinic-advert"}


def test_editor_notes_are_not_in_the_ranked_body(tmp_path, fixture_articles, open_index):
    """Words that occur only in an editor's note are not indexed; the article's own are."""
    body = 'Physio helps.\n\n!!! editor "Editor\'s note"\n    Quokkas.\n\n    Source: NHS.\n'
    write_article(fixture_articles / "noted.md", "Noted", body)
    index = open_index()
    index.sync()
    assert ids_for(index, "body", "quokka") == set()
    assert ids_for(index, "body", "physio") == {"noted"}


def test_bad_files_become_problems_and_good_ones_stay(tmp_path, fixture_articles, open_index):
    """Binary, empty and header-less files are skipped with reasons; unknown tags warn."""
    (fixture_articles / "binary.md").write_bytes(b"title: x\n\n\x00\x01\x02")
    (fixture_articles / "empty.md").write_text("")
    (fixture_articles / "no-header.md").write_text("Just some text without a header.\n")
    write_article(
        fixture_articles / "odd-tag.md", "Odd tag", "Some text.", tags=("spasticity", "made-up-tag")
    )
    index = open_index()
    report = index.sync()

    skipped = {p.path.name for p in report.problems if p.skipped}
    warned = {p.path.name for p in report.problems if not p.skipped}
    assert skipped == {"binary.md", "empty.md", "no-header.md"}
    assert warned == {"odd-tag.md"}
    assert index.doc_count() == 9
    assert "3 skipped" in index.health()
    again = open_index()
    assert again.sync().problems == report.problems  # remembered, not re-read
    assert again.problems() == report.problems


def test_sync_never_changes_the_articles_folder(tmp_path, fixture_articles, open_index):
    """Building, updating and rebuilding leave every article file byte-for-byte as it was."""
    before = snapshot(fixture_articles)
    index = open_index()
    index.sync()
    index.sync(rebuild=True)
    assert snapshot(fixture_articles) == before


def test_rebuild_replaces_the_old_generation(tmp_path, fixture_articles, open_index):
    """A requested rebuild leaves one index folder, holding every article."""
    index = open_index()
    index.sync()
    report = index.sync(rebuild=True)
    assert report.rebuilt and report.added == 8
    folders = [p for p in (tmp_path / "index").iterdir() if p.is_dir()]
    assert len(folders) == 1 and index.doc_count() == 8


SYNC_SCRIPT = """
import sys
from mspain_kb.core.search.index import KnowledgeIndex
from mspain_kb.core.search.schema import collection_phrases
from mspain_kb.core.vocabulary.glossary import load_glossary
from mspain_kb.core.vocabulary.topics import load_vocabulary
vocabulary = load_vocabulary()
phrases = collection_phrases(vocabulary, load_glossary())
index = KnowledgeIndex(sys.argv[1], sys.argv[2], vocabulary, phrases)
report = index.sync(rebuild=sys.argv[3] == "rebuild")
print(index.doc_count())
"""


def test_two_processes_updating_at_once_leave_a_sound_index(tmp_path, fixture_articles, make_index):
    """Two processes rebuilding the same index at once both finish; the index stays whole."""
    for number in range(40):
        write_article(
            fixture_articles / f"extra-{number}.md", f"Extra {number}", f"Filler text {number}."
        )
    index_dir = tmp_path / "index"
    command = [sys.executable, "-c", SYNC_SCRIPT, str(index_dir), str(fixture_articles)]
    runs = [
        subprocess.Popen([*command, mode], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for mode in ("rebuild", "rebuild", "sync")
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], outputs
    assert [out.strip() for out, _ in outputs] == [b"48", b"48", b"48"]
    index = make_index(index_dir, fixture_articles)
    assert index.sync().reason == ""
    assert index.doc_count() == 48


def test_waiting_for_another_writer_is_reported(
    tmp_path, fixture_articles, monkeypatch, open_index
):
    """While another process holds the write lock, progress hears a plain waiting message."""
    open_index().sync()
    write_article(fixture_articles / "new-one.md", "Heat", "Quokkas everywhere.")
    messages: list[str] = []
    monkeypatch.setattr(generations, "LOCK_TIMEOUT_SECONDS", 0.5)
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import filelock, sys, time; l = filelock.FileLock(sys.argv[1]); l.acquire(); "
            "print('held', flush=True); time.sleep(3)",
            str(tmp_path / "index" / "lock"),
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert child.stdout.readline().strip() == b"held"
        index = open_index()
        report = index.sync(progress=lambda done, total, message: messages.append(message))
    finally:
        child.kill()
        child.wait()
    assert generations.WAITING_MESSAGE in messages
    assert "busy" in report.reason
    assert index.doc_count() == 8  # what the index held before is still searchable


def test_deleted_article_disappears_from_an_open_searcher(tmp_path, fixture_articles, open_index):
    """An article added and then deleted is gone from the same window's next search."""
    index = open_index()
    index.sync()
    write_article(fixture_articles / "new-one.md", "Heat", "Quokkas everywhere.")
    index.sync()
    assert ids_for(index, "body", "quokka") == {"new-one"}
    (fixture_articles / "new-one.md").unlink()
    assert index.sync().removed == 1
    assert ids_for(index, "body", "quokka") == set()
    assert index.doc_count() == 8


def test_an_unreachable_articles_folder_keeps_the_index_as_it_was(
    tmp_path, articles_copy, make_index
):
    """A shared folder that is down at start (it cannot be listed) is not "every article
    removed": the index keeps what it held, the reason says so in plain words, and once the
    folder is back a sync finds nothing to change."""
    index = make_index(tmp_path / "index", articles_copy)
    index.sync()
    count = index.doc_count()
    assert count > 1
    away = articles_copy.with_name("share-down")
    articles_copy.rename(away)
    again = make_index(tmp_path / "index", articles_copy)
    report = again.sync()
    assert report.unreachable and not report.removed
    assert "cannot be reached" in report.reason and str(articles_copy) in report.reason
    assert "as they were when last seen" in report.reason
    assert again.doc_count() == count
    assert ids_for(again, "body", "spastic")
    away.rename(articles_copy)
    report = again.sync()
    assert not report.unreachable and not report.changed and not report.reason
    assert again.doc_count() == count


def test_an_unreachable_folder_with_no_index_yet_gives_an_empty_index_and_says_why(
    tmp_path, make_index
):
    index = make_index(tmp_path / "index", tmp_path / "no-such-share")
    report = index.sync()
    assert report.unreachable and "cannot be reached" in report.reason
    assert index.doc_count() == 0


def test_a_sync_of_named_files_looks_at_those_only(tmp_path, articles_copy, make_index):
    """A folder watcher names the files that changed: the sync adds, updates and removes
    those, and leaves a change it was not told about to the next full sync."""
    index = make_index(tmp_path / "index", articles_copy)
    index.sync()
    write_article(articles_copy / "quillwort.md", "Quillwort", "A quillwort note.")
    untold = sorted(articles_copy.glob("*.md"))[0]
    write_article(untold, "Untold", "A zzuntold word.")
    report = index.sync(names=["quillwort.md", "no-such-file.md", "notes.txt"])
    assert (report.added, report.updated, report.removed) == (1, 0, 0)
    assert ids_for(index, "body", "quillwort") == {"quillwort"}
    assert not ids_for(index, "body", "zzuntold")
    (articles_copy / "quillwort.md").unlink()
    report = index.sync(names=["quillwort.md"])
    assert report.removed == 1 and not ids_for(index, "body", "quillwort")
    report = index.sync()
    assert report.updated == 1 and ids_for(index, "body", "zzuntold")


def test_a_running_index_reads_the_manifest_again_only_when_another_saved_it(
    tmp_path, articles_copy, make_index, monkeypatch
):
    """At 100,000 articles the manifest is several MB: a sync reads it from disk only when
    another window or process wrote a new one, and then sees that one's changes."""
    first = make_index(tmp_path / "index", articles_copy)
    second = make_index(tmp_path / "index", articles_copy)
    first.sync()
    second.sync()
    loads = []
    real_load = Manifest.load.__func__
    monkeypatch.setattr(
        Manifest,
        "load",
        classmethod(lambda cls, folder: loads.append(folder) or real_load(cls, folder)),
    )
    write_article(articles_copy / "quillwort.md", "Quillwort", "A quillwort note.")
    assert first.sync(names=["quillwort.md"]).added == 1
    assert first.sync().added == 0
    assert loads == []
    assert second.sync(names=["quillwort.md"]).added == 0  # the first one did the work
    assert len(loads) == 1 and ids_for(second, "body", "quillwort") == {"quillwort"}
