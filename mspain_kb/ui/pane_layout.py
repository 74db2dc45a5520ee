"""How the window's three panes share the space: side by side when there is room, folded into
tabs as the window narrows, so the whole window fits a 720×450 screen (a 1440×900 screen at
200%) and nothing is cut off.

- wide: results | article | glossary, in a splitter whose sizes the reader sets and keeps;
- middle: results | tabs (article, glossary);
- narrow: one set of tabs (results, article, glossary).

Each pane has a fixed smallest size (`PANE_MINIMUM`, in text widths and lines), so what a
pane happens to show (long result titles, a status message) never pushes the others about.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QSplitter, QTabWidget, QWidget

WIDE, MIDDLE, NARROW = "wide", "middle", "narrow"
# Smallest width of each pane in average characters, and smallest height in lines; and the
# width at which it is comfortable, which decides when panes fold into tabs.
PANE_MINIMUM = {"Results": (28, 8), "Article": (44, 8), "Glossary": (28, 8)}
PANE_COMFORT = {"Results": 34, "Article": 60, "Glossary": 30}
PANE_SIZES = [330, 640, 310]  # results, article, glossary, side by side (at 1280 wide)
SPLITTER_HANDLE = 6


def scrolling(pane: QWidget) -> QScrollArea:
    """`pane` in a frameless area that scrolls up and down when the window is too short for
    everything it holds (the glossary's four parts), instead of squeezing it."""
    area = QScrollArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(pane)
    area.setFocusProxy(pane)
    return area


class PaneLayout(QSplitter):
    """The panes, in the arrangement that fits the current width. `panes` is a list of
    (title, widget) in reading order; `tabs` holds the folded ones."""

    arrangementChanged = Signal(str)  # WIDE, MIDDLE or NARROW

    def __init__(self, panes: list[tuple[str, QWidget]], parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("mainSplitter")
        self.setChildrenCollapsible(False)
        self.setHandleWidth(SPLITTER_HANDLE)
        self.panes = panes
        self.tabs = QTabWidget()
        self.tabs.setObjectName("paneTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Panes")
        self.arrangement = ""
        self._wide_state: QByteArray | None = None
        self._sized = False  # True once the reader's sizes were restored or first laid out
        self.apply_minimum_sizes()
        self._arrange(WIDE)

    # Sizes -----------------------------------------------------------------------------
    def apply_minimum_sizes(self) -> None:
        """Give each pane its smallest size, from the system font (so the window still fits
        a small screen with larger text) or what the pane's content needs, if more."""
        metrics = QFontMetrics(QApplication.font())
        for title, pane in self.panes:
            columns, lines = PANE_MINIMUM[title]
            pane.setMinimumSize(0, 0)
            size = QSize(metrics.averageCharWidth() * columns, metrics.lineSpacing() * lines)
            pane.setMinimumSize(size.expandedTo(pane.minimumSizeHint()))
        self._choose_arrangement(self.width())

    def _width_for(self, arrangement: str) -> int:
        """The width `arrangement` needs to show each pane comfortably."""
        char = self.fontMetrics().averageCharWidth()
        widths = [
            max(pane.minimumWidth(), PANE_COMFORT[title] * char) for title, pane in self.panes
        ]
        if arrangement == WIDE:
            return sum(widths) + 2 * SPLITTER_HANDLE
        if arrangement == MIDDLE:
            return widths[0] + max(widths[1:]) + SPLITTER_HANDLE + 8
        return max(widths) + 8

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """The narrow arrangement's size: the window may always shrink to it."""
        width = max(pane.minimumWidth() for _title, pane in self.panes) + 8
        height = max(pane.minimumHeight() for _title, pane in self.panes)
        return QSize(width, height + self.tabs.tabBar().sizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        width = event.size().width()
        self._choose_arrangement(width)
        super().resizeEvent(event)
        if not self._sized and self.arrangement == WIDE and width > 0:
            self._sized = True  # the first layout: PANE_SIZES' proportions at this width
            total = sum(PANE_SIZES)
            self.setSizes([width * size // total for size in PANE_SIZES])

    def _choose_arrangement(self, width: int) -> None:
        if width <= 0:
            return
        for arrangement in (WIDE, MIDDLE):
            if width >= self._width_for(arrangement):
                break
        else:
            arrangement = NARROW
        if arrangement != self.arrangement:
            self._arrange(arrangement)

    # Arranging ---------------------------------------------------------------------------
    def _arrange(self, arrangement: str) -> None:
        focused = self.window().focusWidget() if self.window() is not None else None
        if self.arrangement == WIDE:
            self._wide_state = self.saveState()
        current_tab = self.tabs.currentWidget()
        while self.tabs.count():
            self.tabs.removeTab(0)
        for index in reversed(range(self.count())):
            self.widget(index).setParent(None)
        widgets = [pane for _title, pane in self.panes]
        folded = {WIDE: [], MIDDLE: self.panes[1:], NARROW: self.panes}[arrangement]
        for title, pane in folded:
            self.tabs.addTab(pane, title)
        if folded and current_tab is not None and self.tabs.indexOf(current_tab) >= 0:
            self.tabs.setCurrentWidget(current_tab)
        side = [pane for pane in widgets if pane not in {p for _t, p in folded}]
        for widget in [*side, *([self.tabs] if folded else [])]:
            self.addWidget(widget)
            widget.show()
        for index in range(self.count()):  # a resize is shared, the article taking most
            stretch = 3 if self.widget(index) in (self.panes[1][1], self.tabs) else 1
            self.setStretchFactor(index, stretch)
        self.arrangement = arrangement
        if arrangement == WIDE and self._wide_state is not None:
            self.restoreState(self._wide_state)
        elif arrangement == MIDDLE:  # the results column as wide as is comfortable
            char = self.fontMetrics().averageCharWidth()
            results = max(self.panes[0][1].minimumWidth(), PANE_COMFORT["Results"] * char)
            self.setSizes([results, max(self.width() - results, 1)])
        if focused is not None and focused.isVisible():
            focused.setFocus()
        self.arrangementChanged.emit(arrangement)

    def pane_is_shown(self, pane: QWidget) -> bool:
        """True when `pane` can be seen now (beside the others, or as the current tab)."""
        if self.tabs.indexOf(pane) >= 0:
            return self.tabs.currentWidget() is pane and self.tabs.isVisible()
        return pane.isVisible()

    def show_pane(self, pane: QWidget) -> None:
        """Bring `pane` into view: its tab when folded, else widen it if squeezed to nothing."""
        if self.tabs.indexOf(pane) >= 0:
            self.tabs.setCurrentWidget(pane)
            return
        sizes = self.sizes()
        index = self.indexOf(pane)
        if index >= 0 and sizes[index] == 0:
            widest = max(range(len(sizes)), key=sizes.__getitem__)
            give = min(sizes[widest] // 2, PANE_SIZES[min(index, 2)])
            sizes[widest] -= give
            sizes[index] = give
            self.setSizes(sizes)

    # State kept between runs -------------------------------------------------------------
    def wide_state(self) -> QByteArray:
        """The side-by-side sizes the reader chose (kept while the panes are folded)."""
        if self.arrangement == WIDE or self._wide_state is None:
            return self.saveState()
        return self._wide_state

    def restore_wide_state(self, state: QByteArray) -> None:
        self._sized = True
        if self.arrangement == WIDE:
            self.restoreState(state)
        else:
            self._wide_state = state
