"""The actions of whoever keeps the collection: File › Import folder…, and the Collection menu
(edit the open article's details, add an editor's note, searches that found nothing).

Only the look lives here, as in `window_actions.py` (whose `make_action` builds them); the
controller connects what they do. `install(window)` adds the actions to
`window.actions_by_name` and puts the Collection menu before Help.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from mspain_kb.ui.window_actions import make_action

# name: (text, shortcuts, tip)
ACTIONS: dict[str, tuple[str, tuple, str]] = {
    "import_folder": (
        "Import f&older…",
        (),
        "Import every leaflet in a folder and its sub-folders",
    ),
    "edit_details": (
        "Edit &details…",
        (),
        "Change the open article's title, topics, summary, source and review",
    ),
    "add_editor_note": (
        "Add editor's &note…",
        (),
        "Add the clinic's note after the paragraph with the selected passage",
    ),
    "missed_searches": (
        "&Searches that found nothing…",
        (),
        "What people looked for and did not find, to know which leaflets to add",
    ),
}
MENU_TITLE = "&Collection"
MENU = ["edit_details", "add_editor_note", None, "missed_searches"]
ARTICLE_ACTIONS = ("edit_details", "add_editor_note")  # only with an article open


def install(window: QMainWindow) -> QMenu:
    """Create the actions, put Import folder… after Import files… and add the menu."""
    actions = window.actions_by_name
    for name, spec in ACTIONS.items():
        actions[name] = make_action(window, name, *spec)
    file_menu = _menu_with(window, actions["import"])
    if file_menu is not None:
        entries = file_menu.actions()
        after = entries.index(actions["import"]) + 1
        file_menu.insertAction(
            entries[after] if after < len(entries) else None, actions["import_folder"]
        )
    menu = QMenu(MENU_TITLE, window)
    menu.setObjectName("collectionMenu")
    for name in MENU:
        menu.addSeparator() if name is None else menu.addAction(actions[name])
    bar = window.menuBar()
    help_menu = _menu_with(window, actions.get("about"))
    bar.insertMenu(help_menu.menuAction() if help_menu is not None else None, menu)
    set_article_open(window, False)
    return menu


def set_article_open(window: QMainWindow, article_open: bool) -> None:
    for name in ARTICLE_ACTIONS:
        window.actions_by_name[name].setEnabled(article_open)


def _menu_with(window: QMainWindow, action: QAction | None) -> QMenu | None:
    """The menu-bar menu holding `action`."""
    for entry in window.menuBar().actions():
        menu = entry.menu()
        if menu is not None and action in menu.actions():
            return menu
    return None
