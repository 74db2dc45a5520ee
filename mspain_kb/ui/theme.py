"""The window's look: follow the system, light, dark or high contrast (View > Theme).

`apply_theme` sets the application's style, palette and style sheet; `article_theme` names
the matching article colours for the renderer ("light", "dark" or "high-contrast").
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from mspain_kb.resources import resource_path

THEMES = ("system", "light", "dark", "high-contrast")
_system_look: dict = {}  # the style and palette the application started with


def current_theme() -> str:
    """ "dark" or "light", from the system colour scheme, else from the palette's brightness."""
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return "dark"
    if scheme == Qt.ColorScheme.Light:
        return "light"
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return "dark" if window.lightnessF() < 0.5 else "light"


def article_theme(chosen: str) -> str:
    """The renderer's theme for the theme chosen in the View menu."""
    return current_theme() if chosen == "system" else chosen


def apply_theme(app: QApplication, theme: str) -> None:
    """Give the whole application the look of `theme` (one of THEMES)."""
    if theme not in THEMES:
        raise ValueError(f"unknown theme {theme!r} (choose {', '.join(THEMES)})")
    if not _system_look:
        _system_look.update(style=app.style().name(), palette=QPalette(app.palette()))
    hints = QGuiApplication.styleHints()
    if theme == "system":
        hints.unsetColorScheme()
        app.setStyle(QStyleFactory.create(_system_look["style"]))
        app.setPalette(_system_look["palette"])
    else:
        dark = theme != "light"
        hints.setColorScheme(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)
        app.setStyle(QStyleFactory.create("Fusion"))
        palettes = {"dark": dark_palette, "high-contrast": high_contrast_palette}
        app.setPalette(palettes[theme]() if dark else app.style().standardPalette())
    app.setStyleSheet(style_sheet(theme))


def force_theme(app: QApplication, theme: str) -> None:
    """Use a light or dark look regardless of the system (for screenshots and tests)."""
    apply_theme(app, theme)


def style_sheet(theme: str) -> str:
    """The window chrome's style sheet (app.qss), with high contrast's strong borders."""
    sheets = ["app.qss"] + (["high-contrast.qss"] if theme == "high-contrast" else [])
    return "\n".join(
        resource_path("styles", name).read_text(encoding="utf-8")
        for name in sheets
        if resource_path("styles", name).is_file()
    )


def _palette(colours: dict, disabled: str) -> QPalette:
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled))
    return palette


def dark_palette() -> QPalette:
    R = QPalette.ColorRole
    return _palette(
        {
            R.Window: "#202124",
            R.WindowText: "#e8eaed",
            R.Base: "#17181a",
            R.AlternateBase: "#26282b",
            R.Text: "#e8eaed",
            R.Button: "#2d2f33",
            R.ButtonText: "#e8eaed",
            R.Highlight: "#4a7bd0",
            R.HighlightedText: "#ffffff",
            R.Link: "#8ab4f8",
            R.LinkVisited: "#c58af9",
            R.ToolTipBase: "#303134",
            R.ToolTipText: "#e8eaed",
            R.PlaceholderText: "#9aa0a6",
        },
        disabled="#6f747a",
    )


def high_contrast_palette() -> QPalette:
    """White on black, yellow for the selection, links and focus."""
    R = QPalette.ColorRole
    return _palette(
        {
            R.Window: "#000000",
            R.WindowText: "#ffffff",
            R.Base: "#000000",
            R.AlternateBase: "#1a1a1a",
            R.Text: "#ffffff",
            R.Button: "#000000",
            R.ButtonText: "#ffffff",
            R.BrightText: "#ffff00",
            R.Highlight: "#ffff00",
            R.HighlightedText: "#000000",
            R.Link: "#ffff00",
            R.LinkVisited: "#ffff00",
            R.ToolTipBase: "#000000",
            R.ToolTipText: "#ffffff",
            R.PlaceholderText: "#d0d0d0",
            R.Mid: "#ffffff",
            R.Dark: "#ffffff",
            R.Light: "#ffffff",
        },
        disabled="#a0a0a0",
    )
