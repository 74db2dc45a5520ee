"""Text size for the whole window: one percentage, in steps, that every pane follows.

`TextZoom` holds the size and says when it changes; the window applies it in one place
(`MainWindow._apply_text_sizes`). It is shown in the status bar ("Text 125%") and kept
between runs (`window_state`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

STEPS = (80, 90, 100, 110, 125, 150, 175, 200, 250, 300)  # percent of the normal size
NORMAL = 100


class TextZoom(QObject):
    changed = Signal(int)  # the new percentage

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._percent = NORMAL

    def percent(self) -> int:
        return self._percent

    def set_percent(self, percent: int) -> None:
        """Set the nearest step to `percent` (anything odd from a settings file included)."""
        step = min(STEPS, key=lambda candidate: abs(candidate - int(percent)))
        if step != self._percent:
            self._percent = step
            self.changed.emit(step)

    def larger(self) -> None:
        self.set_percent(next((s for s in STEPS if s > self._percent), STEPS[-1]))

    def smaller(self) -> None:
        self.set_percent(next((s for s in reversed(STEPS) if s < self._percent), STEPS[0]))

    def reset(self) -> None:
        self.set_percent(NORMAL)


def label(percent: int) -> str:
    return f"Text {percent}%"
