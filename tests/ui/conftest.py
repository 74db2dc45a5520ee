"""Fixtures for the window tests: a real MainWindow on a temporary copy of the articles."""

from __future__ import annotations

import pytest
from ui_helpers import SYNC_TIMEOUT_MS

import mspain_kb.ui  # noqa: F401 (first: guards against the Qt bindings' refcount leaks)
from mspain_kb.config import resolve_paths
from mspain_kb.services import Services


@pytest.fixture
def make_window(qtbot, articles_copy):
    """Build a window (optionally on another articles folder) once its index is in sync."""
    from mspain_kb.ui.app import open_settings
    from mspain_kb.ui.main_window import MainWindow

    created = []

    def make(articles_dir=None, wait=True):
        paths = resolve_paths(articles_dir or articles_copy)
        services = Services(paths)
        window = MainWindow(services, open_settings(paths.settings_dir))
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitActive(window)
        created.append((window, services))
        if wait:
            with qtbot.waitSignal(window.indexSynced, timeout=SYNC_TIMEOUT_MS):
                window.start()
        return window

    yield make
    for window, services in created:
        window.shut_down()
        services.close()


@pytest.fixture
def window(make_window):
    return make_window()
