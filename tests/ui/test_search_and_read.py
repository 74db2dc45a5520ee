"""Searching, filtering by topic, reading an article and the glossary, as a clinic user does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from ui_helpers import SYNC_TIMEOUT_MS, click_link, search

LHERMITTE = "ms-lower-back-pain-and-lhermittes-sign"
SPASMS = "muscle-spasms-and-ms"


def test_typing_a_lay_phrase_lists_the_matching_article_first(qtbot, window):
    """'zap down my spine' (no medical words) finds the Lhermitte's sign article first."""
    result = search(qtbot, window, "zap down my spine")
    assert window.search_panel.hit_ids()[0] == LHERMITTE
    assert "found" in window.search_panel.count_label.text()
    assert "Lhermitte" in window.search_panel.notice.text()  # the topic it was read as
    assert result.query == "zap down my spine"


def test_results_count_is_announced_to_screen_readers(qtbot, window):
    """The results list's accessible description and the status bar say how many were found."""
    search(qtbot, window, "cramps")
    total = window.search_panel.results.count()
    assert total > 0
    assert f"{total} article" in window.search_panel.results.accessibleDescription()
    assert f"{total} article" in window.statusBar().currentMessage()


def test_clicking_a_topic_narrows_the_results(qtbot, window):
    """Clicking a topic with a count keeps only the articles with that topic."""
    search(qtbot, window, "pain")
    before = window.search_panel.hit_ids()
    tag_list = window.search_panel.tag_list
    row = next(
        row
        for row in range(tag_list.count())
        if tag_list.item(row).data(Qt.ItemDataRole.UserRole + 2) == "lower-back-pain"
    )
    assert "(1)" in tag_list.item(row).text()
    rect = tag_list.visualItemRect(tag_list.item(row))
    with qtbot.waitSignal(window.controller.searchShown, timeout=SYNC_TIMEOUT_MS):
        qtbot.mouseClick(tag_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    after = window.search_panel.hit_ids()
    assert len(before) > 1
    assert after == [LHERMITTE]
    with qtbot.waitSignal(window.controller.searchShown, timeout=SYNC_TIMEOUT_MS):
        qtbot.mouseClick(window.search_panel.clear_tags_button, Qt.MouseButton.LeftButton)
    assert window.search_panel.hit_ids() == before


def test_enter_opens_the_top_result_with_the_search_words_highlighted(qtbot, window):
    """Down then Enter opens the first result, scrolled to the first highlighted match."""
    search(qtbot, window, "cramps")
    window.search_box.completer().popup().hide()  # As Esc would: the completions close.
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    assert window.search_panel.results.hasFocus()
    with qtbot.waitSignal(window.controller.articleShown, timeout=5000) as shown:
        qtbot.keyClick(window.search_panel.results, Qt.Key.Key_Return)
    assert shown.args == [SPASMS]
    assert window.view.current_article_id() == SPASMS
    assert window.view.hit_count() > 0
    assert window.view.current_hit() == 1
    selected = window.view.textCursor().selectedText()
    assert len(selected) > 1 and selected.isalpha()  # the whole first highlighted word
    assert "Match 1 of" in window.hit_label.text()
    assert window.controller.current_article().title in window.windowTitle()


def test_clicking_a_result_opens_it(qtbot, window):
    """A mouse click on a result opens that article."""
    search(qtbot, window, "zap down my spine")
    results = window.search_panel.results
    rect = results.visualItemRect(results.item(0))
    with qtbot.waitSignal(window.controller.articleShown, timeout=5000):
        qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.view.current_article_id() == LHERMITTE


def test_f3_and_shift_f3_move_between_matches(qtbot, window):
    """F3 goes to the next highlighted match, Shift+F3 back; both wrap around."""
    search(qtbot, window, "cramps")
    window.search_panel.open_current()
    total = window.view.hit_count()
    assert total >= 2
    qtbot.keyClick(window.view, Qt.Key.Key_F3)
    assert window.view.current_hit() == 2
    qtbot.keyClick(window.view, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.view.current_hit() == 1
    qtbot.keyClick(window.view, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.view.current_hit() == total
    assert f"Match {total} of {total}" == window.hit_label.text()


def test_clicking_a_glossary_link_shows_its_definition(qtbot, window):
    """A click on an underlined term shows that term's definition in the glossary pane."""
    window.controller.open_article(SPASMS)
    href = click_link(qtbot, window.view, "glossary:")
    slug = href.split(":", 1)[1]
    entry = window.controller.services.glossary.get(slug)
    assert window.glossary_panel.current_slug() == slug
    assert entry.term in window.glossary_panel.definition.toPlainText()
    assert window.glossary_panel.term_list.currentItem().text() == entry.term
    article_terms = window.glossary_panel.article_terms
    assert entry.term in [article_terms.item(i).text() for i in range(article_terms.count())]


def test_glossary_tooltip_gives_the_short_definition(window):
    """Hovering a glossary link shows the term's short definition."""
    entry = next(iter(window.controller.services.glossary.entries))
    tooltip = window.controller.pages.glossary_tooltip
    assert tooltip(entry.slug) == f"{entry.term}: {entry.short}"
    assert tooltip("no-such-term") is None


def test_back_and_forward_return_to_the_pages_seen(qtbot, window):
    """Alt+Left goes back to the previous article, Alt+Right forward again."""
    window.controller.open_article(SPASMS)
    window.controller.open_article(LHERMITTE)
    qtbot.keyClick(window.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.view.current_article_id() == SPASMS
    assert window.controller.current_article().id == SPASMS
    qtbot.keyClick(window.view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.view.current_article_id() == LHERMITTE
    window.actions_by_name["back"].trigger()
    window.actions_by_name["back"].trigger()
    assert window.view.source().scheme() == "welcome"
    assert not window.actions_by_name["back"].isEnabled()


def test_mouse_back_button_goes_back(qtbot, window):
    """The mouse's side button goes back too."""
    window.controller.open_article(SPASMS)
    window.controller.open_article(LHERMITTE)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.BackButton)
    assert window.view.current_article_id() == SPASMS


def test_tag_chip_in_an_article_filters_the_results(qtbot, window):
    """Clicking a topic chip in the article header selects that topic filter."""
    window.controller.open_article(LHERMITTE)
    with qtbot.waitSignal(window.controller.searchShown, timeout=SYNC_TIMEOUT_MS):
        href = click_link(qtbot, window.view, "tag:")
    assert window.search_panel.selected_tags() == [href.split(":", 1)[1]]
    assert LHERMITTE in window.search_panel.hit_ids()


def test_example_search_on_the_welcome_page_runs_it(qtbot, window):
    """The welcome page's example searches are links that fill the box and search."""
    assert window.view.source().scheme() == "welcome"
    assert "information, not medical advice" in window.view.toPlainText()
    assert "Get urgent medical help" in window.view.toPlainText()
    assert "sudden severe chest pain" in window.view.toPlainText()
    with qtbot.waitSignal(window.controller.searchShown, timeout=SYNC_TIMEOUT_MS):
        href = click_link(qtbot, window.view, "search:")
    assert window.search_box.text() and window.search_box.text() in href.replace("%20", " ")
    assert window.search_panel.results.count() > 0


def test_ctrl_l_focuses_the_search_box_and_esc_clears_it(qtbot, window):
    """Ctrl+L (and Ctrl+K) jump to the search box from anywhere; Esc empties it."""
    search(qtbot, window, "cramps")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.hasFocus()
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.hasFocus()
    window.search_box.completer().popup().hide()  # A first Esc closes the completions.
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert window.search_box.text() == ""
    assert window.search_panel.results.count() == 0


def test_find_in_page_selects_the_word(qtbot, window):
    """Ctrl+F opens the find bar; typing selects the word in the article."""
    window.controller.open_article(SPASMS)
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.field.hasFocus()
    qtbot.keyClicks(window.find_bar.field, "spasm")
    assert window.view.textCursor().selectedText().lower() == "spasm"
    qtbot.keyClicks(window.find_bar.field, "zzqx")
    assert window.find_bar.status.text() == "Not found"


def test_every_control_has_an_accessible_name(window):
    """Screen readers can name the search box, lists, article and glossary controls, the
    topics' fold header and the tabs of folded panes."""
    controls = [
        window.search_box,
        window.search_panel.topics_fold,
        window.search_panel.tag_list,
        window.search_panel.results,
        window.view,
        window.glossary_panel.filter,
        window.glossary_panel.term_list,
        window.glossary_panel.definition,
        window.glossary_panel.article_terms,
        window.glossary_panel.mentioned_in,
        window.outline,
        window.splitter.tabs,
    ]
    assert window.search_box.accessibleName() == "Search articles by symptom or word"
    for control in controls:
        assert control.accessibleName(), control


def test_enter_in_the_search_box_opens_the_top_result(qtbot, window):
    """Typing a symptom and pressing Enter opens the best match straight away."""
    search(qtbot, window, "zap down my spine")
    window.search_box.completer().popup().hide()
    with qtbot.waitSignal(window.controller.articleShown, timeout=5000) as shown:
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert shown.args == [LHERMITTE]


def test_show_more_results_adds_the_next_page_and_selects_it(qtbot, window, monkeypatch):
    """With more matches than a page, a last row offers more; choosing it lists the next ones."""
    from mspain_kb.ui import search_controller

    monkeypatch.setattr(search_controller, "RESULT_LIMIT", 1)
    result = search(qtbot, window, "pain")
    assert result.total > 2
    panel = window.search_panel
    assert len(panel.hit_ids()) == 1
    more = panel.results.item(panel.results.count() - 1)
    assert (
        more.data(Qt.ItemDataRole.AccessibleTextRole)
        == f"Show more results ({result.total - 1} more)"
    )
    rect = panel.results.visualItemRect(more)
    with qtbot.waitSignal(window.controller.searchShown, timeout=SYNC_TIMEOUT_MS):
        qtbot.mouseClick(panel.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(panel.hit_ids()) == 2
    assert panel.results.currentRow() == 1
    assert "showing the first 2" in window.statusBar().currentMessage()
