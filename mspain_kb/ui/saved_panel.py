"""The "Saved articles" dialog: the reader's saved list, to open, remove and put in order.

Articles no longer in the collection (removed or renamed) stay in the list under the title
they had when saved, marked as missing, until the reader removes them. Drag and drop or
"Move up"/"Move down" (Ctrl+Up/Ctrl+Down) change the order; the list is stored at once.
"Print all…" and "Export PDF…" make one handout of the saved articles, in this order.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mspain_kb.core.user_data.saved import is_missing

ID_ROLE = Qt.ItemDataRole.UserRole
MISSING_ROLE = Qt.ItemDataRole.UserRole + 1
MISSING_NOTE = "no longer in the collection"
EMPTY_TEXT = "No saved articles yet. Open an article and choose “Save article” (Ctrl+D)."


def entry_label(title: str, missing: bool) -> str:
    return f"{title} ({MISSING_NOTE})" if missing else title


class SavedArticlesDialog(QDialog):
    openRequested = Signal(str)  # article id
    changed = Signal()  # the saved list was changed here
    printRequested = Signal()  # one handout of every saved article, previewed
    exportRequested = Signal()  # the same handout, saved as a PDF

    def __init__(self, saved, articles_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.saved = saved
        self.articles_dir = Path(articles_dir)
        self.setWindowTitle("Saved articles")
        self.setObjectName("savedArticlesDialog")
        self.resize(520, 420)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Saved articles")
        self.list.setAccessibleDescription(
            "Enter opens an article; Delete removes it; Ctrl+Up and Ctrl+Down move it"
        )
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(lambda _item: self.open_current())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        # After a drop, once the list has finished moving the row.
        self.list.model().rowsMoved.connect(
            lambda *_args: QTimer.singleShot(0, self, self._store_order)
        )
        label = QLabel("Your &saved articles, in your order:")
        label.setBuddy(self.list)

        self.open_button = QPushButton("&Open")
        self.remove_button = QPushButton("&Remove")
        self.up_button = QPushButton("Move &up")
        self.down_button = QPushButton("Move &down")
        self.print_button = QPushButton("&Print all…")
        self.print_button.setToolTip("Print all saved articles as one handout")
        self.export_button = QPushButton("E&xport PDF…")
        self.export_button.setToolTip("Save all saved articles as one handout PDF")
        self.print_button.clicked.connect(self.printRequested)
        self.export_button.clicked.connect(self.exportRequested)
        self.open_button.clicked.connect(self.open_current)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        for keys, slot in (
            ("Ctrl+Up", lambda: self.move_current(-1)),
            ("Ctrl+Down", lambda: self.move_current(1)),
            (QKeySequence.StandardKey.Delete, self.remove_current),
        ):
            shortcut = QShortcut(QKeySequence(keys), self.list, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)

        side = QVBoxLayout()
        for button in (self.open_button, self.remove_button, self.up_button, self.down_button):
            side.addWidget(button)
        side.addStretch(1)
        side.addWidget(self.print_button)
        side.addWidget(self.export_button)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addLayout(row, 1)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.refresh()

    def refresh(self, current_id: str | None = None) -> None:
        """Show the stored list again, keeping (or moving to) the current entry."""
        current_id = current_id or self.current_id()
        entries = self.saved.entries()
        self.list.clear()
        for entry in entries:
            missing = is_missing(entry, self.articles_dir)
            item = QListWidgetItem(entry_label(entry.title, missing))
            item.setData(ID_ROLE, entry.id)
            item.setData(MISSING_ROLE, missing)
            item.setToolTip(f"Saved on {entry.saved}" + (f"; {MISSING_NOTE}" if missing else ""))
            if missing:
                item.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
            self.list.addItem(item)
            if entry.id == current_id:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self.message.setText(self.saved.problem or ("" if entries else EMPTY_TEXT))
        self._update_buttons()

    def titles(self) -> list[str]:
        """What the list shows, top to bottom."""
        return [self.list.item(row).text() for row in range(self.list.count())]

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None else None

    def open_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        if item.data(MISSING_ROLE):
            self.message.setText(
                "This article is no longer in the collection (it was removed or renamed); "
                "you can remove it from the list."
            )
            return
        self.openRequested.emit(item.data(ID_ROLE))

    def remove_current(self) -> None:
        row = self.list.currentRow()
        article_id = self.current_id()
        if article_id is None:
            return
        self.saved.remove(article_id)
        next_item = self.list.item(row + 1) or self.list.item(row - 1)
        self.refresh(next_item.data(ID_ROLE) if next_item is not None else None)
        self.changed.emit()

    def move_current(self, steps: int) -> None:
        article_id = self.current_id()
        if article_id is not None and self.saved.move(article_id, steps):
            self.refresh(article_id)
            self.changed.emit()

    def _store_order(self) -> None:
        """After a drag and drop: store the order the list now shows."""
        ids = [self.list.item(row).data(ID_ROLE) for row in range(self.list.count())]
        current = self.current_id()
        self.saved.reorder(ids)
        self.refresh(current)
        self.changed.emit()

    def _update_buttons(self) -> None:
        row, count = self.list.currentRow(), self.list.count()
        self.open_button.setEnabled(row >= 0)
        self.print_button.setEnabled(count > 0)
        self.export_button.setEnabled(count > 0)
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
