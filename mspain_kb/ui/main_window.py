"""The main window as people see it: the search row on top; results, article and glossary
panes side by side or folded into tabs; menus, toolbar, info bar and status bar.

This is the view. It builds and arranges the widgets, wires the keys that only move around
its own widgets (find, next match, back, text size, F6, Ctrl+L), and offers simple setters. It makes
no decisions: what to search, which page to show and what to say are `WindowController`'s
(`window_controller.py`), which connects to the widgets and signals exposed here.

The three panes are separate widgets (`panes`), arranged side by side or folded into tabs
by `PaneLayout` (`pane_layout.py`) as the window narrows; text sizes are applied in one
place (`_apply_text_sizes`, following `text_zoom`, a `TextZoom`).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from mspain_kb import APP_NAME
from mspain_kb.core.render.article import READING_FONT_PT
from mspain_kb.ui import window_actions, zoom
from mspain_kb.ui.article_pane import ArticlePane
from mspain_kb.ui.body_map_dialog import BodyMapButton
from mspain_kb.ui.glossary_panel import GlossaryPanel
from mspain_kb.ui.pane_layout import PaneLayout, scrolling
from mspain_kb.ui.reading_measure import ReadingMeasure
from mspain_kb.ui.search_box import SearchBox
from mspain_kb.ui.search_panel import SearchPanel
from mspain_kb.ui.status import InfoBar, StatusArea

DEFAULT_SIZE = QSize(1280, 800)
SEARCH_BOX_SCALE = 1.3  # the search box's text, against the system font
DEFINITION_SCALE, DEFINITION_MIN_PT = 1.15, 11  # the glossary definition's text


class MainWindow(QMainWindow):
    """The window's widgets and where they sit. `controller` is the `WindowController` that
    drives it (set when the controller is made; the window itself never calls it)."""

    closing = Signal()  # the window is closing: settings are saved, background work finishes

    def __init__(self, vocabulary, glossary, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = None
        self.setWindowTitle(APP_NAME)
        self.setObjectName("mainWindow")

        self.search_box = SearchBox()
        self.body_map_button = BodyMapButton()
        self.search_panel = SearchPanel(vocabulary)
        self.article_pane = ArticlePane(base_point_size=READING_FONT_PT)
        self.view = self.article_pane.view  # the article view
        self.reading_measure = ReadingMeasure(self.view)
        self.find_bar = self.article_pane.find_bar
        self.outline = self.article_pane.outline
        self.hit_label = self.article_pane.hit_label
        self.glossary_panel = GlossaryPanel(glossary)
        self.panes: list[tuple[str, QWidget]] = [
            ("Results", self.search_panel),
            ("Article", self.article_pane),
            ("Glossary", scrolling(self.glossary_panel)),
        ]
        self.info_bar = InfoBar()
        self.status = StatusArea(self)
        self.text_zoom = zoom.TextZoom(self)
        self._build_layout()
        self.actions_by_name, menus = window_actions.install(self)
        self.saved_menu = menus["&Saved"]
        self.history_menu = menus["Hi&story"]
        self._wire_own_actions()
        self._apply_text_sizes()
        self.text_zoom.changed.connect(self._apply_text_sizes)
        self.splitter.arrangementChanged.connect(
            lambda _arrangement: self._apply_fonts(self.text_zoom.percent())
        )
        self.set_article_open(False)
        self.resize(default_size(self.screen()))

    # Layout --------------------------------------------------------------------------------
    def _build_layout(self) -> None:
        search_label = QLabel("&Search:")
        search_label.setBuddy(self.search_box)
        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search_box, 1)
        top.addWidget(self.body_map_button)

        self.splitter = PaneLayout(self.panes)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(top)
        layout.addWidget(self.info_bar)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        order = [
            self.search_box,
            self.body_map_button,
            self.search_panel.tag_list,
            self.search_panel.clear_tags_button,
            self.search_panel.results,
            self.outline,
            self.view,
            self.glossary_panel.filter,
        ]
        for first, second in zip(order, order[1:], strict=False):
            self.setTabOrder(first, second)

    def _wire_own_actions(self) -> None:
        """Keys that only move around the window's own widgets."""
        self.search_box.moveToResults.connect(self.search_panel.focus_results)
        a, view = self.actions_by_name, self.view
        for name, slot in (
            ("quit", self.close),
            ("focus_search", self.focus_search),
            ("find", self.find_bar.open_bar),
            ("next_hit", view.next_hit),
            ("previous_hit", view.previous_hit),
            ("back", view.backward),
            ("forward", view.forward),
            ("zoom_in", self.text_zoom.larger),
            ("zoom_out", self.text_zoom.smaller),
            ("zoom_reset", self.text_zoom.reset),
            ("next_pane", lambda: self.focus_next_pane(1)),
            ("previous_pane", lambda: self.focus_next_pane(-1)),
        ):
            a[name].triggered.connect(slot)
        # Enter (or a click) on a result: the article comes into view with the focus in it,
        # so Page Down scrolls it at once.
        self.search_panel.resultActivated.connect(lambda _hit: self.focus_pane(2))
        view.backwardAvailable.connect(a["back"].setEnabled)
        view.forwardAvailable.connect(a["forward"].setEnabled)
        a["back"].setEnabled(False)
        a["forward"].setEnabled(False)

    # Text size -----------------------------------------------------------------------------
    def _apply_text_sizes(self, percent: int = zoom.NORMAL) -> None:
        """The one place that sizes the window's text: every pane, the menus and the status
        bar take the window's font; the search box, the definition and the article keep
        their larger sizes, scaled alike. Larger text may fold the panes sooner."""
        self._apply_fonts(percent)
        self.reading_measure.apply()
        self.status.show_text_size(zoom.label(percent))
        self.splitter.apply_minimum_sizes()

    def _apply_fonts(self, percent: int) -> None:
        scale = percent / 100
        base = QApplication.font().pointSizeF()
        font = QFont(self.font())
        font.setPointSizeF(base * scale)
        own_sizes = (
            (self.search_box, base * SEARCH_BOX_SCALE * scale),
            (
                self.glossary_panel.definition,
                max(base * DEFINITION_SCALE, DEFINITION_MIN_PT) * scale,
            ),
        )
        keep = [self.view, *(widget for widget, _size in own_sizes)]
        # Set on each widget, menus included: under an application style sheet a font set
        # on the window does not reach its children, and a pane moved into or out of the
        # tabs loses it (so this runs again when the panes are rearranged).
        self.setFont(font)
        for widget in self.findChildren(QWidget):
            if not any(widget is k or k.isAncestorOf(widget) for k in keep):
                widget.setFont(font)
        for widget, size in own_sizes:
            own = QFont(widget.font())
            own.setPointSizeF(size)
            widget.setFont(own)
        self.view.set_zoom(round(READING_FONT_PT * (scale - 1)))

    def text_size(self) -> int:
        """The text size in percent of normal; `text_zoom.changed` signals a change."""
        return self.text_zoom.percent()

    def set_text_size(self, percent: int) -> None:
        self.text_zoom.set_percent(percent)

    # Simple setters ------------------------------------------------------------------------
    def show_title(self, article_title: str | None) -> None:
        self.setWindowTitle(f"{article_title} — {APP_NAME}" if article_title else APP_NAME)

    def set_article_open(self, article_open: bool) -> None:
        """Print and Export PDF need an article on screen."""
        for name in window_actions.ARTICLE_ACTIONS:
            self.actions_by_name[name].setEnabled(article_open)

    def show_saved_star(self, enabled: bool, saved: bool) -> None:
        """The star says whether the open article is saved; off the article pages it rests."""
        star = self.actions_by_name["save_article"]
        star.blockSignals(True)
        star.setEnabled(enabled)
        star.setChecked(saved)
        star.setText(window_actions.SAVED_TEXT if saved else window_actions.SAVE_TEXT)
        star.blockSignals(False)

    def show_keep_no_history(self, on: bool) -> None:
        action = self.actions_by_name["keep_no_history"]
        action.blockSignals(True)
        action.setChecked(on)
        action.blockSignals(False)

    def reveal_glossary(self) -> None:
        """Make sure the glossary pane can be seen (its tab, or widened if squeezed)."""
        self.splitter.show_pane(self.panes[2][1])

    # Moving between panes ------------------------------------------------------------------
    def pane_targets(self) -> list[tuple[QWidget, QWidget]]:
        """(area, widget to focus) in F6 order: search box, results, article, glossary."""
        return [
            (self.search_box, self.search_box),
            (self.search_panel, self.search_panel.results),
            (self.article_pane, self.view),
            (self.glossary_panel, self.glossary_panel.filter),
        ]

    def focus_pane(self, index: int) -> None:
        """Focus the `index`th of `pane_targets`, bringing its tab forward when folded."""
        area, widget = self.pane_targets()[index]
        for _title, pane in self.panes:
            if pane is area or pane.isAncestorOf(area):
                self.splitter.show_pane(pane)
        if widget is self.search_panel.results:
            self.search_panel.focus_results()  # also makes the first result current
        else:
            widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_next_pane(self, step: int) -> None:
        """F6 / Shift+F6: the next or previous pane, round and round."""
        focused = QApplication.focusWidget()
        targets = self.pane_targets()
        current = next(
            (
                i
                for i, (area, _w) in enumerate(targets)
                if focused is area or (focused is not None and area.isAncestorOf(focused))
            ),
            0 if step > 0 else 1,
        )
        self.focus_pane((current + step) % len(targets))

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    # Layout state, kept between runs -------------------------------------------------------
    def layout_state(self) -> dict[str, QByteArray]:
        return {
            "geometry": self.saveGeometry(),
            "panes": self.splitter.wide_state(),
            "glossary": self.glossary_panel.splitter.saveState(),
        }

    def restore_layout_state(self, state: dict) -> None:
        """Apply what `layout_state` gave (any part may be missing)."""
        if state.get("geometry") is not None:
            self.restoreGeometry(state["geometry"])
        if state.get("panes") is not None:
            self.splitter.restore_wide_state(state["panes"])
        if state.get("glossary") is not None:
            self.glossary_panel.splitter.restoreState(state["glossary"])

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.closing.emit()
        super().closeEvent(event)


def default_size(screen) -> QSize:
    """1280x800, or less on a smaller screen (a 1366x768 laptop must see the whole window)."""
    if screen is None:
        return DEFAULT_SIZE
    available = screen.availableGeometry().size()
    return DEFAULT_SIZE.boundedTo(
        QSize(int(available.width() * 0.95), int(available.height() * 0.9))
    )
