"""Read aloud in the article view: the core controller, the actions' words, and the highlight.

The view reads the selected text if the reader selected some, otherwise the whole page. The
sentence being read is painted with an extra selection (the page itself is never changed) and
scrolled into view. Leaving or reloading the page stops reading, since its offsets no longer
apply. The speed is remembered in the window's settings.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from mspain_kb.core.read_aloud.controller import ReadAloud, State, speed_words
from mspain_kb.ui.window_actions import PAUSE_TEXT, PLAY_TEXT, RESUME_TEXT

RATE_KEY = "read_aloud/rate"
READER_ACTIONS = ("read_aloud", "stop_reading", "read_slower", "read_faster")


class ArticleReader(QObject):
    """Reads one article view aloud through the window's read-aloud actions."""

    sentenceShown = Signal(int, int, int)  # index, start, end: after the highlight moved
    stateChanged = Signal(str)  # "playing", "paused", "stopped"

    def __init__(
        self,
        view,
        engine,
        settings: QSettings,
        say: Callable[[str], None],
        actions: dict[str, QAction],
        parent: QObject | None = None,
    ):
        """`actions`: the window's "read_aloud", "stop_reading", "read_slower" and
        "read_faster"; their words follow what is being read."""
        super().__init__(parent)
        self.view = view
        self.engine = engine
        self.settings = settings
        self._say = say
        self.controller = ReadAloud(
            engine,
            on_sentence=self._on_sentence,
            on_state=self._on_state,
            on_message=say,
            rate=_float(settings.value(RATE_KEY, 0.0)),
        )
        self.actions = {name: actions[name] for name in READER_ACTIONS}
        self._connect(self.actions)
        view.sourceChanged.connect(lambda _url: self.controller.stop())
        view.textChanged.connect(self.controller.stop)
        self._on_state(State.STOPPED)

    # Actions -------------------------------------------------------------------------------
    def _connect(self, actions) -> None:
        for name, slot in (
            ("read_aloud", self.play_pause),
            ("stop_reading", self.stop),
            ("read_slower", self.slower),
            ("read_faster", self.faster),
        ):
            actions[name].triggered.connect(slot)

    def play_pause(self) -> None:
        """Start reading when stopped; otherwise pause or resume."""
        if self.controller.toggle():
            return
        text, offset = self.text_to_read()
        if getattr(self.engine, "started", lambda: True)():
            self._start(text, offset)
            return
        # Speech Dispatcher takes a second or two to start: say so before the wait.
        self._say("Starting the speech engine…")
        QTimer.singleShot(50, self, lambda: self._start(text, offset))

    def _start(self, text: str, offset: int) -> None:
        if not self.controller.start(text, offset) and not self.controller.available():
            self.actions["read_aloud"].setToolTip(self.engine.unavailable_reason())

    def stop(self) -> None:
        self.controller.stop()

    def slower(self) -> None:
        self._remember_rate(self.controller.slower())

    def faster(self) -> None:
        self._remember_rate(self.controller.faster())

    def _remember_rate(self, rate: float) -> None:
        self.settings.setValue(RATE_KEY, rate)
        self._say(f"Reading speed: {speed_words(rate)}")

    def text_to_read(self) -> tuple[str, int]:
        """The reader's selection (not the match the view selected itself), else the page."""
        cursor = self.view.textCursor()
        span = (cursor.selectionStart(), cursor.selectionEnd())
        if cursor.hasSelection() and span != getattr(self.view, "hit_selection", None):
            return cursor.selectedText(), cursor.selectionStart()
        return self.view.document().toPlainText(), 0

    # Showing progress ----------------------------------------------------------------------
    def _on_state(self, state: State) -> None:
        play = self.actions["read_aloud"]
        play.setText({State.PLAYING: PAUSE_TEXT, State.PAUSED: RESUME_TEXT}.get(state, PLAY_TEXT))
        self.actions["stop_reading"].setEnabled(state is not State.STOPPED)
        if state is State.STOPPED:
            self.view.setExtraSelections([])
        self.stateChanged.emit(state.value)

    def _on_sentence(self, index: int, start: int, end: int) -> None:
        document = self.view.document()
        last = max(document.characterCount() - 1, 0)
        cursor = QTextCursor(document)
        cursor.setPosition(min(start, last))
        cursor.setPosition(min(end, last), QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = self._highlight_format()
        self.view.setExtraSelections([selection])
        self._keep_in_view(cursor)
        self.sentenceShown.emit(index, start, end)

    def _highlight_format(self) -> QTextCharFormat:
        """A soft version of the selection colour, so the text stays readable in both themes."""
        palette = self.view.palette()
        base = palette.color(QPalette.ColorRole.Base)
        mark = palette.color(QPalette.ColorRole.Highlight)
        mixed = zip(base.getRgb()[:3], mark.getRgb()[:3], strict=True)
        colour = QColor(*(round(0.65 * b + 0.35 * m) for b, m in mixed))
        text_format = QTextCharFormat()
        text_format.setBackground(colour)
        text_format.setForeground(palette.color(QPalette.ColorRole.Text))
        return text_format

    def _keep_in_view(self, cursor: QTextCursor) -> None:
        """Scroll only when the sentence is not wholly visible; then put it a third down."""
        start, end = QTextCursor(cursor), QTextCursor(cursor)
        start.setPosition(cursor.selectionStart())
        end.setPosition(cursor.selectionEnd())
        top, bottom = self.view.cursorRect(start).top(), self.view.cursorRect(end).bottom()
        height = self.view.viewport().height()
        if top < 0 or bottom > height:
            bar = self.view.verticalScrollBar()
            bar.setValue(bar.value() + top - height // 3)

    def highlighted(self) -> str:
        """The text highlighted as being read ("" when none)."""
        selections = self.view.extraSelections()
        return selections[0].cursor.selectedText() if selections else ""


def _float(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0
