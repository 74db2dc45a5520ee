"""The folder watch names article files as they change, and only changes (never a read)."""

from __future__ import annotations

import queue
import time

import pytest

from mspain_kb.core.collection.folder_watch import FolderWatch

WAIT_SECONDS = 5


@pytest.fixture
def watched(tmp_path):
    (tmp_path / "spasms.md").write_text("# Spasms\n", encoding="utf-8")
    names: queue.Queue = queue.Queue()
    watch = FolderWatch(tmp_path, names.put)
    watch.start()
    yield tmp_path, watch, names
    watch.stop()


def _names(names: queue.Queue, quiet: float = 0.3) -> set:
    """Every name reported until nothing more comes for `quiet` seconds."""
    seen = set()
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        try:
            seen.add(names.get(timeout=quiet))
        except queue.Empty:
            if seen:
                break
    return seen


def test_written_added_renamed_and_removed_articles_are_named(watched):
    folder, _watch, names = watched
    (folder / "spasms.md").write_text("# Spasms\n\nMore.\n", encoding="utf-8")
    assert _names(names) == {"spasms.md"}
    (folder / "hug.md").write_text("# The MS hug\n", encoding="utf-8")
    assert _names(names) == {"hug.md"}
    (folder / ".hug.md.tmp").write_text("# The MS hug\n\nSaved.\n", encoding="utf-8")
    (folder / ".hug.md.tmp").replace(folder / "hug.md")
    assert _names(names) == {"hug.md"}
    (folder / "hug.md").rename(folder / "ms-hug.md")
    assert _names(names) == {"hug.md", "ms-hug.md"}
    (folder / "ms-hug.md").unlink()
    assert _names(names) == {"ms-hug.md"}


def test_reading_articles_and_other_files_are_not_changes(watched):
    """The index reads articles all the time: a read must never look like a change."""
    folder, _watch, names = watched
    (folder / "spasms.md").read_text(encoding="utf-8")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8")
    (folder / "notes").mkdir()
    (folder / "notes" / "inner.md").write_text("# Not in the collection\n", encoding="utf-8")
    time.sleep(0.5)
    assert names.empty()


def test_a_removed_folder_ends_the_watch_with_none_and_it_can_start_again(watched):
    folder, watch, names = watched
    assert watch.alive
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    assert None in _names(names)
    deadline = time.monotonic() + WAIT_SECONDS
    while watch.alive and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not watch.alive
    folder.mkdir()
    watch.start()
    (folder / "back.md").write_text("# Back\n", encoding="utf-8")
    assert _names(names) == {"back.md"}


def test_a_missing_folder_cannot_be_watched(tmp_path):
    watch = FolderWatch(tmp_path / "no-such-folder", lambda name: None)
    with pytest.raises(OSError):
        watch.start()
    assert not watch.alive
    watch.stop()
