"""Smaller window behaviours: tooltips, suggestions, several topics, printing, themes, crashes."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip
from ui_helpers import SYNC_TIMEOUT_MS, search

from mspain_kb.core.render.article import stylesheet
from mspain_kb.ui.error_log import ERROR_LOG, install_crash_handler

SPASMS = "muscle-spasms-and-ms"


def _first_glossary_link(view):
    block = view.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().anchorHref().startswith("glossary:"):
                return fragment
            iterator += 1
        block = block.next()
    raise AssertionError("no glossary link in the article")


def test_hovering_a_glossary_link_shows_its_short_definition(qtbot, window):
    """A tooltip event over an underlined term shows the term and its one-line meaning."""
    window.controller.open_article(SPASMS)
    view = window.view
    fragment = _first_glossary_link(view)
    cursor = QTextCursor(view.document())
    cursor.setPosition(fragment.position() + 1)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    point = view.cursorRect(cursor).center()
    slug = fragment.charFormat().anchorHref().split(":", 1)[1]
    entry = window.controller.services.glossary.get(slug)
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    assert QToolTip.text() == f"{entry.term}: {entry.short}"
    QToolTip.hideText()


def test_did_you_mean_link_searches_the_correction(qtbot, window):
    """A misspelt search offers 'Did you mean'; following it searches the corrected words."""
    result = search(qtbot, window, "spasticty")
    assert result.suggestion == "spasticity"
    assert "Did you mean" in window.search_panel.notice.text()
    with qtbot.waitSignal(window.controller.searchShown, timeout=SYNC_TIMEOUT_MS):
        window.search_panel.notice.linkActivated.emit("suggest:spasticity")
    assert window.search_box.text() == "spasticity"


def test_a_question_is_searched_and_what_was_set_aside_is_shown(qtbot, window):
    """A typed question finds articles; an unpaired quote mark is explained in the panel."""
    result = search(qtbot, window, 'why are my legs so "stiff at night?')
    assert result.hits
    assert "A quote mark had no partner" in window.search_panel.notice.text()


def test_two_topics_narrow_further_than_one(qtbot, window):
    """Selecting a second topic keeps only articles that have both."""
    search(qtbot, window, "pain")
    panel = window.search_panel
    with qtbot.waitSignal(window.controller.searchShown, timeout=SYNC_TIMEOUT_MS):
        panel.select_tag("spasticity")
    one = panel.hit_ids()
    with qtbot.waitSignal(window.controller.searchShown, timeout=SYNC_TIMEOUT_MS):
        panel.select_tag("lhermitte")
    both = panel.hit_ids()
    assert set(panel.selected_tags()) == {"spasticity", "lhermitte"}
    assert both and set(both) < set(one)


def test_print_and_export_wait_for_an_article(window):
    """On the welcome page there is nothing to print: the actions are disabled."""
    assert window.view.source().scheme() == "welcome"
    assert not window.actions_by_name["print"].isEnabled()
    assert not window.actions_by_name["export_pdf"].isEnabled()
    assert window.controller.handouts.print_article() is False


def test_dark_system_theme_rerenders_the_article_dark(window, monkeypatch):
    """When the system switches to dark, the open article is drawn again with dark colours."""
    window.controller.open_article(SPASMS)
    monkeypatch.setattr("mspain_kb.ui.window_controller.current_theme", lambda: "dark")
    window.controller.follow_system_theme(Qt.ColorScheme.Dark)
    assert window.controller.theme == "dark"
    page = window.view.loadResource(1, window.view.source())
    assert stylesheet("dark") in page
    assert window.view.current_article_id() == SPASMS


def test_splitter_sizes_are_remembered(qtbot, make_window):
    """Panel widths chosen by the user come back in the next window."""
    first = make_window()
    first.resize(790, 580)  # wide enough for the panes side by side, within the screen
    qtbot.waitUntil(lambda: first.splitter.arrangement == "wide")
    first.splitter.setSizes([250, 290, 222])
    chosen = first.splitter.sizes()
    first.close()
    second = make_window()
    qtbot.waitUntil(lambda: second.splitter.arrangement == "wide")
    assert second.splitter.sizes() == chosen


def test_an_unexpected_error_is_shown_plainly_and_logged(tmp_path, monkeypatch):
    """A crash shows a plain message (no traceback) and writes the traceback to a log."""
    shown = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(
        "mspain_kb.ui.error_log.QMessageBox.warning", lambda *args: shown.append(args[2])
    )
    install_crash_handler(tmp_path)
    try:
        raise ValueError("the disk said no")
    except ValueError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    assert shown and "the disk said no" in shown[0]
    assert "Traceback" not in shown[0] and "Your articles are safe" in shown[0]
    log = (tmp_path / ERROR_LOG).read_text(encoding="utf-8")
    assert "Traceback" in log and "ValueError" in log


def test_glossary_filter_narrows_the_term_list(qtbot, window):
    """Typing in the glossary filter hides terms that do not match (aliases count)."""
    panel = window.glossary_panel
    qtbot.keyClicks(panel.filter, "tingl")
    visible = [
        panel.term_list.item(row).text()
        for row in range(panel.term_list.count())
        if not panel.term_list.item(row).isHidden()
    ]
    assert "Numbness and tingling" in visible
    assert len(visible) < panel.term_list.count()
    qtbot.keyClick(panel.filter, Qt.Key.Key_Return)
    assert panel.current_slug() == window.controller.services.glossary.lookup(visible[0]).slug


def test_articles_mentioning_a_term_open_on_click(qtbot, window):
    """The glossary lists articles that use the chosen term; activating one opens it."""
    qtbot.waitUntil(lambda: window.controller.article_count() is not None, timeout=SYNC_TIMEOUT_MS)
    window.controller.show_glossary_entry(
        window.controller.services.glossary.lookup("spasticity").slug
    )
    mentions = window.glossary_panel.mentioned_in
    qtbot.waitUntil(lambda: mentions.count() >= 2, timeout=SYNC_TIMEOUT_MS)
    item = mentions.item(0)
    rect = mentions.visualItemRect(item)
    with qtbot.waitSignal(window.controller.articleShown, timeout=5000) as shown:
        qtbot.mouseClick(mentions.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.controller.current_article().title == item.text()
    assert shown.args[0] == window.controller.current_article().id


def test_more_articles_mentioning_a_term_than_listed_offer_a_search(qtbot, window, monkeypatch):
    """Past the listed few, a last row says how many more and searches for the term."""
    from mspain_kb.core.search import service as search_module

    monkeypatch.setattr(search_module, "MENTION_LIMIT", 1)
    qtbot.waitUntil(lambda: window.controller.article_count() is not None, timeout=SYNC_TIMEOUT_MS)
    window.controller.show_glossary_entry(
        window.controller.services.glossary.lookup("spasticity").slug
    )
    mentions = window.glossary_panel.mentioned_in
    qtbot.waitUntil(lambda: mentions.count() == 2, timeout=SYNC_TIMEOUT_MS)
    more = mentions.item(1)
    assert more.text().startswith("… and ") and "search for Spasticity" in more.text()
    rect = mentions.visualItemRect(more)
    with qtbot.waitSignal(window.controller.searchShown, timeout=SYNC_TIMEOUT_MS):
        qtbot.mouseClick(mentions.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.search_box.text() == "Spasticity"


def test_tab_moves_from_the_search_box_to_the_topics(qtbot, window):
    """Tab order starts at the search box, passes the body map button beside it and goes on
    to the topics' header (Space folds them) and the topic list."""
    window.search_box.setFocus()
    qtbot.keyClick(window.search_box, Qt.Key.Key_Tab)
    assert window.body_map_button.hasFocus()
    qtbot.keyClick(window.body_map_button, Qt.Key.Key_Tab)
    fold = window.search_panel.topics_fold
    assert fold.hasFocus() and fold.unfolded()
    qtbot.keyClick(fold, Qt.Key.Key_Tab)
    assert window.search_panel.tag_list.hasFocus()
    qtbot.keyClick(window.search_panel.tag_list, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(fold, Qt.Key.Key_Space)
    assert not fold.unfolded() and not window.search_panel.tag_list.isVisible()


def test_a_topic_reading_can_be_removed(qtbot, window):
    """'search the words only' drops the topic reading, and typing again restores readings."""
    first = search(qtbot, window, "pins and needles")
    assert [t.topic_id for t in first.topics] == ["neuropathic-pain"]
    assert "words only" in window.search_panel.notice.text()
    with qtbot.waitSignal(window.controller.searchShown, timeout=SYNC_TIMEOUT_MS) as shown:
        window.search_panel.notice.linkActivated.emit("literal:pins%20and%20needles")
    literal = shown.args[0]
    assert literal.topics == []
    assert "Neuropathic" not in window.search_panel.notice.text()  # the reading is gone
    assert len(literal.hits) < len(first.hits)
    again = search(qtbot, window, "pins and needles")
    assert [t.topic_id for t in again.topics] == ["neuropathic-pain"]
