"""The articles folder watch: which changes it reports, and that it stays quiet otherwise."""

from __future__ import annotations

import pytest

from mspain_kb.ui import folder_watch
from mspain_kb.ui.folder_watch import QUIET_MS, FolderWatcher

WAIT_MS = 5000


@pytest.fixture
def watched(qtbot, tmp_path):
    (tmp_path / "spasms.md").write_text("# Spasms\n", encoding="utf-8")
    watcher = FolderWatcher(tmp_path)
    watcher.watch()
    qtbot.waitUntil(lambda: not watcher._to_add, timeout=WAIT_MS)
    yield tmp_path, watcher
    watcher.stop()


def test_an_added_article_is_named(qtbot, watched):
    folder, watcher = watched
    with qtbot.waitSignal(watcher.changed, timeout=WAIT_MS) as changed:
        (folder / "burning-feet.md").write_text("# Burning feet\n", encoding="utf-8")
    assert changed.args[0] == ["burning-feet.md"]


def test_an_article_edited_in_place_is_named(qtbot, watched):
    folder, watcher = watched
    with qtbot.waitSignal(watcher.changed, timeout=WAIT_MS) as changed:
        (folder / "spasms.md").write_text("# Spasms\n\nNew words.\n", encoding="utf-8")
    assert changed.args[0] == ["spasms.md"]


def test_files_that_are_not_articles_change_nothing(qtbot, watched):
    """An editor's temporary file that comes and goes, or a picture, asks for no sync."""
    folder, watcher = watched
    with qtbot.assertNotEmitted(watcher.changed, wait=QUIET_MS * 10):
        temporary = folder / ".spasms.md.swp"
        temporary.write_bytes(b"draft")
        temporary.unlink()
        (folder / "photo.jpg").write_bytes(b"\xff\xd8")


def test_an_article_replaced_by_renaming_is_still_watched_after(qtbot, watched):
    """Most editors save by renaming a new file over the old one; the next edit in place
    must be seen too."""
    folder, watcher = watched
    with qtbot.waitSignal(watcher.changed, timeout=WAIT_MS) as changed:
        (folder / ".spasms.md.new").write_text("# Spasms\n\nSaved.\n", encoding="utf-8")
        (folder / ".spasms.md.new").replace(folder / "spasms.md")
    assert changed.args[0] == ["spasms.md"]
    with qtbot.waitSignal(watcher.changed, timeout=WAIT_MS) as changed:
        (folder / "spasms.md").write_text("# Spasms\n\nEdited in place.\n", encoding="utf-8")
    assert changed.args[0] == ["spasms.md"]


def test_in_a_folder_too_big_to_watch_file_by_file_a_replaced_article_asks_for_a_scan(
    qtbot, tmp_path, monkeypatch
):
    """Beyond the files it can watch one by one, the folder watch cannot name an article an
    editor replaced by renaming; it asks for a scan of the whole folder instead of nothing."""
    monkeypatch.setattr(folder_watch, "MAX_WATCHED_FILES", 1)
    for name in ("spasms.md", "hug.md"):
        (tmp_path / name).write_text("# Article\n", encoding="utf-8")
    watcher = FolderWatcher(tmp_path)
    watcher.watch()
    assert watcher._watcher.files() == []
    with qtbot.waitSignal(watcher.changed, timeout=WAIT_MS) as changed:
        (tmp_path / ".hug.md.new").write_text("# Hug\n\nSaved.\n", encoding="utf-8")
        (tmp_path / ".hug.md.new").replace(tmp_path / "hug.md")
    assert changed.args[0] is None
    watcher.stop()
