"""The articles folder watch in the window: which changes it reports, gathered and debounced,
and that it stays quiet otherwise."""

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
    yield tmp_path, watcher
    watcher.stop()


def test_an_added_article_is_named(qtbot, watched):
    folder, watcher = watched
    with qtbot.waitSignal(watcher.changed, timeout=WAIT_MS) as changed:
        (folder / "burning-feet.md").write_text("# Burning feet\n", encoding="utf-8")
    assert changed.args[0] == ["burning-feet.md"]


def test_an_article_replaced_by_renaming_then_edited_in_place_is_named_each_time(qtbot, watched):
    """Most editors save by renaming a new file over the old one; an edit in place after
    that is seen too."""
    folder, watcher = watched
    with qtbot.waitSignal(watcher.changed, timeout=WAIT_MS) as changed:
        (folder / ".spasms.md.new").write_text("# Spasms\n\nSaved.\n", encoding="utf-8")
        (folder / ".spasms.md.new").replace(folder / "spasms.md")
    assert changed.args[0] == ["spasms.md"]
    with qtbot.waitSignal(watcher.changed, timeout=WAIT_MS) as changed:
        (folder / "spasms.md").write_text("# Spasms\n\nEdited in place.\n", encoding="utf-8")
    assert changed.args[0] == ["spasms.md"]


def test_files_that_are_not_articles_change_nothing(qtbot, watched):
    """An editor's temporary file that comes and goes, a picture, or reading an article asks
    for no sync."""
    folder, watcher = watched
    with qtbot.assertNotEmitted(watcher.changed, wait=QUIET_MS * 10):
        temporary = folder / ".spasms.md.swp"
        temporary.write_bytes(b"draft")
        temporary.unlink()
        (folder / "photo.jpg").write_bytes(b"\xff\xd8")
        (folder / "spasms.md").read_text(encoding="utf-8")


def test_many_files_at_once_ask_for_one_scan(qtbot, watched, monkeypatch):
    folder, watcher = watched
    monkeypatch.setattr(folder_watch, "MAX_NAMES", 3)
    with qtbot.waitSignal(watcher.changed, timeout=WAIT_MS) as changed:
        for number in range(5):
            (folder / f"copied-{number}.md").write_text("# Copied\n", encoding="utf-8")
    assert changed.args[0] is None


def test_a_folder_that_went_away_is_watched_again_once_it_is_back(qtbot, watched, monkeypatch):
    """A drive unplugged and plugged in again: a scan of what was missed, then names again."""
    monkeypatch.setattr(folder_watch, "RETRY_MS", 100)
    folder, watcher = watched
    watcher._retry.setInterval(100)
    with qtbot.waitSignal(watcher.changed, timeout=WAIT_MS) as changed:
        (folder / "spasms.md").unlink()
        folder.rmdir()
    assert changed.args[0] is None  # the folder itself: only a scan can say what is left
    with qtbot.waitSignal(watcher.changed, timeout=WAIT_MS) as changed:
        folder.mkdir()
        (folder / "back.md").write_text("# Back\n", encoding="utf-8")
    assert changed.args[0] is None  # watched again: first a scan of what came meanwhile
    with qtbot.waitSignal(watcher.changed, timeout=WAIT_MS) as changed:
        (folder / "later.md").write_text("# Later\n", encoding="utf-8")
    assert changed.args[0] == ["later.md"]


def test_a_folder_that_cannot_be_watched_is_said_in_plain_words(qtbot, tmp_path):
    watcher = FolderWatcher(tmp_path / "unplugged-drive")
    watcher.watch()
    assert "not noticed while the window is open" in watcher.problem
    assert "unplugged-drive" in watcher.problem
    watcher.stop()
