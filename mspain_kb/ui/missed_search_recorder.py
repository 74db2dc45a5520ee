"""Count a search that found nothing once the person has settled on it, not at each keystroke.

Results appear as people type, so "fibro" shows no result on the way to "fibromyalgia". A
search with words and no topic filter that shows no result is counted when its text has
stayed the same for SETTLE_MS, or at once when Enter is pressed or the search box is left;
each settled text is counted once. The counting itself is the core's `MissedSearches`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

SETTLE_MS = 2000


class MissedSearchRecorder(QObject):
    def __init__(self, store, current_text, filtered, parent: QObject | None = None):
        """`current_text()` is the search box's text; `filtered()` whether topics narrow it."""
        super().__init__(parent)
        self._store = store
        self._current_text = current_text
        self._filtered = filtered
        self._pending = ""  # text whose search showed nothing, waiting to settle
        self._counted = ""  # text counted in this settlement (not again until it changes)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SETTLE_MS)
        self.timer.timeout.connect(self.settle)

    @classmethod
    def follow(cls, store, search_box, search_panel, search_shown, parent) -> MissedSearchRecorder:
        """Follow the window's search box and results; `search_shown` is the signal sent
        with each SearchResult once it is shown."""
        recorder = cls(store, search_box.text, lambda: bool(search_panel.selected_tags()), parent)
        search_shown.connect(recorder.result_shown)
        search_box.textChanged.connect(recorder.text_changed)
        search_box.returnPressed.connect(recorder.settle)
        search_box.editingFinished.connect(recorder.settle)
        return recorder

    def result_shown(self, result) -> None:
        text = self._current_text()
        if result.total or not text.strip() or self._filtered() or text == self._counted:
            self._pending = ""
            self.timer.stop()
            return
        self._pending = text
        self.timer.start()

    def text_changed(self, text: str) -> None:
        if text != self._pending:
            self._pending = ""
            self.timer.stop()
        if text != self._counted:
            self._counted = ""

    def settle(self) -> None:
        """Count the pending search now (its text settled, Enter pressed, box left)."""
        self.timer.stop()
        text = self._pending
        self._pending = ""
        if text and text == self._current_text() and text != self._counted:
            self._counted = text
            self._store.record(text)
