"""The window's actions, menus and toolbar: names, words, keys and where each one sits.

Only the look lives here. Qt's standard key sequences are used where one exists, so shortcuts
match what people know from other programs. What an action does is decided elsewhere: the
window wires the ones that only move around its own widgets (find, matches, back and
forward, zoom, the search box); `WindowController` and `ReadingAids` connect the rest.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from mspain_kb import APP_NAME

Key = QKeySequence.StandardKey

SAVE_TEXT, SAVED_TEXT = "☆ Save article", "★ Saved"
PLAY_TEXT, PAUSE_TEXT, RESUME_TEXT = "&Read aloud", "&Pause reading", "&Resume reading"
PLAY_TIP = "Read the article aloud, or the selected text if there is some"

# name: (text, shortcuts, tip)
ACTIONS: dict[str, tuple[str, tuple, str]] = {
    "import": (
        "&Import files…",
        (Key.Open,),
        "Add PDF or Word leaflets, text, Markdown or saved web pages to the collection",
    ),
    "print": ("&Print…", (Key.Print,), "Preview and print the article as a large-print handout"),
    "export_pdf": ("&Export PDF…", ("Ctrl+E",), "Save the handout as a PDF file"),
    "print_selected": (
        "Print &handout of the selected…",
        (),
        "One handout of the results selected (Ctrl+click, Shift+click or Space to choose)",
    ),
    "export_selected": (
        "Export selected as P&DF…",
        (),
        "Save one handout of the results selected as a PDF file",
    ),
    "print_saved": ("&Print all saved as a handout…", (), "One handout of every saved article"),
    "export_saved": ("E&xport saved as PDF…", (), "Save one handout of every saved article"),
    "preferences": (
        "P&references…",
        (Key.Preferences, "Ctrl+,"),
        "Clinic name and phone, handout text size, history",
    ),
    "open_folder": (
        "Open articles &folder",
        (),
        "Show the articles folder in the file manager",
    ),
    "reindex": (
        "&Rebuild search index",
        (),
        "Build the search index again from the articles folder",
    ),
    "quit": ("&Quit", (Key.Quit, "Ctrl+Q"), ""),
    "focus_search": ("&Search", ("Ctrl+L", "Ctrl+K"), "Go to the search box"),
    "find": ("&Find in article…", (Key.Find,), "Find a word in the open article"),
    "next_hit": ("&Next match", (Key.FindNext, "F3"), "Go to the next search match"),
    "previous_hit": ("Pre&vious match", (Key.FindPrevious, "Shift+F3"), "Go to the previous match"),
    "back": ("&Back", (Key.Back,), "Previous page"),
    "forward": ("&Forward", (Key.Forward,), "Next page"),
    "home": ("&Welcome page", ("Alt+Home",), "Show the welcome page"),
    "zoom_in": ("&Larger text", (Key.ZoomIn, "Ctrl+="), "Larger text in the whole window"),
    "zoom_out": ("&Smaller text", (Key.ZoomOut,), "Smaller text in the whole window"),
    "zoom_reset": ("&Normal text size", ("Ctrl+0",), "Normal text size"),
    "next_pane": (
        "Next &pane",
        ("F6",),
        "Move to the next pane: search box, results, article, glossary",
    ),
    "previous_pane": ("Previous pa&ne", ("Shift+F6",), "Move to the previous pane"),
    "theme_system": ("Follow the &system", (), "Light or dark, as the system is set"),
    "theme_light": ("&Light", (), "Dark text on a light background"),
    "theme_dark": ("&Dark", (), "Light text on a dark background"),
    "theme_high_contrast": (
        "&High contrast",
        (),
        "White text on black, yellow links and focus, strong borders",
    ),
    "problems": ("&Problems with articles…", (), "List article files that were skipped"),
    "guide": ("&How to use MS Pain KB", (Key.HelpContents, "F1"), "A short guide"),
    "shortcuts": ("&Keyboard shortcuts", ("Ctrl+F1",), "List every keyboard shortcut"),
    "about": (f"&About {APP_NAME}", (), ""),
    # Reading aids
    "save_article": (
        SAVE_TEXT,
        ("Ctrl+D",),
        "Save this article to your list, or take it off the list",
    ),
    "show_saved": (
        "&Manage saved articles…",
        ("Ctrl+Shift+D",),
        "Open, remove or reorder your saved articles",
    ),
    "clear_history": (
        "&Clear history",
        (),
        "Forget the recently read articles and recent searches",
    ),
    "keep_no_history": (
        "&Keep no history",
        (),
        "For shared computers: keep nothing about what is read or searched",
    ),
    "mark_every_term": (
        "&Mark every glossary term",
        (),
        "Underline everyday glossary words too (tendons, exhaustion), not only medical terms",
    ),
    "read_aloud": (PLAY_TEXT, ("Ctrl+R",), PLAY_TIP),
    "stop_reading": ("&Stop reading", ("Ctrl+Shift+R",), "Stop reading aloud"),
    "read_slower": ("Read s&lower", (), "Read aloud more slowly"),
    "read_faster": ("Read f&aster", (), "Read aloud more quickly"),
}
CHECKABLE = ("save_article", "keep_no_history", "mark_every_term")
THEME_ACTIONS = {  # action name: theme name (`theme.THEMES`)
    "theme_system": "system",
    "theme_light": "light",
    "theme_dark": "dark",
    "theme_high_contrast": "high-contrast",
}
ARTICLE_ACTIONS = ("print", "export_pdf")  # only with an article open

# Menus in menu-bar order; None is a separator, a (title, names) pair a sub-menu. The Saved
# and History menus are filled when they open (`ReadingAids`).
MENUS = {
    "&File": [
        "import",
        None,
        "print",
        "export_pdf",
        "print_selected",
        "export_selected",
        None,
        "open_folder",
        "reindex",
        None,
        "quit",
    ],
    "&Edit": ["focus_search", "find", "next_hit", "previous_hit", None, "preferences"],
    "&View": [
        "back",
        "forward",
        "home",
        None,
        "zoom_in",
        "zoom_out",
        "zoom_reset",
        "mark_every_term",
        ("&Theme", list(THEME_ACTIONS)),
        None,
        "next_pane",
        "previous_pane",
        None,
        ("Read &aloud", ["read_aloud", "stop_reading", None, "read_slower", "read_faster"]),
    ],
    "&Saved": [],
    "Hi&story": [],
    "&Help": ["guide", "shortcuts", None, "problems", None, "about"],
}
MENU_NAMES = {
    "&Saved": "savedMenu",
    "Hi&story": "historyMenu",
    "Read &aloud": "readAloudMenu",
    "&Theme": "themeMenu",
}
TOOLBAR = [
    "back",
    "forward",
    "home",
    None,
    "print",
    "export_pdf",
    None,
    "import",
    None,
    "zoom_out",
    "zoom_in",
    None,
    "save_article",
    "read_aloud",
    "stop_reading",
]


def make_action(owner, name: str, text: str, shortcuts=(), tip: str = "") -> QAction:
    action = QAction(text, owner)
    action.setObjectName(name)
    keys = []
    for shortcut in shortcuts:
        keys += (
            QKeySequence.keyBindings(shortcut)
            if isinstance(shortcut, Key)
            else [QKeySequence(shortcut)]
        )
    keys = list({key.toString(): key for key in keys if not key.isEmpty()}.values())
    if keys:
        action.setShortcuts(keys)
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(
            f"{tip} ({keys[0].toString(QKeySequence.SequenceFormat.NativeText)})" if keys else tip
        )
    owner.addAction(action)
    return action


def install(window: QMainWindow) -> tuple[dict[str, QAction], dict[str, QMenu]]:
    """Create every action on `window`, the menus and the toolbar; returns the actions and
    the menus by title."""
    actions = {name: make_action(window, name, *spec) for name, spec in ACTIONS.items()}
    for name in CHECKABLE:
        actions[name].setCheckable(True)
    themes = QActionGroup(window)  # one theme at a time
    for name in THEME_ACTIONS:
        actions[name].setCheckable(True)
        themes.addAction(actions[name])
    actions["about"].setMenuRole(QAction.MenuRole.AboutRole)
    actions["quit"].setMenuRole(QAction.MenuRole.QuitRole)
    actions["preferences"].setMenuRole(QAction.MenuRole.PreferencesRole)
    menus = {}
    for title, entries in MENUS.items():
        menus[title] = window.menuBar().addMenu(title)
        _fill(menus[title], entries, actions)
    toolbar = QToolBar("Main toolbar", window)
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for name in TOOLBAR:
        toolbar.addSeparator() if name is None else toolbar.addAction(actions[name])
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    return actions, menus


def _fill(menu: QMenu, entries, actions: dict[str, QAction]) -> None:
    menu.setObjectName(MENU_NAMES.get(menu.title(), ""))
    for entry in entries:
        if entry is None:
            menu.addSeparator()
        elif isinstance(entry, tuple):
            _fill(menu.addMenu(entry[0]), entry[1], actions)
        else:
            menu.addAction(actions[entry])
