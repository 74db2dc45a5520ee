"""The results panel never leaves the reader at a dead end: a page of next steps when
nothing is found, topic filters that show and can be undone, Esc that can be taken back,
completions that stay clear of the results, and readings that never push them away."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from ui_helpers import SYNC_TIMEOUT_MS, click_link, search

from mspain_kb.ui.search_panel import TAG_ROLE


def _answer(qtbot, window, action):
    with qtbot.waitSignal(window.controller.searchShown, timeout=SYNC_TIMEOUT_MS) as shown:
        action()
    return shown.args[0]


def _tag_item(window, tag_id):
    tags = window.search_panel.tag_list
    return next(tags.item(r) for r in range(tags.count()) if tags.item(r).data(TAG_ROLE) == tag_id)


def _click_tag(qtbot, window, tag_id):
    tags = window.search_panel.tag_list
    rect = tags.visualItemRect(_tag_item(window, tag_id))
    qtbot.mouseClick(tags.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_nothing_found_shows_next_steps_in_place_of_the_results(qtbot, window):
    """ "migrane": a real spelling, close glossary terms and topics to browse, each a link."""
    result = search(qtbot, window, "migrane")
    panel = window.search_panel
    assert result.total == 0
    assert panel.next_steps.isVisible() and not panel.results.isVisible()
    text = panel.next_steps.toPlainText()
    assert "Nothing found for “migrane”" in text
    assert "Did you mean: migraine?" in text
    assert "Glossary terms that come close: Migraine" in text
    assert "Spasticity (4)" in text


def test_a_spelling_on_the_next_steps_page_searches_it(qtbot, window):
    search(qtbot, window, "migrane")
    answer = _answer(
        qtbot, window, lambda: click_link(qtbot, window.search_panel.next_steps, "suggest:")
    )
    assert window.search_box.text() == answer.query
    assert answer.query == "migraine"


def test_a_glossary_term_on_the_next_steps_page_shows_its_entry(qtbot, window):
    search(qtbot, window, "migrane")
    click_link(qtbot, window.search_panel.next_steps, "glossary:")
    assert window.glossary_panel.current_slug() == "migraine"


def test_a_topic_on_the_next_steps_page_lists_its_articles(qtbot, window):
    """Browsing empties the box (Ctrl+Z brings the words back) and filters by the topic."""
    search(qtbot, window, "zzqx")
    answer = _answer(
        qtbot,
        window,
        lambda: click_link(qtbot, window.search_panel.next_steps, "browse:spasticity"),
    )
    assert window.search_box.text() == ""
    assert window.search_panel.selected_tags() == ["spasticity"]
    assert answer.total == 4 and window.search_panel.results.isVisible()
    assert window.statusBar().currentMessage() == "4 articles in the chosen topic"
    qtbot.keyClick(window.search_box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.text() == "zzqx"


def test_a_topic_filter_that_found_nothing_can_be_undone_in_one_click(qtbot, window):
    search(qtbot, window, "spasticity")
    _answer(qtbot, window, lambda: _click_tag(qtbot, window, "injections"))
    search_again = search(qtbot, window, "lhermitte")
    assert search_again.total == 0
    page = window.search_panel.next_steps
    assert "Only articles about Injections were searched" in page.toPlainText()
    answer = _answer(qtbot, window, lambda: click_link(qtbot, page, "alltopics:"))
    assert window.search_panel.selected_tags() == []
    assert answer.total > 0 and window.search_panel.results.isVisible()


def test_words_only_with_no_results_offers_the_way_back(qtbot, window):
    """ "Words only" on a phrase no article has as words ("zap"), then back again."""
    first = search(qtbot, window, "zap")
    assert first.topics and first.total > 0
    phrase = first.topics[0].phrase
    literal = _answer(
        qtbot, window, lambda: window.search_panel.notice.linkActivated.emit(f"literal:{phrase}")
    )
    assert literal.total == 0
    page = window.search_panel.next_steps
    assert f"Read “{phrase}” as a topic again" in page.toPlainText()
    again = _answer(qtbot, window, lambda: click_link(qtbot, page, "reread:"))
    assert again.total == first.total and again.topics


def test_a_topic_filter_is_shown_as_a_chip_and_cleared_with_its_cross(qtbot, window):
    search(qtbot, window, "pain")
    panel = window.search_panel
    assert not panel.filters.isVisible()
    _answer(qtbot, window, lambda: _click_tag(qtbot, window, "lower-back-pain"))
    assert panel.filters.isVisible()
    assert "Showing only: <b>Lower back pain</b>" in panel.filters.text()
    _answer(qtbot, window, lambda: panel.filters.linkActivated.emit("untag:lower-back-pain"))
    assert panel.selected_tags() == [] and not panel.filters.isVisible()


def test_topics_with_no_results_are_greyed_with_0_and_cannot_be_chosen(qtbot, window):
    """A chosen topic with 0 stays choosable, so it can be cleared."""
    search(qtbot, window, "lhermitte")
    injections = _tag_item(window, "injections")
    assert injections.text().endswith("(0)")
    assert not injections.flags() & Qt.ItemFlag.ItemIsSelectable
    _click_tag(qtbot, window, "injections")
    assert window.search_panel.selected_tags() == []
    search(qtbot, window, "spasticity")
    _answer(qtbot, window, lambda: _click_tag(qtbot, window, "injections"))
    search(qtbot, window, "lhermitte")
    chosen = _tag_item(window, "injections")
    assert chosen.text().endswith("(0)") and chosen.isSelected()
    assert chosen.flags() & Qt.ItemFlag.ItemIsSelectable


def test_the_status_bar_gives_no_count_for_an_empty_box(qtbot, window):
    search(qtbot, window, "cramps")
    assert "found" in window.statusBar().currentMessage()
    window.search_box.selectAll()
    qtbot.keyClick(window.search_box, Qt.Key.Key_Backspace)
    assert "found" not in window.statusBar().currentMessage()
    assert window.search_panel.count_label.text() == "&Results appear here as you type"


def test_esc_closes_the_completions_then_clears_and_ctrl_z_brings_it_back(qtbot, window):
    box = window.search_box
    box.setFocus()
    qtbot.keyClicks(box, "spa")
    popup = box.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert not popup.isVisible() and box.text() == "spa"
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == ""
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    qtbot.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert box.text() == "spa"


def test_completions_never_cover_the_topics_or_results(qtbot, window):
    box = window.search_box
    box.setFocus()
    qtbot.keyClicks(box, "spa")
    popup = box.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    panel = window.search_panel
    panel_rect = QRect(panel.mapToGlobal(QPoint(0, 0)), panel.size())
    assert not popup.geometry().intersects(panel_rect)


def test_completions_never_offer_a_copy_of_what_was_typed(qtbot, window):
    box = window.search_box
    box.setFocus()
    qtbot.keyClicks(box, "spasticity")
    offered = box.completion_model.stringList()
    assert "spasticity" not in [word.casefold() for word in offered]
    assert all(word.casefold().startswith("spasticit") or " " in word for word in offered)


def test_readings_take_a_line_each_and_leave_the_results_in_view(qtbot, window):
    """At 1024x700, "electric shock when I bend my neck": one line for "electric shock"
    (two topics) and one for "bend my neck", each fitting the panel (labels elided, the
    whole reading in the tooltip); the results keep most of the panel."""
    window.resize(1024, 700)
    result = search(qtbot, window, "electric shock when I bend my neck")
    assert len({match.phrase for match in result.topics}) == 2 < len(result.topics)
    panel = window.search_panel
    notice = panel.notice
    readings = [line for line in notice.text().split("<br>") if "words only" in line]
    assert len(readings) == 2
    assert readings[0].startswith("“electric") and " or " in readings[0]
    assert readings[1].startswith("“bend my")
    assert "Lhermitte's sign" in notice.toolTip() and "Neuropathic (nerve) pain" in notice.toolTip()
    line_height = notice.fontMetrics().lineSpacing()
    assert panel.notice_area.height() <= line_height * 4 + 6
    results = panel.results
    assert results.height() > panel.height() // 3
    first = results.visualItemRect(results.item(0))
    assert 0 <= first.top() < results.viewport().height()


def test_a_reading_fits_one_line_of_the_results_panel(qtbot, window):
    """The labels give way (elided) so each reading stays one line at the panel's usual
    width; the whole reading is in the tooltip."""
    window.resize(1280, 800)
    window.splitter.setSizes([330, 640, 310])
    search(qtbot, window, "electric shock when I bend my neck")
    notice = window.search_panel.notice
    qtbot.waitUntil(lambda: notice.width() > 250)
    lines = notice.text().split("<br>")
    line_height = notice.fontMetrics().lineSpacing()
    assert notice.heightForWidth(notice.width()) <= line_height * len(lines) + 6


def test_down_from_the_box_reaches_the_next_steps_when_nothing_was_found(qtbot, window):
    # Pasted, so no completions popup takes the (offscreen) window's activation.
    _answer(qtbot, window, lambda: window.search_box.setText("zzqx"))
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    assert window.search_panel.next_steps.hasFocus()
