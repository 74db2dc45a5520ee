"""File › Choose articles folder…: read the collection from another folder, for example the
clinic's shared network folder, and remember it for the next start.

The window reopens on the new folder at once: a new main window is built on services for that
folder (each collection has this computer's own index, so a slow share never slows search),
shown where the old one was, and the old one is closed. The choice is kept in the settings
folder (`config.save_chosen_articles_dir`) and used whenever no `--articles-dir` or
$MSPAIN_KB_ARTICLES is given, by the command line as well. "Use the bundled articles" goes
back to the articles that come with the application.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from mspain_kb import APP_NAME
from mspain_kb.config import portable_root, resolve_paths, save_chosen_articles_dir
from mspain_kb.resources import bundled_dir
from mspain_kb.ui import window_state

WindowOpened = Callable[[QMainWindow], None]


def install(window, window_opened: WindowOpened | None = None) -> None:
    """Add the two actions to the File menu, before "Open articles folder".

    `window_opened(new_window)` is called when the window is replaced by one on another
    folder (the one-window guard then raises the new one)."""
    opened = window_opened or (lambda _window: None)
    choose = QAction("&Choose articles folder…", window)
    choose.setObjectName("choose_articles_folder")
    choose.setStatusTip("Read the articles from another folder, such as the clinic's shared one")
    choose.triggered.connect(lambda: choose_articles_folder(window, opened))
    bundled = QAction("Use the &bundled articles", window)
    bundled.setObjectName("use_bundled_articles")
    bundled.setStatusTip("Go back to the articles that come with the application")
    bundled.triggered.connect(lambda: switch_collection(window, None, opened))
    services = window.controller.services
    bundled.setEnabled(_is_chosen(services.paths.articles_dir))
    actions = getattr(window, "actions_by_name", {})
    actions["choose_articles_folder"], actions["use_bundled_articles"] = choose, bundled
    before = actions.get("open_folder")
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if menu is not None and before is not None and before in menu.actions():
            menu.insertActions(before, [choose, bundled])
            break
    if services.paths.problem:
        window.statusBar().showMessage(services.paths.problem, 15000)


def _is_chosen(folder: Path) -> bool:
    return Path(folder).resolve() != bundled_dir("articles").resolve()


def choose_articles_folder(
    window, window_opened: WindowOpened | None = None, folder: str | None = None
):
    """Ask for a folder (unless given) and reopen the window on it. Returns the new window,
    or None when nothing was chosen or the folder cannot be used."""
    if folder is None:
        folder = QFileDialog.getExistingDirectory(
            window,
            "Choose the articles folder",
            str(window.controller.services.paths.articles_dir),
        )
    if not folder:
        return None
    path = Path(folder)
    if not path.is_dir():
        QMessageBox.warning(window, APP_NAME, f"{path} is not a folder that can be opened.")
        return None
    return switch_collection(window, path, window_opened)


def switch_collection(window, folder: Path | None, window_opened: WindowOpened | None = None):
    """Remember `folder` (None: the bundled articles) and replace `window` by a window on it."""
    controller = window.controller
    old_services, settings = controller.services, controller.settings
    problem = save_chosen_articles_dir(old_services.paths.settings_dir, folder, portable_root())
    articles = folder if folder is not None else bundled_dir("articles")
    paths = resolve_paths(articles)
    if paths.articles_dir == old_services.paths.articles_dir and not problem:
        return window
    from mspain_kb.services import Services
    from mspain_kb.ui.window_controller import open_window

    window_state.save(window, settings)  # the new window opens where this one is
    replacement = open_window(Services(paths), settings)
    install(replacement, window_opened)
    replacement.show()
    QTimer.singleShot(0, replacement.controller.start)
    if window_opened is not None:
        window_opened(replacement)
    window.close()
    old_services.close()
    window.deleteLater()
    if problem:
        replacement.statusBar().showMessage(
            f"{problem} The folder is open now but will not be remembered.", 15000
        )
    return replacement
