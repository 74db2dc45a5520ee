"""The window's frame: it fits small screens and large scales, folds its panes into tabs,
starts with plain words, and never leaves people without a way on."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QTabWidget

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


def test_at_1024_by_700_the_panes_sit_side_by_side(qtbot, window):
    """A 1024×700 screen at 100%: all three panes in view at once, none squeezed shut."""
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.size().toTuple() == (1024, 700))
    assert window.splitter.arrangement == "wide"
    for _title, pane in window.panes:
        assert pane.isVisible() and pane.width() >= pane.minimumWidth() > 0
    assert window.statusBar().geometry().bottom() < 700


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


def test_on_a_short_screen_the_topics_fold_away_and_two_results_show(qtbot, window):
    """At 720×450 the topic list folds so the results get the height, no result takes more
    than half the list; Alt+T unfolds the topics and moves there, and that choice is kept."""
    from tests.ui.ui_helpers import search

    panel = window.search_panel
    window.resize(*SMALL_SCREEN)
    qtbot.waitUntil(lambda: not panel.tag_list.isVisible())
    assert panel.topics_fold.isVisible() and not panel.topics_fold.unfolded()
    search(qtbot, window, "stiff legs at night")
    results = panel.results
    assert results.count() >= 2
    second = results.visualItemRect(results.item(1))
    assert second.top() < results.viewport().height()
    assert results.visualItemRect(results.item(0)).height() <= results.viewport().height() // 2 + 2
    _assert_cut_rows_end_on_a_whole_line(results)
    window.search_box.setFocus()
    qtbot.keyClick(window.search_box, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: panel.tag_list.isVisible())
    assert window.focusWidget() is panel.tag_list
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.size().toTuple() == (1280, 800))
    qtbot.mouseClick(panel.topics_fold, Qt.MouseButton.LeftButton)  # the reader folds them
    window.resize(*SMALL_SCREEN)
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.size().toTuple() == (1280, 800))
    assert not panel.tag_list.isVisible()


def _assert_cut_rows_end_on_a_whole_line(results):
    """A row cut short shows no half line: its last few pixel rows are empty background."""
    image = results.viewport().grab().toImage()
    cut = 0
    for row in range(results.count()):
        rect = results.visualItemRect(results.item(row))
        if rect.bottom() >= image.height() or results.item(row).isSelected():
            continue
        band = {
            image.pixel(x, y)
            for y in range(rect.bottom() - 4, rect.bottom())
            for x in range(rect.left(), rect.right())
        }
        assert len(band) == 1, f"row {row} shows part of a line below its cut"
        cut += 1
    assert cut, "no row to check"


def test_on_a_tall_screen_the_topics_stay_in_view(qtbot, window):
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.size().toTuple() == (1280, 800))
    assert window.search_panel.tag_list.isVisible()
    assert window.search_panel.topics_fold.accessibleName() == "Topics"


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


# Keyboard --------------------------------------------------------------------------------
def test_enter_on_a_result_moves_into_the_article(qtbot, window):
    """After Enter opens a result, the article has the focus and Page Down scrolls it."""
    from PySide6.QtCore import Qt

    from tests.ui.ui_helpers import search

    window.resize(*SMALL_SCREEN)  # folded: the article tab must come forward too
    qtbot.waitUntil(lambda: window.splitter.arrangement != "wide")
    search(qtbot, window, "spasms")
    qtbot.keyClick(window.search_box, Qt.Key.Key_F6)
    results = window.search_panel.results
    assert results.hasFocus()
    with qtbot.waitSignal(window.controller.articleShown):
        qtbot.keyClick(results, Qt.Key.Key_Return)
    assert window.view.hasFocus() and window.splitter.pane_is_shown(window.article_pane)
    bar = window.view.verticalScrollBar()
    bar.setValue(0)
    qtbot.keyClick(window.view, Qt.Key.Key_PageDown)
    assert bar.value() > 0


def test_f6_cycles_the_panes_both_ways(qtbot, window):
    """F6: search box, results, article, glossary, and round; Shift+F6 goes back. A folded
    glossary is brought forward."""
    from PySide6.QtCore import Qt

    window.resize(*SMALL_SCREEN)
    qtbot.waitUntil(lambda: window.splitter.arrangement != "wide")
    window.search_box.setFocus()
    seen = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
        seen.append(QApplication.focusWidget())
    glossary = window.glossary_panel
    assert seen == [window.search_panel.results, window.view, glossary.filter, window.search_box]
    qtbot.keyClick(window.search_box, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert glossary.filter.hasFocus()
    assert window.splitter.pane_is_shown(window.panes[2][1])


# Text size -------------------------------------------------------------------------------
def test_text_size_applies_to_every_pane_is_shown_and_remembered(qtbot, make_window):
    """Ctrl+plus makes the results, topics, glossary, menus and article larger; the status
    bar says how large; the next window starts at that size."""
    from PySide6.QtCore import Qt

    from mspain_kb.ui.theme import style_sheet

    QApplication.instance().setStyleSheet(style_sheet("system"))  # as the app has it
    window = make_window()
    panes = {
        "results": window.search_panel.results,
        "topics": window.search_panel.tag_list,
        "glossary": window.glossary_panel.term_list,
        "definition": window.glossary_panel.definition,
        "article": window.view,
        "search": window.search_box,
        "menu": window.saved_menu,
    }
    before = {name: widget.font().pointSizeF() for name, widget in panes.items()}
    assert window.status.text_size_label.text() == "Text 100%"
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.status.text_size_label.text() == "Text 125%"
    for name, widget in panes.items():
        assert widget.font().pointSizeF() > before[name], name
    window.resize(420, 450)  # the panes fold into tabs and keep their size
    qtbot.waitUntil(lambda: window.splitter.arrangement == "narrow")
    for name, widget in panes.items():
        assert widget.font().pointSizeF() > before[name], name
    window.close()
    second = make_window()
    assert second.text_size() == 125
    assert second.search_panel.results.font().pointSizeF() == pytest.approx(
        before["results"] * 1.25
    )
    qtbot.keyClick(second.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert second.status.text_size_label.text() == "Text 100%"
    assert second.search_panel.results.font().pointSizeF() == pytest.approx(before["results"])
    QApplication.instance().setStyleSheet("")


# Themes ----------------------------------------------------------------------------------
@pytest.fixture
def restore_system_theme():
    yield
    from mspain_kb.ui.theme import apply_theme

    apply_theme(QApplication.instance(), "system")


def test_the_theme_chosen_is_applied_and_remembered(qtbot, make_window, restore_system_theme):
    """View > Theme > High contrast: white on black with yellow highlight, the article in its
    high-contrast colours; the next window starts in it; Light brings dark text back."""
    from PySide6.QtGui import QPalette

    window = make_window()
    action = window.actions_by_name["theme_high_contrast"]
    assert action in window.findChild(QMenu, "themeMenu").actions()
    action.trigger()
    palette = QApplication.palette()
    assert palette.color(QPalette.ColorRole.Window).name() == "#000000"
    assert palette.color(QPalette.ColorRole.WindowText).name() == "#ffffff"
    assert palette.color(QPalette.ColorRole.Highlight).name() == "#ffff00"
    from mspain_kb.core.render.article import stylesheet

    page = window.controller.pages.load(window.view.source()).html  # the welcome page
    assert stylesheet("high-contrast") in page and window.controller.theme == "high-contrast"
    window.close()
    second = make_window()
    assert second.actions_by_name["theme_high_contrast"].isChecked()
    assert second.controller.theme == "high-contrast"
    second.actions_by_name["theme_light"].trigger()
    text = QApplication.palette().color(QPalette.ColorRole.WindowText)
    assert text.lightnessF() < 0.5 and second.controller.theme == "light"


# Help ------------------------------------------------------------------------------------
def test_the_help_menu_offers_a_guide_shortcuts_and_about(qtbot, window):
    help_menu = next(
        action.menu() for action in window.menuBar().actions() if action.text() == "&Help"
    )
    names = [action.objectName() for action in help_menu.actions() if not action.isSeparator()]
    assert names == ["guide", "shortcuts", "problems", "about"]


def test_the_shortcuts_list_is_made_from_the_actions(qtbot, window):
    """Every action with a key is listed with its key, including ones added later."""
    window.actions_by_name["shortcuts"].trigger()
    dialog = next(
        d for d in window.findChildren(QDialog) if d.windowTitle() == "Keyboard shortcuts"
    )
    text = dialog.browser.toPlainText()
    for expected in ("Ctrl+L", "Find in article", "F6", "Next pane", "Ctrl+P", "Larger text"):
        assert expected in text, expected
    dialog.close()


def test_the_guide_covers_searching_reading_printing_importing_and_safety(qtbot, window):
    window.actions_by_name["guide"].trigger()
    dialog = next(d for d in window.findChildren(QDialog) if "How to use" in d.windowTitle())
    text = dialog.browser.toPlainText()
    for expected in ("Search", "Read", "Print", "Add articles", "never connects to the internet"):
        assert expected in text, expected
    assert "not medical advice" in text and "urgent medical help" in text
    dialog.close()


# Reading ---------------------------------------------------------------------------------
def test_article_lines_keep_a_readable_length_on_a_wide_window(qtbot, window):
    """On a wide window the article's lines are about 75 characters, centred; on a narrow
    one the text uses the width there is."""
    from PySide6.QtGui import QFontMetricsF

    from mspain_kb.ui.reading_measure import MEASURE_CHARACTERS

    def line_characters() -> float:
        document = window.view.document()
        frame = document.rootFrame().frameFormat()
        width = window.view.viewport().width() - frame.leftMargin() - frame.rightMargin()
        width -= 2 * document.documentMargin()
        return width / QFontMetricsF(document.defaultFont()).averageCharWidth()

    with qtbot.waitSignal(window.controller.articleShown):
        window.controller.open_article("muscle-spasms-and-ms")
    window.resize(2400, 900)
    qtbot.waitUntil(lambda: window.view.width() > 1000)
    assert line_characters() == pytest.approx(MEASURE_CHARACTERS, abs=2)
    frame = window.view.document().rootFrame().frameFormat()
    assert frame.leftMargin() == pytest.approx(frame.rightMargin())
    window.resize(*SMALL_SCREEN)
    qtbot.waitUntil(lambda: window.view.width() < 600)
    assert line_characters() < MEASURE_CHARACTERS


def test_topic_labels_are_never_broken_inside_a_word(window):
    """At its narrowest the results pane still holds the longest word of any topic label on
    one line, so labels wrap only between words."""
    from PySide6.QtGui import QFontMetrics

    tags = window.search_panel.tag_list
    metrics = QFontMetrics(tags.font())
    words = [w for i in range(tags.count()) for w in tags.item(i).text().split()]
    widest = max(metrics.horizontalAdvance(word) for word in words)
    room = window.panes[0][1].minimumWidth() - tags.verticalScrollBar().sizeHint().width() - 16
    assert widest < room


# Welcome page and body map ---------------------------------------------------------------
def test_the_welcome_page_uses_the_article_styles_and_opens_the_body_map(qtbot, window):
    """The welcome page carries the article stylesheet of the theme in use, and its "Where
    does it hurt?" link opens the body map."""
    from mspain_kb.core.render.article import stylesheet
    from tests.ui.ui_helpers import click_link

    window.controller.show_welcome()
    page = window.controller.pages.load(window.view.source()).html
    assert stylesheet(window.controller.theme) in page
    assert "Where does it hurt?" in window.view.toPlainText()
    click_link(qtbot, window.view, "bodymap:")
    dialog = window.controller.body_map.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.close()


def test_the_body_map_fits_the_small_window(qtbot, window):
    """At 720×450 the map's window fits the screen: the picture shrinks, the lists stay in
    view and usable."""
    dialog = window.controller.body_map.open_map()
    hint = dialog.minimumSizeHint()
    assert hint.width() <= SMALL_SCREEN[0] and hint.height() <= SMALL_SCREEN[1], hint
    dialog.resize(*SMALL_SCREEN)
    qtbot.waitUntil(lambda: dialog.size().toTuple() == SMALL_SCREEN)
    body_map = dialog.body_map
    for widget in (body_map.region_list,):
        assert widget.isVisible() and widget.height() > 40
        top_left = widget.mapTo(dialog, widget.rect().topLeft())
        assert dialog.rect().contains(top_left)
    dialog.close()


def test_the_shortcuts_list_names_only_keys_on_an_ordinary_keyboard(window):
    from mspain_kb.ui.help import shortcut_rows

    keys = [
        key for keys, _what in shortcut_rows(window.actions_by_name) for key in keys.split(", ")
    ]
    assert "Ctrl+P" in keys and "F6" in keys
    assert "Open" not in keys and "Back" not in keys and "Zoom In" not in keys


def test_about_names_the_version_and_the_bundled_licences(window):
    from mspain_kb import __version__

    box = window.controller.show_about()
    assert __version__ in box.text() and "DejaVu Sans" in box.text() and "MIT" in box.text()
    assert "not medical advice" in box.text()
    box.close()
