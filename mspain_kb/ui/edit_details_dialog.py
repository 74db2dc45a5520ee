"""Collection › Edit details…: the open article's title, topics, summary, source and review.

The dialog only shows and collects; reading and writing the header are the core's
(`core/collection/details.py`). It scrolls when the screen is small (720×450 at 200% scale).
A write that fails keeps the dialog open with a plain message; the old file stays.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mspain_kb.core.collection.article import ArticleError
from mspain_kb.core.collection.details import ArticleDetails, save_details
from mspain_kb.ui.dialog_size import fit_to_screen

EMPTY_SUMMARY_WARNING = (
    "⚠ No summary yet: write one or two sentences saying what the article covers. "
    "It is shown under the title and in the results."
)
SUGGESTED = " (suggested)"
SUMMARY_LINES = 4  # the summary box's height: one or two sentences fit without scrolling


class EditDetailsDialog(QDialog):
    saved = Signal(object)  # the ArticleDetails written

    def __init__(self, path, details: ArticleDetails, vocabulary, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Edit details — {details.title}")
        self._path = path
        self._details = details
        self.failure_box: QMessageBox | None = None

        self.title_edit = QLineEdit(details.title)
        self.title_edit.setAccessibleName("Title")
        self.topics = QListWidget()
        self.topics.setAccessibleName("Topics")
        self._fill_topics(vocabulary, details)
        self.summary_edit = QPlainTextEdit(details.summary)
        self.summary_edit.setAccessibleName("Summary")
        self.summary_edit.setTabChangesFocus(True)
        lines = self.summary_edit.fontMetrics().lineSpacing()
        self.summary_edit.setFixedHeight(
            lines * SUMMARY_LINES + 2 * self.summary_edit.frameWidth() + 8
        )
        self.summary_warning = QLabel(EMPTY_SUMMARY_WARNING)
        self.summary_warning.setWordWrap(True)
        self.summary_warning.setObjectName("summaryWarning")
        self.source_name_edit = QLineEdit(details.source_name)
        self.source_name_edit.setAccessibleName("Source name")
        self.source_name_edit.setPlaceholderText("for example: a leaflet by the MS Trust, 2024")
        self.source_edit = QLineEdit(details.source_url)
        self.source_edit.setAccessibleName("Source address")
        self.source_edit.setPlaceholderText("the web address of the original, if it has one")
        self.reviewed_box = QCheckBox("&Reviewed by the clinic's editors (clears “Needs review”)")
        self.reviewed_box.setChecked(details.reviewed)
        self.review_date_edit = QDateEdit()
        self.review_date_edit.setAccessibleName("Review date")
        self.review_date_edit.setCalendarPopup(True)
        self.review_date_edit.setDisplayFormat("yyyy-MM-dd")
        given = QDate.fromString(details.review_date, Qt.DateFormat.ISODate)
        self.review_date_edit.setDate(given if given.isValid() else QDate.currentDate())

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("&Title:", self.title_edit)
        form.addRow("T&opics:", self.topics)
        form.addRow("&Summary:", self.summary_edit)
        form.addRow("", self.summary_warning)
        form.addRow("Source &name:", self.source_name_edit)
        form.addRow("Source &address:", self.source_edit)
        form.addRow("", self.reviewed_box)
        form.addRow("Review &date:", self.review_date_edit)
        content = QWidget()
        content.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area = scroll

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)

        self.summary_edit.textChanged.connect(self._show_summary_warning)
        self.reviewed_box.toggled.connect(self.review_date_edit.setEnabled)
        self._date_chosen = bool(details.review_date)  # else today's date is only a proposal
        self.reviewed_box.toggled.connect(self._choose_date)
        self.review_date_edit.dateChanged.connect(self._choose_date)
        self._show_summary_warning()
        self.review_date_edit.setEnabled(details.reviewed)
        fit_to_screen(self, 640, 620)

    def _fill_topics(self, vocabulary, details: ArticleDetails) -> None:
        """Every topic of the vocabulary; the article's own ticked, and the suggested ones
        too while the article still needs review."""
        ticked = set(details.tags)
        if not details.reviewed:
            ticked |= set(details.suggested_tags)
        for topic in vocabulary:
            suggested = topic.id in details.suggested_tags
            item = QListWidgetItem(topic.label + (SUGGESTED if suggested else ""))
            item.setData(Qt.ItemDataRole.UserRole, topic.id)
            item.setToolTip(topic.description)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = topic.id in ticked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.topics.addItem(item)

    def _choose_date(self, *_args) -> None:
        self._date_chosen = True

    def _show_summary_warning(self) -> None:
        self.summary_warning.setVisible(not self.summary_edit.toPlainText().strip())

    def ticked_topics(self) -> tuple[str, ...]:
        return tuple(
            self.topics.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.topics.count())
            if self.topics.item(row).checkState() == Qt.CheckState.Checked
        )

    def details(self) -> ArticleDetails:
        """What the form says now."""
        reviewed = self.reviewed_box.isChecked()
        return self._details.with_changes(
            title=self.title_edit.text().strip(),
            tags=self.ticked_topics(),
            summary=" ".join(self.summary_edit.toPlainText().split()),
            source_name=self.source_name_edit.text().strip(),
            source_url=self.source_edit.text().strip(),
            reviewed=reviewed,
            review_date=self.review_date_edit.date().toString(Qt.DateFormat.ISODate)
            if reviewed and self._date_chosen
            else "",
        )

    def save(self) -> None:
        details = self.details()
        if not details.title:
            self._say_failure("An article needs a title.")
            self.title_edit.setFocus()
            return
        try:
            save_details(self._path, details)
        except (OSError, ArticleError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            self._say_failure(
                f"The details could not be saved: {reason}.\n\nThe article was not changed."
            )
            return
        self.saved.emit(details)
        self.accept()

    def _say_failure(self, text: str) -> None:
        self.failure_box = QMessageBox(QMessageBox.Icon.Warning, "Edit details", text, parent=self)
        self.failure_box.open()
