"""File › Choose articles folder…: the window reopens on the chosen folder (a clinic's shared
folder) at once, and the choice is used at the next start; "Use the bundled articles" goes back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog
from ui_helpers import SYNC_TIMEOUT_MS, search

from mspain_kb.config import resolve_paths
from mspain_kb.resources import bundled_dir
from mspain_kb.services import Services
from mspain_kb.ui import collection_folder
from mspain_kb.ui.app import open_settings
from mspain_kb.ui.main_window import MainWindow
from mspain_kb.ui.window_controller import open_window

FIXTURE_ARTICLES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"


@pytest.fixture
def host(qtbot):
    """Open windows as the app does (with the folder actions); shut the last one down after."""
    opened: list[MainWindow] = []

    def open_on(articles: Path) -> MainWindow:
        services = Services(resolve_paths(articles))
        window = open_window(services, open_settings(services.paths.settings_dir))
        collection_folder.install(window, opened.append)
        opened.append(window)
        window.show()
        with qtbot.waitSignal(window.controller.indexSynced, timeout=SYNC_TIMEOUT_MS):
            window.controller.start()
        return window

    yield open_on, opened
    last = opened[-1]
    last.close()
    last.controller.services.close()


def visible_main_windows() -> list[MainWindow]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]


def file_menu_texts(window) -> list[str]:
    menu = window.menuBar().actions()[0].menu()
    return [action.text() for action in menu.actions() if not action.isSeparator()]


def test_folder_actions_sit_in_the_file_menu(host, articles_copy):
    open_on, _opened = host
    window = open_on(articles_copy)
    texts = file_menu_texts(window)
    at = texts.index("&Choose articles folder…")
    assert texts[at + 1 : at + 3] == ["Use the &bundled articles", "Open articles &folder"]
    # A copy of the bundled articles is another folder, so going back is offered.
    assert window.actions_by_name["use_bundled_articles"].isEnabled()


def test_choosing_a_folder_reopens_the_window_on_it_and_remembers_it(
    qtbot, host, articles_copy, tmp_path, monkeypatch
):
    open_on, opened = host
    first = open_on(articles_copy)
    shared = tmp_path / "clinic-share"
    shutil.copytree(FIXTURE_ARTICLES, shared)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(shared))

    first.actions_by_name["choose_articles_folder"].trigger()
    second = opened[-1]
    assert second is not first
    with qtbot.waitSignal(second.controller.indexSynced, timeout=SYNC_TIMEOUT_MS):
        pass
    assert visible_main_windows() == [second]  # the first one was closed
    assert second.controller.services.paths.articles_dir == shared
    assert search(qtbot, second, "cramps").hits[0].id == "night-cramps"
    assert resolve_paths().articles_dir == shared  # what the next start opens

    second.actions_by_name["use_bundled_articles"].trigger()
    third = opened[-1]
    with qtbot.waitSignal(third.controller.indexSynced, timeout=SYNC_TIMEOUT_MS):
        pass
    assert third.controller.services.paths.articles_dir == bundled_dir("articles")
    assert not third.actions_by_name["use_bundled_articles"].isEnabled()
    bundled = {path.stem for path in bundled_dir("articles").glob("*.md")}
    assert {hit.id for hit in search(qtbot, third, "cramps").hits} <= bundled
    assert resolve_paths().articles_dir == bundled_dir("articles")


def test_cancelling_the_dialog_changes_nothing(host, articles_copy, monkeypatch):
    open_on, opened = host
    window = open_on(articles_copy)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: "")
    window.actions_by_name["choose_articles_folder"].trigger()
    assert opened == [window] and visible_main_windows() == [window]
    assert resolve_paths().articles_dir == bundled_dir("articles")
