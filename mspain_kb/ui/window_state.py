"""What the window remembers between runs (QSettings, INI file in the settings folder):
geometry, splitter sizes, text size, theme and the last article read."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

GEOMETRY = "window/geometry"
SPLITTER = "window/splitter"
GLOSSARY_SPLITTER = "window/glossary_splitter"
TEXT_SIZE = "view/text_size"  # percent of normal
THEME = "view/theme"  # theme.THEMES
LAST_ARTICLE = "view/last_article"
LAYOUT_KEYS = {"geometry": GEOMETRY, "panes": SPLITTER, "glossary": GLOSSARY_SPLITTER}


def restore(window, settings: QSettings) -> None:
    """Apply saved state to the window (`MainWindow`); anything missing or unreadable keeps
    its default."""
    window.restore_layout_state({name: settings.value(key) for name, key in LAYOUT_KEYS.items()})
    try:
        percent = int(settings.value(TEXT_SIZE, 100))
    except (TypeError, ValueError):
        percent = 100
    window.set_text_size(percent)


def save(window, settings: QSettings) -> None:
    """Keep the window's layout and text size for the next run."""
    for name, value in window.layout_state().items():
        settings.setValue(LAYOUT_KEYS[name], value)
    settings.setValue(TEXT_SIZE, window.text_size())
    settings.sync()


def chosen_theme(settings: QSettings) -> str:
    """The theme chosen in the View menu ("system" when none was, or it is unknown)."""
    from mspain_kb.ui.theme import THEMES

    value = str(settings.value(THEME, "system"))
    return value if value in THEMES else "system"


def remember_theme(settings: QSettings, theme: str) -> None:
    settings.setValue(THEME, theme)
    settings.sync()


def remember_article(settings: QSettings, article_id: str) -> None:
    settings.setValue(LAST_ARTICLE, article_id)


def forget_article(settings: QSettings) -> None:
    """Clear history / keep no history: the next start opens no article."""
    settings.remove(LAST_ARTICLE)
    settings.sync()


def last_article(settings: QSettings, articles_dir: Path) -> str | None:
    """The article open at the last close, if its file is still there."""
    value = settings.value(LAST_ARTICLE)
    if value and (Path(articles_dir) / f"{value}.md").is_file():
        return str(value)
    return None
