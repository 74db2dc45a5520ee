"""The centre column: a bar with the article's sections and match navigation, the article
view itself, and the find bar below it."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from mspain_kb.ui.article_view import ArticleView, FindBar

SECTION_SLACK = 4  # pixels: a heading just at the top counts as the section shown


class ArticlePane(QWidget):
    def __init__(self, parent: QWidget | None = None, base_point_size: float | None = None):
        super().__init__(parent)
        self.view = ArticleView(base_point_size=base_point_size)
        self.find_bar = FindBar(self.view)
        self.outline = QComboBox()
        self.outline.setAccessibleName("Sections of the article")
        self.outline.setToolTip("Jump to a section of the article")
        self.outline.setMinimumContentsLength(10)
        self.outline.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.outline.activated.connect(self._on_outline_chosen)
        outline_label = QLabel("S&ection:")
        outline_label.setBuddy(self.outline)
        self.hit_label = QLabel()
        self.hit_label.setAccessibleName("Search matches in the article")
        self.previous_hit_button = QToolButton(text="◀")
        self.previous_hit_button.setAccessibleName("Previous match")
        self.previous_hit_button.setToolTip("Previous match (Shift+F3)")
        self.previous_hit_button.clicked.connect(self.view.previous_hit)
        self.next_hit_button = QToolButton(text="▶")
        self.next_hit_button.setAccessibleName("Next match")
        self.next_hit_button.setToolTip("Next match (F3)")
        self.next_hit_button.clicked.connect(self.view.next_hit)
        self.view.hitChanged.connect(self._on_hit_changed)
        self.view.verticalScrollBar().valueChanged.connect(self._follow_scrolling)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(outline_label)
        bar.addWidget(self.outline, 1)
        bar.addWidget(self.previous_hit_button)
        bar.addWidget(self.hit_label)
        bar.addWidget(self.next_hit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.find_bar)
        self.setTabOrder(self.outline, self.view)

    def set_headings(self, headings) -> None:
        """Fill the sections list from the renderer's (level, text, anchor) headings."""
        self.outline.clear()
        if headings:
            self.outline.addItem("Top of the article", "")
            for level, text, anchor in headings:
                self.outline.addItem("    " * max(level - 2, 0) + text, anchor)
        self.outline.setEnabled(self.outline.count() > 0)

    def _on_outline_chosen(self, index: int) -> None:
        anchor = self.outline.itemData(index)
        if anchor:
            self.view.scrollToAnchor(anchor)
        else:
            self.view.verticalScrollBar().setValue(0)

    def _follow_scrolling(self, top: int) -> None:
        """Show in the Section box the section at the top of the view."""
        if self.outline.count() < 2:
            return
        positions = self.view.anchor_positions()
        current = 0
        for index in range(1, self.outline.count()):
            y = positions.get(self.outline.itemData(index))
            if y is not None and y <= top + SECTION_SLACK:
                current = index
        if current != self.outline.currentIndex():
            with QSignalBlocker(self.outline):
                self.outline.setCurrentIndex(current)

    def _on_hit_changed(self, current: int, total: int) -> None:
        if total:
            self.hit_label.setText(f"Match {current} of {total}" if current else f"{total} matches")
        else:
            self.hit_label.setText("")
        for button in (self.previous_hit_button, self.next_hit_button):
            button.setEnabled(total > 0)
