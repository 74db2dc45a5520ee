"""A section header that folds the list below it away, so a short window (a small screen, or
200% scale) gives its height to what matters more; it unfolds again when there is room.

The reader's own choice (a click, or Space on the header) is kept: the window then never
folds or unfolds it by itself. The header's shortcut (Alt and its underlined letter) always
unfolds and moves to the list, as a label's shortcut would.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QToolButton, QWidget


class FoldButton(QToolButton):
    def __init__(self, text: str, section: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self._section = section
        self._name = text.replace("&", "")
        self.chosen = False  # the reader folded or unfolded it: keep that
        self.setText(text)
        self.setCheckable(True)
        self.setAutoRaise(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setAccessibleName(self._name)
        self.toggled.connect(self._show)
        self.clicked.connect(self._on_clicked)
        self.setChecked(True)
        self._show(True)

    def unfolded(self) -> bool:
        return self.isChecked()

    def fit(self, short: bool) -> None:
        """Fold when the space is `short`, unfold when it is not, unless the reader chose."""
        if not self.chosen:
            self.setChecked(not short)

    def _on_clicked(self) -> None:
        self.chosen = True

    def _show(self, unfolded: bool) -> None:
        self._section.setVisible(unfolded)
        self.setArrowType(Qt.ArrowType.DownArrow if unfolded else Qt.ArrowType.RightArrow)
        action = "hide" if unfolded else "show"
        self.setToolTip(f"Click to {action} the {self._name.lower()}")
        self.setAccessibleDescription(
            f"{'Shown' if unfolded else 'Hidden'}: press Space to {action}"
        )

    def event(self, event) -> bool:  # noqa: D102 (Qt override)
        if event.type() == QEvent.Type.Shortcut:  # Alt+letter: go to the list, unfolded
            if not self.isChecked():
                self.chosen = True
                self.setChecked(True)
            self._section.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return True
        return super().event(event)
