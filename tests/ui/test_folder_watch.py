"""The articles folder watch: which changes it reports, and that it stays quiet otherwise."""

from __future__ import annotations

import pytest

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
