"""Shared fixtures. Every test runs with its own index, settings and cache under tmp_path."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
REAL_ARTICLES = REPO / "articles"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOURCE_ARTICLES = REPO.parent / "shared" / "source-articles"


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Point index, settings and caches at a temporary folder so no user file is touched."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("MSPAIN_KB_INDEX", str(home / "index"))
    monkeypatch.setenv("MSPAIN_KB_SETTINGS", str(home / "settings"))
    monkeypatch.delenv("MSPAIN_KB_ARTICLES", raising=False)
    return home


@pytest.fixture
def articles_copy(tmp_path) -> Path:
    """A writable copy of the bundled articles."""
    target = tmp_path / "articles"
    shutil.copytree(REAL_ARTICLES, target)
    return target
