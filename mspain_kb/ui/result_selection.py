"""Several results chosen at once, for one handout of them all.

The results list selects as file managers do: Ctrl+click adds or removes a result,
Shift+click a run of them, Ctrl+A all; Space adds or removes the current result. A plain click
and Enter still open the article (a click with Ctrl or Shift only chooses: `SearchPanel`).
Right-click offers "Print handout of the selected…" and "Export selected as PDF…".
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QListWidget

from mspain_kb.ui.search_panel import HIT_ROLE

CHOOSE_HINT = "Ctrl+click, Shift+click or Space choose several results for one handout"


class SpaceToggles(QObject):
    """Space adds the current result to the selection, or takes it out (an event filter)."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if (
            event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Space
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            current = watched.currentIndex()
            if current.isValid():
                watched.selectionModel().select(current, QItemSelectionModel.SelectionFlag.Toggle)
            return True
        return False


def enable_choosing(results: QListWidget, actions: list[QAction]) -> None:
    """Let `results` select several rows, and offer `actions` on a right-click."""
    results.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    toggles = SpaceToggles(results)
    results.installEventFilter(toggles)
    results.space_toggles = toggles  # kept as long as the list
    results.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    for action in actions:
        results.addAction(action)

    def update() -> None:
        chosen = bool(selected_ids(results))
        for action in actions:
            action.setEnabled(chosen)

    results.itemSelectionChanged.connect(update)
    update()


def selected_ids(results: QListWidget) -> list[str]:
    """The ids of the selected results, top to bottom ("Show more results" is not one)."""
    rows = sorted(results.row(item) for item in results.selectedItems())
    hits = (results.item(row).data(HIT_ROLE) for row in rows)
    return [hit.id for hit in hits if hit is not None]
