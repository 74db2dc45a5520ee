"""What the window says about itself: the status bar (index state, progress) and an info bar
for problems people should notice (articles skipped, index rebuilt, folder read-only)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStatusBar,
    QToolButton,
    QWidget,
)


class InfoBar(QFrame):
    """A visible, dismissable line of plain words, with "Details…" when there is more."""

    detailsRequested = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("infoBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_button = QPushButton("&Details…")
        self.details_button.setAccessibleName("Show details of the problems")
        self.details_button.clicked.connect(self.detailsRequested)
        close = QToolButton(text="Dismiss")
        close.setAccessibleName("Dismiss this message")
        close.clicked.connect(self.hide)
        close.clicked.connect(self.dismissed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.details_button)
        layout.addWidget(close)
        self.hide()

    def show_message(self, text: str, details: bool = False) -> None:
        self.label.setText(text)
        self.setAccessibleDescription(text)
        self.details_button.setVisible(details)
        self.show()

    def text(self) -> str:
        return self.label.text()


class StatusArea:
    """The status bar: a permanent index-state label and a progress bar while indexing."""

    def __init__(self, window: QMainWindow):
        self.bar: QStatusBar = window.statusBar()
        self.index_label = QLabel("Checking the search index…")
        self.index_label.setAccessibleName("Index state")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Indexing progress")
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.text_size_label = QLabel()
        self.text_size_label.setAccessibleName("Text size")
        self.text_size_label.setToolTip("Ctrl+plus, Ctrl+minus and Ctrl+0 change the text size")
        self.bar.addPermanentWidget(self.progress)
        self.bar.addPermanentWidget(self.index_label)
        self.bar.addPermanentWidget(self.text_size_label)

    def show_text_size(self, text: str) -> None:
        self.text_size_label.setText(text)

    def say(self, text: str, timeout_ms: int = 8000) -> None:
        """A passing message (result counts, what changed); also spoken by screen readers."""
        self.bar.showMessage(text, timeout_ms)
        self.bar.setAccessibleDescription(text)
        announce(self.bar, text)

    def indexing(self, done: int, total: int, message: str) -> None:
        self.progress.show()
        self.progress.setMaximum(max(total, 1) if total else 0)
        self.progress.setValue(min(done, total) if total else 0)
        self.progress.setFormat("Indexing %v of %m" if total else "Indexing…")
        if message:
            self.index_label.setText(message)

    def index_state(self, text: str) -> None:
        self.progress.hide()
        self.index_label.setText(text)


def announce(widget: QWidget, text: str) -> None:
    """Ask a running screen reader to speak `text` politely (when it has finished talking)."""
    if QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))


def changes_sentence(report) -> str:
    """ "1 article added, 2 updated" from a SyncReport; "" when nothing changed."""
    parts = []
    for count, verb in (
        (report.added, "added"),
        (report.updated, "updated"),
        (report.removed, "removed"),
    ):
        if count:
            parts.append(f"{count} article{'s' if count != 1 else ''} {verb}")
    return ", ".join(parts)


def problems_sentence(headline: str, problems, in_memory: bool) -> str:
    """What the info bar says about skipped files and an index kept in memory."""
    sentences = [headline] if headline else []
    skipped = [problem for problem in problems if problem.skipped]
    if len(skipped) == 1:
        sentences.append("1 article file was skipped because it could not be read.")
    elif skipped:
        sentences.append(
            f"{len(skipped)} article files were skipped because they could not be read."
        )
    elif problems:
        sentences.append("Some article files have warnings.")
    if in_memory:
        sentences.append(
            "The index folder cannot be written, so the index is kept in memory for now."
        )
    return " ".join(sentences)


def show_problem_details(parent: QWidget, problems) -> QMessageBox:
    """List every skipped or doubtful article file and why, in plain words."""
    lines = [
        f"<li><b>{html.escape(problem.path.name)}</b>: "
        f"{'skipped' if problem.skipped else 'read with a warning'}: "
        f"{html.escape(problem.reason)}</li>"
        for problem in problems
    ]
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("Problems with article files")
    box.setTextFormat(Qt.TextFormat.RichText)
    if lines:
        box.setText(
            "These files in the articles folder need attention. Articles not listed are fine."
            f"<ul>{''.join(lines)}</ul>"
        )
    else:
        box.setText("No problems: every article file was read.")
    box.open()
    return box


def show_folder_path(parent: QWidget, folder) -> QMessageBox:
    """When no file manager could be opened: where the folder is, in text that can be copied."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("Articles folder")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(
        "No file manager could be opened on this computer. The articles are in this folder "
        f"(select the path to copy it):\n\n{folder}\n\n"
        "Open it in any file manager, or add articles with File > Import articles."
    )
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.open()
    return box
