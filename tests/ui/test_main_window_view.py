"""The window's view on its own, with no controller: what it shows and the keys it handles
itself. Everything else a window does is in the tests that build it with its controller."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar

from mspain_kb.config import resolve_paths
from mspain_kb.services import Services
from mspain_kb.ui.main_window import MainWindow
from tests.conftest import REAL_ARTICLES


@pytest.fixture
def view(qtbot):
    services = Services(resolve_paths(REAL_ARTICLES))
    window = MainWindow(services.vocabulary, services.glossary)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    services.close()


def test_the_panes_sit_side_by_side_in_reading_order(qtbot, view):
    """Results, article and glossary, left to right on a wide window, each one named for the
    tab it becomes on a small screen."""
    view.resize(1280, 800)
    qtbot.waitUntil(lambda: view.splitter.arrangement == "wide")
    assert [title for title, _pane in view.panes] == ["Results", "Article", "Glossary"]
    assert [view.splitter.widget(i) for i in range(3)] == [pane for _t, pane in view.panes]
    assert all(size > 0 for size in view.splitter.sizes())
    assert view.controller is None


def test_menus_and_toolbar_are_in_their_order(view):
    assert [action.text() for action in view.menuBar().actions()] == [
        "&File",
        "&Edit",
        "&View",
        "&Saved",
        "Hi&story",
        "&Help",
    ]
    toolbar = view.findChild(QToolBar, "mainToolbar")
    names = [action.objectName() for action in toolbar.actions() if not action.isSeparator()]
    assert names == [
        "back",
        "forward",
        "home",
        "print",
        "export_pdf",
        "import",
        "zoom_out",
        "zoom_in",
        "save_article",
        "read_aloud",
        "stop_reading",
    ]
    assert view.actions_by_name["save_article"].toolTip() == (
        "Save this article to your list, or take it off the list (Ctrl+D)"
    )


def test_the_setters_change_what_is_shown(view):
    """Print waits for an article; the star shows saved or not; the title names the article."""
    actions = view.actions_by_name
    assert not actions["print"].isEnabled() and not actions["export_pdf"].isEnabled()
    view.set_article_open(True)
    assert actions["print"].isEnabled() and actions["export_pdf"].isEnabled()
    view.show_saved_star(enabled=True, saved=True)
    assert actions["save_article"].isChecked() and actions["save_article"].text() == "★ Saved"
    view.show_title("Muscle spasms")
    assert view.windowTitle() == "Muscle spasms — MS Pain KB"
    view.show_title(None)
    assert view.windowTitle() == "MS Pain KB"


def test_a_squeezed_glossary_comes_back_when_revealed(qtbot, view):
    view.resize(1280, 800)
    qtbot.waitUntil(lambda: view.splitter.arrangement == "wide")
    view.splitter.setChildrenCollapsible(True)
    view.splitter.setSizes([330, 950, 0])
    assert view.splitter.sizes()[2] == 0
    view.reveal_glossary()
    assert view.splitter.sizes()[2] > 0


def test_text_size_sizes_the_article_text(view):
    normal = view.view.font().pointSizeF()
    view.set_text_size(150)
    assert view.text_size() == 150 and view.view.font().pointSizeF() > normal
    assert view.status.text_size_label.text() == "Text 150%"


def test_keys_that_only_move_around_the_window_work_without_a_controller(qtbot, view):
    """Ctrl+L goes to the search box; Down goes on to the results; Ctrl+F opens find."""
    view.view.setFocus()
    qtbot.keyClick(view.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert view.search_box.hasFocus()
    qtbot.keyClick(view.search_box, Qt.Key.Key_Down)
    assert view.search_panel.results.hasFocus()
    qtbot.keyClick(view.search_panel.results, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.find_bar.isVisible() and view.find_bar.field.hasFocus()
