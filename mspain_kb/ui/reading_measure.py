"""A readable line length for the article: on a wide window the text keeps to about 75
characters a line, centred, instead of running the whole width (long lines are hard to
follow back to the next line's start, more so with poor sight)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QTextBrowser

MEASURE_CHARACTERS = 75
EDGE = 12  # the least room left on each side, in pixels


class ReadingMeasure(QObject):
    """Keeps `view`'s text at most MEASURE_CHARACTERS wide: re-measured when the view is
    resized, a page is shown, or the text size changes (`apply`)."""

    def __init__(self, view: QTextBrowser):
        super().__init__(view)
        self.view = view
        view.viewport().installEventFilter(self)
        view.textChanged.connect(self.apply)  # a new page (setting the margins again is a no-op)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Resize:
            self.apply()
        return False

    def text_width(self) -> float:
        """The widest the text may be, from the page's own font."""
        font = self.view.document().defaultFont()
        return QFontMetricsF(font).averageCharWidth() * MEASURE_CHARACTERS

    def apply(self) -> None:
        document = self.view.document()
        room = self.view.viewport().width() - 2 * document.documentMargin()
        side = max(EDGE, (room - self.text_width()) / 2)
        root = document.rootFrame()
        frame = root.frameFormat()
        if abs(frame.leftMargin() - side) < 1 and abs(frame.rightMargin() - side) < 1:
            return
        frame.setLeftMargin(side)
        frame.setRightMargin(side)
        root.setFrameFormat(frame)
