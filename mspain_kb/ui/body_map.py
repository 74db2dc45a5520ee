""" "Where does it hurt?": the body picture, the list of regions, and the kinds of pain there.

Self-contained, for whichever window or page places it: it gets the body map, the search
service and a thread pool, and emits `searchRequested(text)` when a kind of pain is chosen.
Counting runs in the pool, never on the GUI thread; each count is the total of the very search
a click runs (`core.body_map.count_articles`), so it matches the results then shown.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QItemSelectionModel, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mspain_kb.core.body_map import count_articles
from mspain_kb.ui.body_picture import BodyPicture
from mspain_kb.ui.search_panel import HTML_ROLE, HtmlDelegate
from mspain_kb.ui.workers import run_in_background

REGION_ROLE = Qt.ItemDataRole.UserRole
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 10  # clear of the roles HtmlDelegate reads
CHOOSE_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
EMPTY_HINT = "Choose where it hurts: click the picture, or use the list."
PAINS_HINT = "Choose one to search for it. Its words go in the search box."


class RegionList(QListWidget):
    """The regions, for the keyboard: arrows move, Enter or Space chooses, several at once."""

    # The region the keyboard has moved to, lit on the picture; "" once the focus leaves.
    # Not on focus-in or a click: opening the map must not look as if a region was chosen.
    currentRegionChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.setSpacing(2)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        item = self.currentItem()
        if event.key() in CHOOSE_KEYS and item is not None:
            item.setSelected(not item.isSelected())
        else:
            super().keyPressEvent(event)
        item = self.currentItem()
        if item is not None:
            self.currentRegionChanged.emit(item.data(REGION_ROLE))

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().focusOutEvent(event)
        self.currentRegionChanged.emit("")


class PainList(QListWidget):
    """Kinds of pain; a click, Enter or Space runs the search of the one chosen."""

    chosen = Signal(str)  # the search text

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setItemDelegate(HtmlDelegate(self))
        self.setWordWrap(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.clicked.connect(self._choose)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.key() in (*CHOOSE_KEYS, Qt.Key.Key_Space) and self.currentIndex().isValid():
            self._choose(self.currentIndex())
            return
        super().keyPressEvent(event)

    def _choose(self, index) -> None:
        search = index.data(SEARCH_ROLE)
        if search:
            self.chosen.emit(search)


def count_text(count: int | None) -> str:
    if count is None:
        return "counting…"
    if count == 0:
        return "no articles yet"
    return f"{count} article" if count == 1 else f"{count} articles"


def pain_html(pain, tail: str) -> str:
    """A kind of pain as the list shows it: the feeling, then the search and its count."""
    return (
        f"<div>{html.escape(pain.words)}</div>"
        f'<div class="tags">Search: <b>{html.escape(pain.search)}</b> · {html.escape(tail)}</div>'
    )


class BodyMapWidget(QWidget):
    searchRequested = Signal(str)
    chosenChanged = Signal(list)  # region ids, in the order of the map
    countsShown = Signal()  # the kinds of pain of the latest choice are listed with counts

    def __init__(
        self, body_map, search, pool: QThreadPool | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self._body_map = body_map
        self._search = search
        self._pool = pool or QThreadPool(self)
        self._round = 0  # bumped per count, so a late answer for an older choice is dropped
        self._jobs: set = set()

        self.picture = BodyPicture(body_map)
        self.picture.regionClicked.connect(self.toggle_region)

        regions_label = QLabel("&Where it hurts")
        self.clear_button = QToolButton(text="Clear")
        self.clear_button.setAccessibleName("Clear the chosen body regions")
        self.clear_button.setEnabled(False)
        self.clear_button.clicked.connect(lambda: self.region_list.clearSelection())
        self.region_list = RegionList()
        self.region_list.setAccessibleName("Body regions")
        self.region_list.setAccessibleDescription(
            "Arrow keys move; Enter or Space chooses or unchooses a region. "
            "Several regions can be chosen."
        )
        regions_label.setBuddy(self.region_list)
        for region in body_map:
            item = QListWidgetItem(region.name)
            item.setData(REGION_ROLE, region.id)
            views = " and ".join(region.views)
            item.setToolTip(region.description)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, region.name)
            item.setData(
                Qt.ItemDataRole.AccessibleDescriptionRole,
                f"{region.description}. On the {views} of the picture.",
            )
            self.region_list.addItem(item)
        self.region_list.itemSelectionChanged.connect(self._on_chosen)
        self.region_list.currentRegionChanged.connect(self.picture.set_current)

        pains_label = QLabel("What it can &feel like")
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.hide()
        self.hint = QLabel(EMPTY_HINT)
        self.hint.setWordWrap(True)
        self.pain_list = PainList()
        self.pain_list.setAccessibleName("Kinds of pain in the chosen regions")
        self.pain_list.setAccessibleDescription(
            "Each with the search it runs and how many articles that finds. "
            "Enter or a click runs the search."
        )
        self.pain_list.chosen.connect(self.searchRequested)
        pains_label.setBuddy(self.pain_list)

        regions_header = QHBoxLayout()
        regions_header.addWidget(regions_label)
        regions_header.addStretch(1)
        regions_header.addWidget(self.clear_button)
        regions_column = QVBoxLayout()
        regions_column.addLayout(regions_header)
        regions_column.addWidget(self.region_list, 1)
        pains_column = QVBoxLayout()
        pains_column.addWidget(pains_label)
        pains_column.addWidget(self.warning)
        pains_column.addWidget(self.hint)
        pains_column.addWidget(self.pain_list, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picture, 4)
        layout.addLayout(regions_column, 2)
        layout.addLayout(pains_column, 4)
        self.setTabOrder(self.region_list, self.clear_button)
        self.setTabOrder(self.clear_button, self.pain_list)
        self.setFocusProxy(self.region_list)

    # Choosing regions ---------------------------------------------------------------------
    def chosen(self) -> list[str]:
        selected = {item.data(REGION_ROLE) for item in self.region_list.selectedItems()}
        return [region.id for region in self._body_map if region.id in selected]

    def _item(self, region_id: str) -> QListWidgetItem | None:
        for row in range(self.region_list.count()):
            item = self.region_list.item(row)
            if item.data(REGION_ROLE) == region_id:
                return item
        return None

    def toggle_region(self, region_id: str) -> None:
        """Choose a region, or unchoose it if it was chosen (a click on the picture)."""
        item = self._item(region_id)
        if item is None:
            return
        self.region_list.setCurrentItem(item, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.region_list.scrollToItem(item)
        item.setSelected(not item.isSelected())

    def set_chosen(self, region_ids) -> None:
        """Choose exactly these regions (one recount, not one per region)."""
        wanted = set(region_ids)
        self.region_list.blockSignals(True)
        for row in range(self.region_list.count()):
            item = self.region_list.item(row)
            item.setSelected(item.data(REGION_ROLE) in wanted)
        self.region_list.blockSignals(False)
        self._on_chosen()

    def _on_chosen(self) -> None:
        chosen = self.chosen()
        self.picture.set_chosen(chosen)
        self.clear_button.setEnabled(bool(chosen))
        warnings = self._body_map.warnings_for(chosen)
        self.warning.setText("\n".join(f"⚠ {warning}" for warning in warnings))
        self.warning.setVisible(bool(warnings))
        self.hint.setText(PAINS_HINT if chosen else EMPTY_HINT)
        self.refresh_counts()
        self.chosenChanged.emit(chosen)

    # Kinds of pain and their counts ---------------------------------------------------------
    def refresh_counts(self) -> None:
        """List the kinds of pain of the chosen regions and count them again in the pool."""
        self._round += 1
        round_ = self._round
        pains = self._body_map.pains_for(self.chosen())
        self._show_pains([(pain, None) for pain in pains])
        if not pains:
            self.countsShown.emit()
            return
        search = self._search
        job = run_in_background(
            self._pool,
            lambda: count_articles(pains, search),
            lambda counts: self._on_counts(round_, counts),
        )
        job.signals.failed.connect(lambda reason: self._on_count_failed(round_, pains, reason))
        self._jobs.add(job)
        job.signals.finished.connect(lambda _result: self._jobs.discard(job))
        job.signals.failed.connect(lambda _reason: self._jobs.discard(job))

    def _on_counts(self, round_: int, counts) -> None:
        if round_ != self._round:
            return
        self._show_pains([(found.pain, found.articles) for found in counts])
        self.countsShown.emit()

    def _on_count_failed(self, round_: int, pains, reason: str) -> None:
        if round_ == self._round:
            self._show_pains([(pain, None) for pain in pains], problem=reason)

    def _show_pains(self, rows, problem: str = "") -> None:
        current = self.pain_list.currentRow()
        self.pain_list.clear()
        for pain, count in rows:
            tail = f"not counted ({problem})" if problem else count_text(count)
            item = QListWidgetItem(f"{pain.words}\nSearch “{pain.search}” · {tail}")
            item.setData(SEARCH_ROLE, pain.search)
            item.setData(HTML_ROLE, pain_html(pain, tail))
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                f"{pain.words}. Searches for {pain.search}. {tail}.",
            )
            self.pain_list.addItem(item)
        if 0 <= current < self.pain_list.count():
            self.pain_list.setCurrentRow(current)

    def shown_pains(self) -> list[tuple[str, str]]:
        """(search, text) of each kind of pain as listed."""
        items = (self.pain_list.item(row) for row in range(self.pain_list.count()))
        return [(item.data(SEARCH_ROLE), item.text()) for item in items]
