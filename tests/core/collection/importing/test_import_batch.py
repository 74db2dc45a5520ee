"""Importing folders: recursion, skipped kinds, refusals that never stop the run, progress."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from mspain_kb.core.collection import safe_write
from mspain_kb.core.collection.importing.import_batch import collect_files, import_many
from mspain_kb.core.vocabulary.topics import load_vocabulary
from tests.conftest import FIXTURES
from tests.document_builders import leaflet_docx, leaflet_pdf, scanned_pdf

VOCABULARY = load_vocabulary()
IMPORT_FIXTURES = FIXTURES / "import"


@pytest.fixture
def leaflets(tmp_path) -> Path:
    """A clinic's folder: leaflets in sub-folders, a photo, a scan, an old .doc, hidden files."""
    folder = tmp_path / "leaflets"
    (folder / "charity" / "2025").mkdir(parents=True)
    (folder / ".thumbnails").mkdir()
    (folder / "charity" / "2025" / "pain.pdf").write_bytes(leaflet_pdf())
    (folder / "charity" / "spasms.docx").write_bytes(leaflet_docx())
    (folder / "clinic-notes.txt").write_bytes(
        (IMPORT_FIXTURES / "002_f4dbfc46c3a7de07.txt").read_bytes()
    )
    (folder / "scan.pdf").write_bytes(scanned_pdf())
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (folder / ".thumbnails" / "pain.png").write_bytes(b"\x89PNG\r\n")
    return folder


def test_a_folder_is_imported_recursively_with_a_summary(tmp_path, leaflets):
    articles = tmp_path / "articles"
    summary = import_many([leaflets], articles, VOCABULARY)
    assert sorted(r.source for r in summary.imported) == [
        "clinic-notes.txt",
        "pain.pdf",
        "spasms.docx",
    ]
    assert [(p.name, reason.split(";")[0]) for p, reason in summary.refused] == [
        ("old.doc", "this is an old-style Word (.doc) or Office file"),
        ("scan.pdf", "the PDF has no text layer (it is probably a scanned image)"),
    ]
    assert [(p.name, reason) for p, reason in summary.skipped] == [
        ("photo.jpg", "not a kind of file the importer reads (.jpg)")
    ]
    assert [r.source for r in summary.marked] == ["clinic-notes.txt"]
    assert summary.counts() == (
        "3 imported (1 with promotional passages marked), 2 refused, 1 skipped"
    )
    assert len(list(articles.glob("*.md"))) == 3


def test_progress_is_reported_for_each_file(tmp_path, leaflets):
    calls = []
    import_many([leaflets], tmp_path / "articles", VOCABULARY, progress=lambda *a: calls.append(a))
    assert [(done, total) for done, total, _name in calls] == [(n, 5) for n in range(6)]
    assert calls[-1][2] == "done"


def test_the_articles_folder_inside_an_imported_folder_is_not_imported_again(tmp_path):
    folder = tmp_path / "shared"
    articles = folder / "articles"
    articles.mkdir(parents=True)
    (articles / "existing.md").write_text("title: Existing\n\nText.\n", encoding="utf-8")
    (folder / "new.txt").write_text("New leaflet\n\nSome words about spasms.\n", encoding="utf-8")
    files, skipped = collect_files([folder], articles)
    assert files == [folder / "new.txt"]
    assert skipped == [(articles, "this is the articles folder itself")]


def test_named_files_are_always_tried(tmp_path):
    """A file named on the command line is read whatever its extension (or refused)."""
    odd = tmp_path / "notes.data"
    odd.write_text("Leg pain\n\nBurning feet at night.\n", encoding="utf-8")
    summary = import_many([odd, tmp_path / "missing.txt"], tmp_path / "a", VOCABULARY)
    assert [r.source for r in summary.imported] == ["notes.data"]
    assert [(p.name, why) for p, why in summary.refused] == [
        ("missing.txt", "there is no such file")
    ]


def test_old_leftovers_of_killed_imports_are_cleaned_up_first(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    old = articles / ".importing-killed.tmp"
    old.write_text("half an article", encoding="utf-8")
    then = time.time() - 2 * safe_write.STALE_SECONDS
    os.utime(old, (then, then))
    recent = articles / ".importing-live.tmp"
    recent.write_text("being written", encoding="utf-8")
    summary = import_many([], articles, VOCABULARY)
    assert summary.cleanup.removed == [old]
    assert not old.exists() and recent.exists()
    assert summary.to_json()["leftovers_removed"] == [".importing-killed.tmp"]


def test_dry_run_cleans_nothing_and_writes_nothing(tmp_path, leaflets):
    articles = tmp_path / "articles"
    articles.mkdir()
    old = articles / ".importing-killed.tmp"
    old.write_text("x", encoding="utf-8")
    then = time.time() - 2 * safe_write.STALE_SECONDS
    os.utime(old, (then, then))
    summary = import_many([leaflets], articles, VOCABULARY, dry_run=True)
    assert len(summary.imported) == 3
    assert sorted(p.name for p in articles.iterdir()) == [".importing-killed.tmp"]


def test_a_stopped_run_lists_the_files_not_tried(tmp_path, leaflets):
    """Stopping between files keeps what was imported and lists the rest as not tried."""
    articles = tmp_path / "articles"
    seen = []
    summary = import_many(
        [leaflets],
        articles,
        VOCABULARY,
        progress=lambda done, total, name: seen.append(done),
        stop_requested=lambda: len(seen) >= 2,
    )
    files, _skipped = collect_files([leaflets], articles)
    assert len(summary.imported) + len(summary.refused) == 2
    assert summary.not_tried == files[2:]
    assert summary.counts().endswith("3 not tried (the import was stopped)")
    assert len(list(articles.glob("*.md"))) == len(summary.imported)
    assert not list(articles.glob(".importing-*"))
