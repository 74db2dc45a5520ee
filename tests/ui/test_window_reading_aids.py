"""Saved articles, history and read aloud in the window, used as a reader would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QToolBar
from ui_helpers import SYNC_TIMEOUT_MS, click_link, search

from mspain_kb.ui import window_state
from mspain_kb.ui.saved_panel import MISSING_NOTE
from mspain_kb.ui.speech_engine import QTextToSpeech

SPASMS = "muscle-spasms-and-ms"
BACK = "ms-lower-back-pain-and-lhermittes-sign"
LEGS = "ms-and-leg-pain"


@pytest.fixture(autouse=True)
def silent_speech(monkeypatch):
    """Qt's mock engine: it speaks nothing, 100 ms a word."""
    monkeypatch.setenv("MSPAIN_KB_SPEECH_ENGINE", "mock")


def open_article(qtbot, window, article_id: str) -> None:
    with qtbot.waitSignal(window.controller.articleShown, timeout=5000):
        window.controller.open_article(article_id)


def click_toolbar(qtbot, window, name: str) -> None:
    toolbar = window.findChild(QToolBar, "mainToolbar")
    button = toolbar.widgetForAction(window.actions_by_name[name])
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def shown_menu(qtbot, menu) -> list[str]:
    """Open a menu as a click on the menu bar would, and read its entries."""
    menu.popup(QPoint(0, 0))
    qtbot.waitUntil(menu.isVisible)
    texts = [action.text() for action in menu.actions() if not action.isSeparator()]
    menu.hide()
    return texts


def menu_action(menu, text: str):
    return next(action for action in menu.actions() if action.text() == text)


def settings_files(window) -> list[str]:
    return sorted(path.name for path in window.controller.services.paths.settings_dir.iterdir())


def window_settings_text(window) -> str:
    path = window.controller.services.paths.settings_dir / "mspain-kb.ini"
    return path.read_text("utf-8") if path.exists() else ""


# The star and the saved list ----------------------------------------------------------------
def test_the_star_saves_the_open_article_and_takes_it_off_again(qtbot, window):
    star = window.actions_by_name["save_article"]
    assert not star.isEnabled()  # the welcome page is not an article
    open_article(qtbot, window, SPASMS)
    assert star.isEnabled() and not star.isChecked() and star.text() == "☆ Save article"
    click_toolbar(qtbot, window, "save_article")
    assert star.isChecked() and star.text() == "★ Saved"
    assert window.controller.services.saved_articles.ids() == [SPASMS]
    assert window.statusBar().currentMessage().startswith("Saved: The connection between")
    open_article(qtbot, window, BACK)
    assert not star.isChecked()
    window.view.backward()
    qtbot.waitUntil(lambda: star.isChecked())
    click_toolbar(qtbot, window, "save_article")
    assert not star.isChecked()
    assert window.controller.services.saved_articles.ids() == []


def test_the_saved_list_opens_removes_and_reorders(qtbot, window):
    for article_id in (SPASMS, BACK, LEGS):
        open_article(qtbot, window, article_id)
        qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    titles = [e.title for e in window.controller.services.saved_articles.entries()]
    window.actions_by_name["show_saved"].trigger()
    dialog = window.controller.reading_aids.saved_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.titles() == titles

    dialog.list.setCurrentRow(2)
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    assert dialog.titles() == [titles[0], titles[2], titles[1]]
    assert dialog.list.currentRow() == 1  # the moved article stays chosen
    dialog.activateWindow()
    dialog.list.setFocus()
    qtbot.waitUntil(dialog.list.hasFocus)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert dialog.titles() == [titles[2], titles[0], titles[1]]
    assert window.controller.services.saved_articles.ids() == [LEGS, SPASMS, BACK]
    assert not dialog.up_button.isEnabled()

    dialog.list.setCurrentRow(1)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.titles() == [titles[2], titles[1]]
    assert window.controller.services.saved_articles.ids() == [LEGS, BACK]

    dialog.list.setCurrentRow(1)
    with qtbot.waitSignal(window.controller.articleShown, timeout=5000) as shown:
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert shown.args == [BACK]
    assert window.actions_by_name["save_article"].isChecked()


def test_a_saved_article_that_was_removed_is_shown_as_missing(qtbot, articles_copy, window):
    open_article(qtbot, window, LEGS)
    window.actions_by_name["save_article"].trigger()
    title = window.controller.current_article().title
    (articles_copy / f"{LEGS}.md").unlink()
    dialog = window.controller.reading_aids.show_saved_dialog()
    assert dialog.titles() == [f"{title} ({MISSING_NOTE})"]
    dialog.list.setCurrentRow(0)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert "no longer in the collection" in dialog.message.text()
    saved_menu = shown_menu(qtbot, window.saved_menu)
    assert f"{title} ({MISSING_NOTE})" in saved_menu


def test_the_saved_menu_lists_saved_articles_to_open(qtbot, window):
    open_article(qtbot, window, SPASMS)
    window.actions_by_name["save_article"].trigger()
    title = window.controller.current_article().title
    window.controller.show_welcome()
    menu = window.saved_menu
    assert shown_menu(qtbot, menu)[-1] == title
    with qtbot.waitSignal(window.controller.articleShown, timeout=5000) as shown:
        menu_action(menu, title).trigger()
    assert shown.args == [SPASMS]


# History --------------------------------------------------------------------------------------
def test_the_history_menu_lists_recent_articles_and_searches(qtbot, window):
    open_article(qtbot, window, SPASMS)
    spasms_title = window.controller.current_article().title
    search(qtbot, window, "zap down my spine")
    with qtbot.waitSignal(window.controller.articleShown, timeout=5000):
        window.search_panel.open_current()
    back_title = window.controller.current_article().title
    menu = window.history_menu
    assert shown_menu(qtbot, menu) == [
        "Recently read",
        back_title,
        spasms_title,
        "Recent searches",
        "zap down my spine",
        "&Clear history",
        "&Keep no history",
    ]
    with qtbot.waitSignal(window.controller.searchShown, timeout=SYNC_TIMEOUT_MS):
        window.search_box.clear()
        menu_action(menu, "zap down my spine").trigger()
    assert window.search_box.text() == "zap down my spine"
    with qtbot.waitSignal(window.controller.articleShown, timeout=5000) as shown:
        menu_action(menu, spasms_title).trigger()
    assert shown.args == [SPASMS]


def test_clear_history_empties_the_menu_the_welcome_page_and_the_last_article(qtbot, window):
    open_article(qtbot, window, SPASMS)
    title = window.controller.current_article().title
    search(qtbot, window, "cramps")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    window.controller.show_welcome()
    page = window.view.toPlainText()
    assert "Recently read" in page and title in page and "cramps" in page

    shown_menu(qtbot, window.history_menu)
    window.actions_by_name["clear_history"].trigger()
    assert shown_menu(qtbot, window.history_menu) == [
        "No history yet",
        "&Clear history",
        "&Keep no history",
    ]
    assert not window.actions_by_name["clear_history"].isEnabled()
    assert "Recently read" not in window.view.toPlainText()
    assert window.controller.settings.value(window_state.LAST_ARTICLE) is None
    assert window.statusBar().currentMessage() == "History cleared."


def test_a_recent_article_on_the_welcome_page_opens_it(qtbot, window):
    open_article(qtbot, window, BACK)
    window.controller.show_welcome()
    with qtbot.waitSignal(window.controller.articleShown, timeout=5000) as shown:
        click_link(qtbot, window.view, f"article:{BACK}")
    assert shown.args == [BACK]


def test_keep_no_history_clears_it_and_then_writes_nothing(qtbot, window):
    open_article(qtbot, window, SPASMS)
    assert "history.json" in settings_files(window)
    keep_none = window.actions_by_name["keep_no_history"]
    shown_menu(qtbot, window.history_menu)
    keep_none.trigger()
    assert keep_none.isChecked()
    assert window.statusBar().currentMessage().startswith("History is off")
    window.controller.settings.sync()
    before = settings_files(window)
    assert "history.json" not in before and "preferences.json" in before
    ini = window_settings_text(window)

    open_article(qtbot, window, BACK)
    search(qtbot, window, "zebrafish")
    window.controller.missed_search_recorder.settle()  # as Enter would: a search finding nothing
    search(qtbot, window, "cramps")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    window.controller.settings.sync()
    assert settings_files(window) == before
    assert window_settings_text(window) == ini
    assert window.controller.settings.value(window_state.LAST_ARTICLE) is None
    assert "History is off (Keep no history)" in shown_menu(qtbot, window.history_menu)


def test_keep_no_history_is_remembered_after_a_restart(qtbot, articles_copy, make_window):
    first = make_window(articles_copy)
    first.actions_by_name["keep_no_history"].trigger()
    first.close()
    second = make_window(articles_copy)
    assert second.actions_by_name["keep_no_history"].isChecked()
    open_article(qtbot, second, SPASMS)
    assert second.controller.services.history.articles() == []


def test_a_damaged_history_file_is_a_one_line_message_not_a_crash(
    qtbot, isolated_user_dirs, make_window
):
    settings = isolated_user_dirs / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "history.json").write_text("{ damaged", encoding="utf-8")
    window = make_window()
    assert window.info_bar.isVisible()
    assert window.info_bar.text().startswith("The history could not be read (it is damaged)")
    assert (settings / "history.damaged.json").read_text("utf-8") == "{ damaged"
    open_article(qtbot, window, SPASMS)  # history goes on in a new file
    assert [entry.id for entry in window.controller.services.history.articles()] == [SPASMS]
    (settings / "history.json").write_text("[]", encoding="utf-8")  # damaged while running
    texts = shown_menu(qtbot, window.history_menu)
    assert texts[0].startswith("⚠ The history could not be read (it is damaged)")
    assert texts[1:] == ["No history yet", "&Clear history", "&Keep no history"]


# Read aloud -----------------------------------------------------------------------------------
needs_qt_speech = pytest.mark.skipif(
    QTextToSpeech is None, reason='PySide6-Addons is not installed (pip install ".[speech]")'
)


def first_sentences(window, count: int) -> list[str]:
    from mspain_kb.core.read_aloud.sentences import split_sentences

    return [s.text for s in split_sentences(window.view.toPlainText())[:count]]


@needs_qt_speech
def test_read_aloud_highlights_each_sentence_and_pauses_and_stops(qtbot, window):
    open_article(qtbot, window, SPASMS)
    reader = window.controller.reading_aids.reader
    play = window.actions_by_name["read_aloud"]
    expected = first_sentences(window, 2)
    with qtbot.waitSignal(reader.sentenceShown, timeout=5000):
        click_toolbar(qtbot, window, "read_aloud")
    assert reader.highlighted() == expected[0]
    assert play.text() == "&Pause reading"
    assert window.actions_by_name["stop_reading"].isEnabled()
    with qtbot.waitSignal(reader.sentenceShown, timeout=10_000) as second:
        pass
    assert second.args[0] == 1
    assert reader.highlighted() == expected[1]

    click_toolbar(qtbot, window, "read_aloud")
    assert play.text() == "&Resume reading"
    qtbot.wait(600)
    assert reader.highlighted() == expected[1]
    click_toolbar(qtbot, window, "read_aloud")
    assert play.text() == "&Pause reading"
    click_toolbar(qtbot, window, "stop_reading")
    assert play.text() == "&Read aloud"
    assert reader.highlighted() == ""
    assert not window.actions_by_name["stop_reading"].isEnabled()


@needs_qt_speech
def test_read_aloud_reads_only_the_selected_text_and_keeps_it_in_view(qtbot, window):
    open_article(qtbot, window, SPASMS)
    view = window.view
    text = view.toPlainText()
    start = text.rindex("\n", 0, len(text) - 200) + 1  # a paragraph near the end
    end = text.index("\n", start)
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    view.verticalScrollBar().setValue(0)  # the reader scrolled back to the top
    reader = window.controller.reading_aids.reader
    with qtbot.waitSignal(reader.sentenceShown, timeout=5000) as shown:
        window.actions_by_name["read_aloud"].trigger()
    index, first, last = shown.args
    assert index == 0 and start <= first < last <= end
    assert reader.highlighted() == text[first:last]
    highlight = QTextCursor(view.document())
    highlight.setPosition(first)
    rect = view.cursorRect(highlight)
    assert rect.top() >= 0 and rect.bottom() <= view.viewport().height()
    qtbot.waitUntil(lambda: reader.controller.current() is None, timeout=60_000)
    assert reader.highlighted() == ""


@needs_qt_speech
def test_leaving_the_article_stops_reading(qtbot, window):
    open_article(qtbot, window, SPASMS)
    reader = window.controller.reading_aids.reader
    with qtbot.waitSignal(reader.sentenceShown, timeout=5000):
        window.actions_by_name["read_aloud"].trigger()
    open_article(qtbot, window, BACK)
    assert reader.controller.current() is None
    assert window.actions_by_name["read_aloud"].text() == "&Read aloud"
    assert reader.highlighted() == ""


def test_reading_speed_is_said_and_remembered(qtbot, window):
    window.actions_by_name["read_faster"].trigger()
    window.actions_by_name["read_faster"].trigger()
    assert window.statusBar().currentMessage() == "Reading speed: 2 steps faster"
    window.actions_by_name["read_slower"].trigger()
    assert float(window.controller.settings.value("read_aloud/rate")) == 0.25


def test_without_a_speech_engine_read_aloud_says_why_and_does_nothing(
    qtbot, monkeypatch, make_window
):
    monkeypatch.setenv("MSPAIN_KB_SPEECH_ENGINE", "no-such-engine")
    window = make_window()
    open_article(qtbot, window, SPASMS)
    window.actions_by_name["read_aloud"].trigger()
    assert window.statusBar().currentMessage() == "Starting the speech engine…"
    qtbot.waitUntil(lambda: "Starting" not in window.statusBar().currentMessage())
    message = window.statusBar().currentMessage()
    assert message.startswith(("The speech engine “no-such-engine”", "Read aloud needs Qt's"))
    assert "\n" not in message
    assert window.actions_by_name["read_aloud"].toolTip() == message
    assert window.actions_by_name["read_aloud"].text() == "&Read aloud"
    assert window.controller.reading_aids.reader.highlighted() == ""
