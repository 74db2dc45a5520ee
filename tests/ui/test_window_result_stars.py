"""The star on each search result: it shows whether the article is saved, a click on it or
Ctrl+D in the list saves or unsaves, and it stays in step with the article's star and the
Saved articles dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mspain_kb.ui.result_selection import selected_ids
from mspain_kb.ui.result_stars import SAVED_ROLE
from tests.ui.ui_helpers import search

ACCESSIBLE_TEXT = Qt.ItemDataRole.AccessibleTextRole


def _star_picture(window, row: int):
    results = window.search_panel.results
    rect = window.controller.reading_aids.result_stars.star_rect(row)
    return results.viewport().grab(rect).toImage()


def _click_star(qtbot, window, row: int) -> None:
    results = window.search_panel.results
    point = window.controller.reading_aids.result_stars.star_rect(row).center()
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=point)


def _starred(window) -> list[bool]:
    results = window.search_panel.results
    return [
        bool(results.item(row).data(SAVED_ROLE))
        for row in range(len(window.search_panel.hit_ids()))
    ]


def test_a_click_on_a_results_star_saves_it_without_opening_or_choosing(qtbot, window):
    """Clicking the star of the second result saves that article: the star fills, the row
    reads "Saved" to a screen reader, the status bar says so; the welcome page stays and the
    first result stays the one chosen. A second click takes it off the list."""
    search(qtbot, window, "pain")
    ids = window.search_panel.hit_ids()
    results = window.search_panel.results
    assert _starred(window) == [False] * len(ids)
    empty_star = _star_picture(window, 1)
    _click_star(qtbot, window, 1)
    saved = window.controller.services.saved_articles
    assert saved.ids() == [ids[1]]
    assert _starred(window)[:2] == [False, True]
    assert results.item(1).data(ACCESSIBLE_TEXT).startswith("Saved. ")
    assert not results.item(0).data(ACCESSIBLE_TEXT).startswith("Saved")
    assert window.statusBar().currentMessage().startswith("Saved: ")
    assert window.controller.current_article() is None
    assert selected_ids(results) == ids[:1]
    qtbot.waitUntil(lambda: _star_picture(window, 1) != empty_star)  # drawn filled

    _click_star(qtbot, window, 1)
    assert saved.ids() == []
    assert _starred(window)[1] is False
    assert not results.item(1).data(ACCESSIBLE_TEXT).startswith("Saved")
    qtbot.waitUntil(lambda: _star_picture(window, 1) == empty_star)


def test_ctrl_d_in_the_results_stars_the_current_result_and_the_article_star_follows(qtbot, window):
    """With the first result open and the list focused, Down then Ctrl+D saves the second
    result (the open article's star stays off); Up and Ctrl+D saves the open one, and the
    article's "Save article" star turns on. Ctrl+D from the article takes it off again, and
    the result's star follows."""
    search(qtbot, window, "pain")
    ids = window.search_panel.hit_ids()
    results = window.search_panel.results
    window.search_panel.open_current()
    assert window.controller.current_article().id == ids[0]
    star = window.actions_by_name["save_article"]
    results.setFocus()
    qtbot.keyClick(results, Qt.Key.Key_Down)
    qtbot.keyClick(results, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    saved = window.controller.services.saved_articles
    assert saved.ids() == [ids[1]]
    assert window.controller.current_article().id == ids[0]
    assert not star.isChecked()
    qtbot.keyClick(results, Qt.Key.Key_Up)
    qtbot.keyClick(results, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert saved.ids() == [ids[1], ids[0]]
    assert star.isChecked()
    assert _starred(window)[:2] == [True, True]

    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert saved.ids() == [ids[1]]
    assert not star.isChecked()
    assert _starred(window)[:2] == [False, True]


def test_removing_in_the_saved_dialog_clears_the_results_star(qtbot, window):
    """A result saved earlier shows its star; removing it in the Saved articles dialog
    clears the star at once."""
    saved = window.controller.services.saved_articles
    saved.add("muscle-spasms-and-ms", "Muscle spasms and MS")
    search(qtbot, window, "spasms")
    ids = window.search_panel.hit_ids()
    row = ids.index("muscle-spasms-and-ms")
    assert _starred(window)[row]
    dialog = window.controller.reading_aids.show_saved_dialog()
    dialog.list.setFocus()
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert saved.ids() == []
    assert not _starred(window)[row]


def test_a_plain_click_beside_the_star_still_opens_the_result(qtbot, window):
    """The star takes only its own corner: a click on the title opens the article."""
    search(qtbot, window, "pain")
    ids = window.search_panel.hit_ids()
    results = window.search_panel.results
    rect = results.visualItemRect(results.item(1))
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.controller.current_article().id == ids[1]
    assert window.controller.services.saved_articles.ids() == []
