"""Two writers on one index at once: both finish (one waits), nothing corrupted, nothing lost.

tests/core/search/test_index.py runs three syncs at once on a small collection. Here the writers
overlap for seconds on 1,200 articles, an article is added while the first one runs, and
the window and `mspain-kb index` update the same index together.
"""

from __future__ import annotations

import re
import time

import pytest

from bench import generate
from mspain_kb.config import resolve_paths
from mspain_kb.services import Services
from tests.conftest import write_article
from tests.reliability.processes import start_cli

ARTICLES = 1200


@pytest.fixture
def collection(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for number in range(ARTICLES):
        name, text = generate.article_text(9, number, word_count=300)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def index_running(index_dir, process, timeout: float = 30.0) -> None:
    """Wait until `process` holds the index lock (it has started writing)."""
    import filelock

    lock = filelock.FileLock(str(index_dir / "lock"))
    until = time.monotonic() + timeout
    while time.monotonic() < until and process.poll() is None:
        try:
            lock.acquire(timeout=0)
            lock.release()
        except filelock.Timeout:
            return
        time.sleep(0.02)
    raise AssertionError("the first writer never took the index lock")


def assert_sound_and_complete(articles, expected: int, word: str, article_id: str) -> None:
    """A fresh process sees a sound index holding everything, with nothing left to do."""
    services = Services(resolve_paths(articles))
    try:
        report = services.index.sync()
        assert report.reason == "" and not report.changed, report  # nothing lost or redone
        assert services.index.doc_count() == expected
        assert article_id in [hit.id for hit in services.search.search(word).hits]
    finally:
        services.close()


def test_two_index_commands_at_once_lose_no_update(collection):
    """A rebuild runs; an article is added and a second `index` starts: it waits, adds it."""
    index_dir = resolve_paths(collection).index_dir
    index_dir.mkdir(parents=True)
    first = start_cli("--articles-dir", str(collection), "index", "--rebuild")
    index_running(index_dir, first)
    write_article(collection / "added-meanwhile.md", "Added", "Quokkas arrived meanwhile.")
    second = start_cli("--articles-dir", str(collection), "index")
    outputs = [first.communicate(timeout=240), second.communicate(timeout=240)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    # The new article was written once the first writer held the lock: depending on whether
    # its folder scan came before or after, the first or the second (which waited) added it.
    added = [int(re.search(rb"Added (\d+),", out).group(1)) for out, _ in outputs]
    assert added in ([ARTICLES, 1], [ARTICLES + 1, 0]), outputs
    assert_sound_and_complete(collection, ARTICLES + 1, "quokkas", "added-meanwhile")


@pytest.mark.soak
def test_repeated_overlapping_updates_keep_every_article(collection):
    """Three rounds of rebuild + update overlapping, articles added in between (soak)."""
    index_dir = resolve_paths(collection).index_dir
    index_dir.mkdir(parents=True)
    for round_number in range(3):
        first = start_cli("--articles-dir", str(collection), "index", "--rebuild")
        index_running(index_dir, first)
        write_article(collection / f"round-{round_number}.md", "R", f"Wombat{round_number}.")
        second = start_cli("--articles-dir", str(collection), "index")
        for process in (first, second):
            out, err = process.communicate(timeout=240)
            assert process.returncode == 0 and b"Traceback" not in err, err
    assert_sound_and_complete(collection, ARTICLES + 3, "wombat2", "round-2")


def test_window_and_index_command_update_together(make_window, qtbot, collection):
    """The window syncs while `mspain-kb index --rebuild` runs: both finish, search is right."""
    window = make_window(collection, wait=False)
    with qtbot.waitSignal(window.controller.indexSynced, timeout=120_000):
        window.controller.start()
    command = start_cli("--articles-dir", str(collection), "index", "--rebuild")
    index_running(window.controller.services.paths.index_dir, command)
    write_article(collection / "added-meanwhile.md", "Added", "Quokkas arrived meanwhile.")
    with qtbot.waitSignal(window.controller.indexSynced, timeout=240_000) as synced:
        window.controller.syncer.sync()  # the window's own update, waiting for the command's lock
    out, err = command.communicate(timeout=240)
    assert command.returncode == 0, err
    assert synced.args[0].added == 1  # the window added the new article after waiting
    with qtbot.waitSignal(window.controller.searchShown, timeout=60_000) as shown:
        window.controller.search_for("quokkas")
    assert [hit.id for hit in shown.args[0].hits] == ["added-meanwhile"]
    assert window.controller.services.index.doc_count() == ARTICLES + 1
    assert_sound_and_complete(collection, ARTICLES + 1, "quokkas", "added-meanwhile")
