"""The window counts a search that found nothing once the person settles on it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from ui_helpers import search

SETTLE_FOR_TESTS_MS = 300


def counts(window) -> dict[str, int]:
    return {e.words: e.count for e in window.controller.services.missed_searches.entries()}


def settled(window):
    recorder = window.controller.missed_search_recorder
    recorder.timer.setInterval(SETTLE_FOR_TESTS_MS)
    return recorder


def test_a_search_that_finds_nothing_is_counted_once_when_the_text_settles(qtbot, window):
    """Typed key by key (each keystroke searches), counted once after a pause."""
    recorder = settled(window)
    result = search(qtbot, window, "zebrafish")
    assert result.total == 0
    assert counts(window) == {}  # not yet: the person may still be typing
    qtbot.waitUntil(lambda: counts(window) == {"zebrafish": 1}, timeout=5000)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)  # Enter on the same text
    qtbot.wait(2 * SETTLE_FOR_TESTS_MS)
    assert counts(window) == {"zebrafish": 1}
    assert not recorder.timer.isActive()


def test_enter_counts_at_once_and_typing_on_cancels(qtbot, window):
    settled(window).timer.setInterval(60_000)  # only Enter can count it here
    search(qtbot, window, "zebr")
    assert window.controller.missed_search_recorder.timer.isActive()
    with qtbot.waitSignal(window.controller.searchShown, timeout=60_000):
        qtbot.keyClicks(window.search_box, "afish")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert counts(window) == {"zebrafish": 1}  # "zebr" on the way was never counted


def test_a_search_with_results_is_not_counted(qtbot, window):
    settled(window)
    assert search(qtbot, window, "pins and needles").total > 0
    qtbot.wait(2 * SETTLE_FOR_TESTS_MS)
    assert counts(window) == {}


def test_the_same_words_searched_again_later_count_again(qtbot, window):
    settled(window)
    search(qtbot, window, "zebrafish")
    qtbot.waitUntil(lambda: counts(window) == {"zebrafish": 1}, timeout=5000)
    search(qtbot, window, "zebrafish")  # cleared and typed again
    qtbot.waitUntil(lambda: counts(window) == {"zebrafish": 2}, timeout=5000)
