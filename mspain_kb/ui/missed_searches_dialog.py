"""Collection › Searches that found nothing…: what people looked for on this computer and did
not find (the words, how often, the last date), most searched first, so whoever keeps the
collection knows which leaflets to add. Clear empties the list. The list is the core's
`MissedSearches` (the same as `mspain-kb check --missed`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mspain_kb.ui.dialog_size import fit_to_screen

COLUMNS = ("Words searched", "Times", "Last searched")
EMPTY_TEXT = (
    "No search has come back empty yet. When people search for something the collection "
    "does not cover, their words are listed here, so you know which leaflets to add."
)
NOT_RECORDING_TEXT = (
    "“Keep no history” is on (History menu), so searches that found nothing are not being "
    "recorded on this computer."
)
INTRO_TEXT = (
    "Searches on this computer that found no article, most searched first. "
    "Consider adding leaflets that cover them."
)


class MissedSearchesDialog(QDialog):
    searchRequested = Signal(str)  # the words of a row the user opened

    def __init__(self, missed_searches, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Searches that found nothing")
        self.setObjectName("missedSearchesDialog")
        self._store = missed_searches
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Searches that found nothing")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.cellActivated.connect(self._on_activated)
        self.clear_button = QPushButton("C&lear the list")
        self.clear_button.clicked.connect(self.clear)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.clear_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 560, 420)
        self.refresh()

    def refresh(self) -> None:
        entries = self._store.entries()
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            count = QTableWidgetItem(str(entry.count))
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for column, item in enumerate((QTableWidgetItem(entry.words), count)):
                self.table.setItem(row, column, item)
            self.table.setItem(row, 2, QTableWidgetItem(entry.last))
        self.table.setVisible(bool(entries))
        self.clear_button.setEnabled(bool(entries))
        lines = [INTRO_TEXT if entries else EMPTY_TEXT]
        if not self._store.recording():
            lines.append(NOT_RECORDING_TEXT)
        if self._store.problem:
            lines.append(self._store.problem)
        self.message.setText("\n\n".join(lines))

    def rows(self) -> list[tuple[str, str, str]]:
        """What the table shows, row by row."""
        return [
            tuple(self.table.item(row, column).text() for column in range(len(COLUMNS)))
            for row in range(self.table.rowCount())
        ]

    def clear(self) -> None:
        self._store.clear()
        self.refresh()

    def _on_activated(self, row: int, _column: int) -> None:
        self.searchRequested.emit(self.table.item(row, 0).text())
