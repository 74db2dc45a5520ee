"""Collection > Searches that found nothing: the list, most searched first, Clear, and the
plain words shown when it is empty or when "Keep no history" is on."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from ui_helpers import search

from mspain_kb.ui.missed_searches_dialog import EMPTY_TEXT, NOT_RECORDING_TEXT

SETTLE_FOR_TESTS_MS = 200


def _missed(qtbot, window, words: str) -> None:
    """Search like a user and press Enter on a search that finds nothing."""
    assert search(qtbot, window, words).total == 0
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)


def _open_list(window):
    window.actions_by_name["missed_searches"].trigger()
    dialog = window.controller.collection.missed_dialog
    assert dialog.isVisible()
    return dialog


def test_the_list_shows_words_counts_and_dates_most_searched_first(qtbot, window):
    today = datetime.date.today().isoformat()
    _missed(qtbot, window, "wombat rodeo")
    _missed(qtbot, window, "zebrafish")
    _missed(qtbot, window, "Zebrafish?")
    dialog = _open_list(window)
    assert dialog.rows() == [("zebrafish", "2", today), ("wombat rodeo", "1", today)]
    assert dialog.table.isVisible()
    assert EMPTY_TEXT not in dialog.message.text()

    qtbot.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)
    assert dialog.rows() == []
    assert not dialog.table.isVisible()
    assert dialog.message.text() == EMPTY_TEXT
    assert not dialog.clear_button.isEnabled()
    assert window.controller.services.missed_searches.entries() == []


def test_an_empty_list_is_explained(window):
    dialog = _open_list(window)
    assert dialog.message.text() == EMPTY_TEXT
    assert not dialog.table.isVisible()
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    close.click()
    assert not dialog.isVisible()


def test_nothing_is_recorded_while_keep_no_history_is_on(qtbot, window):
    window.actions_by_name["keep_no_history"].trigger()
    assert window.actions_by_name["keep_no_history"].isChecked()
    _missed(qtbot, window, "zebrafish")
    qtbot.wait(SETTLE_FOR_TESTS_MS)
    dialog = _open_list(window)
    assert dialog.rows() == []
    assert NOT_RECORDING_TEXT in dialog.message.text()


def test_opening_a_row_searches_for_its_words(qtbot, window):
    _missed(qtbot, window, "zebrafish")
    window.search_box.clear()
    dialog = _open_list(window)
    dialog.table.setCurrentCell(0, 0)
    with qtbot.waitSignal(window.controller.searchShown):
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert window.search_box.text() == "zebrafish"
