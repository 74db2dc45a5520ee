"""The window's frame: it fits small screens and large scales, folds its panes into tabs,
starts with plain words, and never leaves people without a way on."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from PySide6.QtWidgets import QApplication, QTabWidget

from tests.conftest import REPO

SMALL_SCREEN = (720, 450)  # a 1440×900 screen at 200%, in device-independent pixels


def reachable(window, pane) -> bool:
    """Visible now, or one click away (a tab of the folded panes)."""
    tabs: QTabWidget = window.splitter.tabs
    if tabs.indexOf(pane) >= 0:
        return tabs.isVisible() and tabs.tabBar().isVisible()
    return pane.isVisible() and pane.width() > 0


def test_the_window_fits_a_small_screen(qtbot, window):
    """The smallest window fits 720×450; at that size every pane can be reached, the article
    beside the results, the glossary one click away; menus and status bar stay in view."""
    hint = window.minimumSizeHint()
    assert hint.width() <= SMALL_SCREEN[0] and hint.height() <= SMALL_SCREEN[1], hint
    window.resize(*SMALL_SCREEN)
    qtbot.waitUntil(lambda: window.size().toTuple() == SMALL_SCREEN)
    assert window.splitter.arrangement in ("middle", "narrow")
    for _title, pane in window.panes:
        assert reachable(window, pane)
    window.reveal_glossary()
    assert window.splitter.pane_is_shown(window.panes[2][1])
    assert window.statusBar().geometry().bottom() < SMALL_SCREEN[1]
    assert window.menuBar().isVisible() and window.statusBar().isVisible()


def test_panes_fold_into_tabs_and_back_as_the_window_narrows(qtbot, window):
    """Side by side when wide; the glossary beside the article in tabs in between; all three
    as tabs when narrow; back side by side, with the reader's widths, when wide again."""
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.splitter.arrangement == "wide")
    window.splitter.setSizes([300, 600, 300])
    chosen = window.splitter.sizes()
    window.resize(700, 450)
    qtbot.waitUntil(lambda: window.splitter.arrangement == "middle")
    tabs = window.splitter.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Article", "Glossary"]
    assert window.search_panel.isVisible()
    window.resize(420, 450)
    qtbot.waitUntil(lambda: window.splitter.arrangement == "narrow")
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Results", "Article", "Glossary"]
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.splitter.arrangement == "wide")
    assert window.splitter.sizes() == chosen


def test_results_arriving_do_not_move_the_panes(qtbot, window):
    """The column widths stay put when results, an article and a status message come."""
    from tests.ui.ui_helpers import search

    window.resize(1100, 700)
    qtbot.waitUntil(lambda: window.splitter.arrangement == "wide")
    before = window.splitter.sizes()
    search(qtbot, window, "pins and needles")
    window.search_panel.results.setFocus()
    window.status.say("A status message long enough to push things about if it could " * 3)
    with qtbot.waitSignal(window.controller.articleShown):
        window.controller.open_article(window.search_panel.hit_ids()[0], "pins and needles")
    QApplication.processEvents()
    assert window.splitter.sizes() == before


SCALED_PROBE = """
import json, sys
from PySide6.QtWidgets import QApplication
from mspain_kb.config import resolve_paths
from mspain_kb.services import Services
from mspain_kb.ui.main_window import MainWindow
app = QApplication([])
services = Services(resolve_paths(sys.argv[1]))
window = MainWindow(services.vocabulary, services.glossary)
window.show()
app.processEvents()
hint = window.minimumSizeHint()
window.resize(720, 450)
app.processEvents()
print(json.dumps({
    "ratio": window.devicePixelRatio(),
    "hint": [hint.width(), hint.height()],
    "size": [window.width(), window.height()],
    "arrangement": window.splitter.arrangement,
}))
"""


def test_at_200_percent_the_window_fits_a_1440_by_900_screen(tmp_path):
    """With QT_SCALE_FACTOR=2 the smallest window is at most 720×450 device-independent
    pixels (1440×900 on screen), and the window takes that size."""
    env = {**os.environ, "QT_SCALE_FACTOR": "2", "QT_QPA_PLATFORM": "offscreen"}
    env["MSPAIN_KB_INDEX"] = str(tmp_path / "index")
    env["MSPAIN_KB_SETTINGS"] = str(tmp_path / "settings")
    done = subprocess.run(
        [sys.executable, "-c", SCALED_PROBE, str(REPO / "articles")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    probe = json.loads(done.stdout.strip().splitlines()[-1])
    assert probe["ratio"] == 2
    assert probe["hint"][0] <= 720 and probe["hint"][1] <= 450, probe
    assert probe["size"] == [720, 450] and probe["arrangement"] in ("middle", "narrow")


def test_the_first_start_says_in_plain_words_what_happened(window):
    """A first start prepares the articles; it does not say something was missing."""
    message = window.statusBar().currentMessage()
    assert message == "4 articles prepared for searching."
    assert not window.info_bar.isVisible()


def test_no_problems_never_says_files_need_attention(window):
    box = window.controller.show_problems()
    assert "No problems" in box.text() and "need attention" not in box.text()
    box.close()


def test_without_a_file_manager_the_folder_path_is_shown(monkeypatch, window):
    """When nothing can open the folder, a box says where it is, in text that can be copied."""
    monkeypatch.setenv("PATH", "")  # no xdg-open, no file manager
    box = window.controller.open_articles_folder()
    assert box is not None
    folder = str(window.controller.services.paths.articles_dir)
    assert folder in box.text() and "No file manager" in box.text()
    box.close()
