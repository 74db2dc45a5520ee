"""What the window remembers between runs (QSettings, INI file in the settings folder):
geometry, splitter sizes, text zoom and the last article read."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

GEOMETRY = "window/geometry"
SPLITTER = "window/splitter"
GLOSSARY_SPLITTER = "window/glossary_splitter"
ZOOM = "view/zoom"
LAST_ARTICLE = "view/last_article"


def restore(window, settings: QSettings) -> None:
    """Apply saved state; anything missing or unreadable keeps its default."""
    geometry = settings.value(GEOMETRY)
    if geometry is not None:
        window.restoreGeometry(geometry)
    for key, splitter in (
        (SPLITTER, window.splitter),
        (GLOSSARY_SPLITTER, window.glossary_panel.splitter),
    ):
        state = settings.value(key)
        if state is not None:
            splitter.restoreState(state)
    try:
        zoom = int(settings.value(ZOOM, 0))
    except (TypeError, ValueError):
        zoom = 0
    window.view.set_zoom(zoom)


def save(window, settings: QSettings) -> None:
    settings.setValue(GEOMETRY, window.saveGeometry())
    settings.setValue(SPLITTER, window.splitter.saveState())
    settings.setValue(GLOSSARY_SPLITTER, window.glossary_panel.splitter.saveState())
    settings.setValue(ZOOM, window.view.zoom())
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
