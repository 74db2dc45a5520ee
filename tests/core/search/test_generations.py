"""The index cleans up after itself: folders left by killed builds and replaced generations
are removed when the index opens or syncs, unless a live process holds them, and the sync
report says how much was freed."""

from __future__ import annotations

import subprocess
import sys

from mspain_kb.core.search import generations
from mspain_kb.core.search.schema import SCHEMA_VERSION
from mspain_kb.core.search.service import SearchService

HOLD_SCRIPT = """
import sys, time
from pathlib import Path
from mspain_kb.core.search.generations import Hold
hold = Hold(Path(sys.argv[1]))
print("held", flush=True)
time.sleep(60)
"""


def leftover_build(index_dir, megabytes: int = 2):
    """A folder as a rebuild killed part-way leaves it: segment files, no manifest."""
    folder = index_dir / f"v{SCHEMA_VERSION}-1000000000000000000-4000000"
    folder.mkdir()
    (folder / "MAIN_abc.seg").write_bytes(b"\0" * (megabytes * 1024 * 1024))
    (folder / "_MAIN_1.toc").write_bytes(b"x" * 100)
    return folder


def folders(index_dir) -> list[str]:
    return sorted(p.name for p in index_dir.iterdir() if p.is_dir())


def test_a_killed_builds_folder_is_removed_when_the_index_opens(
    tmp_path, fixture_articles, make_index
):
    """Opening the index (a new process's first sync) removes the folder a killed rebuild
    left, and the report says what was freed."""
    index_dir = tmp_path / "index"
    make_index(index_dir, fixture_articles).sync()
    stale = leftover_build(index_dir)
    report = make_index(index_dir, fixture_articles).sync()
    assert not stale.exists()
    assert folders(index_dir) == [generations.read_current(index_dir)]
    assert report.cleared.folders == [stale.name] and report.cleared.bytes > 2_000_000
    assert report.cleared.message == (
        "Removed an old index folder left by an interrupted or replaced build (2.0 MB)."
    )
    assert not make_index(index_dir, fixture_articles).sync().cleared  # said once


def test_a_folder_a_live_process_holds_is_kept_until_it_lets_go(
    tmp_path, fixture_articles, make_index
):
    """A folder another process holds (building it, or reading it) stays; once that process
    has ended, the next sync removes it."""
    index_dir = tmp_path / "index"
    make_index(index_dir, fixture_articles).sync()
    held = leftover_build(index_dir, megabytes=1)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_SCRIPT, str(held)], stdout=subprocess.PIPE
    )
    try:
        assert holder.stdout.readline().strip() == b"held"
        report = make_index(index_dir, fixture_articles).sync(rebuild=True)
        assert held.exists() and not report.cleared
    finally:
        holder.kill()
        holder.wait()
    report = make_index(index_dir, fixture_articles).sync()
    assert not held.exists() and report.cleared.folders == [held.name]


def test_a_generation_replaced_under_an_open_window_goes_once_the_window_moves_on(
    tmp_path, fixture_articles, make_index, vocabulary
):
    """Another process's rebuild keeps the generation a window is reading; the window's next
    search follows CURRENT to the new one, and the old folder is removed."""
    index_dir = tmp_path / "index"
    window = make_index(index_dir, fixture_articles)
    window.sync()
    search = SearchService(window, vocabulary)
    old = window._folder.name
    assert search.search("cramps").hits
    make_index(index_dir, fixture_articles).sync(rebuild=True)
    assert old in folders(index_dir)  # the window still has it open
    result = search.search("cramps")
    assert result.hits and result.message == ""
    assert folders(index_dir) == [generations.read_current(index_dir)] != [old]
    assert window.sync().cleared.folders == [old]
