"""The window over time: settings kept, handouts, imports, a damaged index, background work."""

from __future__ import annotations

import random
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QFileDialog
from ui_helpers import SYNC_TIMEOUT_MS, search

from mspain_kb.config import resolve_paths
from mspain_kb.core.collection.article import format_article
from mspain_kb.services import Services
from mspain_kb.ui import workers
from mspain_kb.ui.app import SETTINGS_FILE

SPASMS = "muscle-spasms-and-ms"

TRIGEMINAL_TEXT = """Trigeminal neuralgia and multiple sclerosis

Trigeminal neuralgia is a sudden, severe, stabbing pain on one side of the face. In multiple
sclerosis it can happen when damage to the myelin affects the trigeminal nerve.

People describe it as an electric shock in the cheek, jaw or teeth, set off by touching the
face, chewing, talking or a cold breeze. Speak to your MS team if you notice face pain.
"""


def test_zoom_is_remembered_after_a_restart(qtbot, make_window):
    """Text made larger with Ctrl++ is still larger in a new window with the same settings."""
    first = make_window()
    normal_size = first.view.font().pointSizeF()
    qtbot.keyClick(first.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(first.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert first.text_size() == 125 and first.view.font().pointSizeF() > normal_size
    first.close()

    second = make_window()
    assert second.text_size() == 125
    assert second.view.font().pointSizeF() == first.view.font().pointSizeF()
    settings_dir = second.controller.services.paths.settings_dir
    assert (settings_dir / SETTINGS_FILE).is_file()  # an INI file in our settings folder


def test_last_article_is_reopened_after_a_restart(make_window):
    """The article open when the window closed is shown again next time."""
    first = make_window()
    first.controller.open_article(SPASMS)
    first.close()
    second = make_window()
    assert second.view.current_article_id() == SPASMS


def test_import_through_the_menu_adds_a_searchable_article(qtbot, tmp_path, window, monkeypatch):
    """File > Import files brings in a text file, reports it, opens it, and search finds it."""
    source = tmp_path / "trigeminal.txt"
    source.write_text(TRIGEMINAL_TEXT, encoding="utf-8")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([str(source)], "")
    )
    imports = window.controller.imports
    with (
        qtbot.waitSignal(window.controller.indexSynced, timeout=SYNC_TIMEOUT_MS) as synced,
        qtbot.waitSignal(imports.finished, timeout=SYNC_TIMEOUT_MS),
    ):
        window.actions_by_name["import"].trigger()
    assert synced.args[0].added == 1
    report_text = imports.report.text.toPlainText()
    assert "Imported: Trigeminal neuralgia and multiple sclerosis" in report_text
    assert window.view.current_article_id().startswith("trigeminal-neuralgia")
    imports.report.close()
    search(qtbot, window, "trigeminal")
    assert window.search_panel.hit_ids()[0].startswith("trigeminal-neuralgia")


def test_a_refused_import_is_explained(qtbot, tmp_path, window):
    """An empty file is not imported; the report says why and nothing is added."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    before = sorted(p.name for p in window.controller.services.paths.articles_dir.iterdir())
    imports = window.controller.imports
    with qtbot.waitSignal(imports.finished, timeout=SYNC_TIMEOUT_MS) as finished:
        assert imports.import_files([str(empty)])
    assert not finished.args[0].imported
    assert "Not imported" in imports.report.text.toPlainText()
    assert "empty.txt" in imports.report.text.toPlainText()
    assert sorted(p.name for p in window.controller.services.paths.articles_dir.iterdir()) == before


def test_a_damaged_index_is_rebuilt_with_a_visible_message(qtbot, articles_copy, make_window):
    """Index files overwritten with garbage: the window rebuilds and says so above the results."""
    services = Services(resolve_paths(articles_copy))
    services.index.sync()
    services.close()
    index_dir = resolve_paths(articles_copy).index_dir
    damaged = 0
    for path in index_dir.rglob("*"):
        if path.is_file() and path.parent != index_dir:
            path.write_bytes(b"\x00garbage" * 10)
            damaged += 1
    assert damaged
    window = make_window()
    assert window.info_bar.isVisible()
    assert "damaged" in window.info_bar.text() and "rebuilt" in window.info_bar.text()
    search(qtbot, window, "cramps")
    assert SPASMS in window.search_panel.hit_ids()


def test_a_file_that_cannot_be_read_is_listed_with_its_reason(articles_copy, make_window):
    """A broken article file is named in the info bar's details, the rest still load."""
    (articles_copy / "broken.md").write_bytes(b"\xff\xfe not text \x00\x01")
    window = make_window()
    assert window.info_bar.isVisible() and "skipped" in window.info_bar.text()
    box = window.controller.show_problems()
    assert "broken.md" in box.text() and "binary" in box.text()
    box.close()


def test_changes_in_the_articles_folder_are_picked_up(qtbot, articles_copy, window):
    """An article file dropped into the folder while the window runs is found, with a message."""
    search(qtbot, window, "trigeminal")
    assert window.search_panel.hit_ids() == []
    text = format_article("Trigeminal neuralgia", TRIGEMINAL_TEXT, tags=["neuropathic-pain"])
    with qtbot.waitSignal(window.controller.indexSynced, timeout=SYNC_TIMEOUT_MS) as synced:
        (articles_copy / "trigeminal-neuralgia.md").write_text(text, encoding="utf-8")
    assert synced.args[0].added == 1
    assert "1 article added" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.search_panel.hit_ids() == ["trigeminal-neuralgia"], timeout=5000)


WORDS = (
    "pain stiffness spasm nerve burning tingling fatigue walking sleep bladder heat "
    "physiotherapy stretching medication relapse legs arms back neck numbness"
)


def _write_collection(folder: Path, count: int) -> None:
    """A generated collection large enough that indexing it takes many event-loop turns."""
    words = WORDS.split()
    rng = random.Random(4)
    folder.mkdir()
    for number in range(count):
        body = "\n\n".join(
            f"## Part {part}\n\n{' '.join(rng.choices(words, k=120))}" for part in range(3)
        )
        text = format_article(f"Generated article {number}", body, tags=["leg-pain"])
        (folder / f"generated-{number:04d}.md").write_text(text, encoding="utf-8")


def test_indexing_never_blocks_the_window(qtbot, tmp_path, make_window):
    """While a large collection is indexed in the background, timers fire and typing works."""
    folder = tmp_path / "big"
    _write_collection(folder, 400)
    window = make_window(folder, wait=False)
    ticks = []
    timer = QTimer(window, interval=5)
    timer.timeout.connect(lambda: ticks.append(window.controller.syncer.running))
    timer.start()
    with qtbot.waitSignal(window.controller.indexSynced, timeout=SYNC_TIMEOUT_MS):
        window.controller.start()
        assert window.controller.syncer.running
        qtbot.keyClicks(window.search_box, "stiff")
        assert window.search_box.text() == "stiff"
    timer.stop()
    assert sum(ticks) >= 5  # the GUI thread kept turning while the index was built
    qtbot.waitUntil(lambda: window.search_panel.results.count() > 0, timeout=SYNC_TIMEOUT_MS)


def test_article_view_never_loads_outside_resources(window):
    """Web, file and image URLs are refused by the view; only its own pages load."""
    view = window.view
    html_kind = QTextDocument.ResourceType.HtmlResource
    image_kind = QTextDocument.ResourceType.ImageResource
    assert view.loadResource(image_kind, QUrl("https://example.org/a.png")) is None
    assert view.loadResource(html_kind, QUrl("http://example.org/")) is None
    assert view.loadResource(image_kind, QUrl.fromLocalFile("/etc/hostname")) is None
    assert "information, not medical advice" in view.loadResource(html_kind, QUrl("welcome:"))


def test_about_box_gives_version_locations_and_the_note(window):
    """About shows the version, where data lives, and that this is not medical advice."""
    box = window.controller.show_about()
    text = box.text()
    assert "0." in text or "1." in text
    assert str(window.controller.services.paths.articles_dir) in text
    assert str(window.controller.services.paths.settings_dir) in text
    assert "information, not medical advice" in text
    box.close()


def test_the_info_bar_goes_when_the_problem_is_fixed(qtbot, articles_copy, make_window):
    """Once the unreadable file is removed, the next sync takes the warning away."""
    broken = articles_copy / "broken.md"
    broken.write_bytes(b"\x00\x01\x02")
    window = make_window()
    assert window.info_bar.isVisible()
    with qtbot.waitSignal(window.controller.indexSynced, timeout=SYNC_TIMEOUT_MS):
        broken.unlink()
    assert not window.info_bar.isVisible()


def test_an_unreachable_shared_folder_is_said_and_its_articles_still_found(
    qtbot, articles_copy, make_window
):
    """The articles folder cannot be reached (a network share that is down): the window says
    so and searches the articles as they were; when it is back, the notice goes."""
    window = make_window()
    search(qtbot, window, "cramps")
    assert SPASMS in window.search_panel.hit_ids()
    away = articles_copy.with_name("share-down")
    articles_copy.rename(away)
    with qtbot.waitSignal(window.controller.indexSynced, timeout=SYNC_TIMEOUT_MS):
        window.controller.syncer.sync()
    assert window.info_bar.isVisible()
    assert "cannot be reached" in window.info_bar.text()
    search(qtbot, window, "spasms")
    search(qtbot, window, "cramps")
    assert SPASMS in window.search_panel.hit_ids()
    away.rename(articles_copy)
    with qtbot.waitSignal(window.controller.indexSynced, timeout=SYNC_TIMEOUT_MS):
        window.controller.syncer.sync()
    assert not window.info_bar.isVisible()


def test_an_article_changed_in_place_is_found_while_the_window_runs(qtbot, articles_copy, window):
    """Editing an article file (the watcher names it) updates that article only."""
    search(qtbot, window, "quillwort")
    assert window.search_panel.hit_ids() == []
    path = articles_copy / f"{SPASMS}.md"
    with qtbot.waitSignal(window.controller.indexSynced, timeout=SYNC_TIMEOUT_MS) as synced:
        path.write_text(path.read_text(encoding="utf-8") + "\nA quillwort note.\n", "utf-8")
    report = synced.args[0]
    assert (report.added, report.updated, report.removed) == (0, 1, 0)
    search(qtbot, window, "quillwort")
    qtbot.waitUntil(lambda: window.search_panel.hit_ids() == [SPASMS], timeout=5000)


def test_live_updates_are_merged_once_the_window_is_idle(qtbot, articles_copy, window):
    """Each edit while the window runs is a small segment of its own; once no change has
    come for a moment they are merged into one, and searches find the same articles."""
    index = window.controller.services.index
    merges = []
    window.controller.syncer.merged.connect(lambda: merges.append(True))
    names = sorted(path.name for path in articles_copy.glob("*.md"))[:3]
    for number, name in enumerate(names):
        path = articles_copy / name
        with qtbot.waitSignal(window.controller.indexSynced, timeout=SYNC_TIMEOUT_MS):
            text = path.read_text(encoding="utf-8") + f"\nA quillwort note {number}.\n"
            path.write_text(text, "utf-8")
    assert index.small_segment_count() == 4  # the first build's and one per edit
    assert window.controller.syncer.merge_planned
    before = {query: search(qtbot, window, query).hits for query in ("quillwort", "pain")}

    qtbot.waitUntil(lambda: bool(merges), timeout=SYNC_TIMEOUT_MS)

    assert index.small_segment_count() == 1 and merges == [True]
    for query, hits in before.items():
        shown = search(qtbot, window, query)
        assert {hit.id for hit in shown.hits} == {hit.id for hit in hits}
        assert shown.hits[0].id == hits[0].id
    assert window.search_panel.hit_ids()  # the window still lists what it found


def test_a_run_of_edits_is_not_held_up_by_a_merge(qtbot, articles_copy, window, monkeypatch):
    """A run of edits: once many small segments pile up, the merge waits for a short pause
    instead of starting at once (it holds the writer for about a second on a large
    collection, and the next edit with it)."""
    monkeypatch.setattr(workers, "MERGE_SOON", 3)
    syncer = window.controller.syncer
    merges = []
    syncer.merged.connect(lambda: merges.append(True))
    path = sorted(articles_copy.glob("*.md"))[0]
    original = path.read_text(encoding="utf-8")
    for number in range(4):
        with qtbot.waitSignal(window.controller.indexSynced, timeout=SYNC_TIMEOUT_MS):
            path.write_text(original + f"\nA quillwort note {number}.\n", "utf-8")
        if window.controller.services.index.small_segment_count() >= 3:
            assert syncer.merge_planned and not merges
            assert syncer._merge_timer.interval() == workers.MERGE_SOON_MS
    qtbot.waitUntil(lambda: bool(merges), timeout=SYNC_TIMEOUT_MS)
    assert window.controller.services.index.small_segment_count() == 1
