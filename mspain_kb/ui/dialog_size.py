"""A dialog's size: what it would like, or less on a small screen (720×450 at 200% scale),
so its buttons always show; its content scrolls instead."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

SCREEN_SHARE_WIDE, SCREEN_SHARE_HIGH = 0.95, 0.85  # room for the title bar and the panel


def fit_to_screen(dialog: QWidget, width: int, height: int) -> None:
    screen = dialog.screen()
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, int(available.width() * SCREEN_SHARE_WIDE))
        height = min(height, int(available.height() * SCREEN_SHARE_HIGH))
    dialog.resize(width, height)
