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
WINDOW_SYNC_TIMEOUT_MS = 60_000


def build_generated_index(tmp_path: Path, vocabulary, phrases, count: int = 150, seed: int = 5):
    """(index, articles folder): `count` of the benchmark's synthetic articles, indexed."""
    from bench import generate
    from mspain_kb.core.search.index import KnowledgeIndex

    articles = tmp_path / "articles"
    generate.write_collection(articles, count, seed=seed)
    index = KnowledgeIndex(tmp_path / "index", articles, vocabulary, phrases)
    index.sync(rebuild=True)
    return index, articles


def write_article(path: Path, title: str, body: str, tags=("spasticity",)) -> None:
    """Write a valid article (a heading, a summary, a source) and push its modification time
    forward, so a sync sees the change even on a file system with a coarse clock."""
    from mspain_kb.core.collection.article import format_article

    text = format_article(
        title,
        f"## Heading\n\n{body}",
        tags=tags,
        summary="A short test article.",
        source="test",
        imported="2026-11-21",
    )
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


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


@pytest.fixture(scope="session")
def vocabulary():
    """The bundled topic vocabulary (read once; nothing changes it)."""
    from mspain_kb.core.vocabulary.topics import load_vocabulary

    return load_vocabulary()


@pytest.fixture(scope="session")
def glossary():
    """The bundled glossary (read once; nothing changes it)."""
    from mspain_kb.core.vocabulary.glossary import load_glossary

    return load_glossary()


@pytest.fixture(scope="session")
def phrases(vocabulary, glossary):
    """The multi-word terms the app indexes as one token each, from the bundled files."""
    from mspain_kb.core.search.schema import collection_phrases

    return collection_phrases(vocabulary, glossary)


@pytest.fixture
def make_index(vocabulary, phrases):
    """`make_index(index_dir, articles_dir)`: a KnowledgeIndex as the app opens one, with the
    bundled vocabulary and phrases (`phrases=` to change them); closed after the test."""
    from mspain_kb.core.search.index import KnowledgeIndex

    made = []

    def make(index_dir, articles_dir, phrases=phrases):
        index = KnowledgeIndex(index_dir, articles_dir, vocabulary, phrases)
        made.append(index)
        return index

    yield make
    for index in made:
        index.close()


@pytest.fixture
def fixture_articles(tmp_path) -> Path:
    """A writable copy of the eight-article test collection."""
    target = tmp_path / "articles"
    shutil.copytree(FIXTURES / "articles", target)
    return target


@pytest.fixture
def articles_copy(tmp_path) -> Path:
    """A writable copy of the bundled articles."""
    target = tmp_path / "articles"
    shutil.copytree(REAL_ARTICLES, target)
    return target


@pytest.fixture
def make_window(qtbot, request):
    """Build real windows (by default on a copy of the articles), started and in sync.

    `make_window(articles_dir=None, wait=True)` gives the window (the view, `MainWindow`);
    `window.controller` is its `WindowController`. Every window is shut down afterwards.
    Qt is imported here, inside the fixture, so core tests never load it.
    """
    from mspain_kb.config import resolve_paths
    from mspain_kb.services import Services
    from mspain_kb.ui.app import open_settings
    from mspain_kb.ui.window_controller import open_window

    created = []

    def make(articles_dir=None, wait=True):
        paths = resolve_paths(articles_dir or request.getfixturevalue("articles_copy"))
        services = Services(paths)
        window = open_window(services, open_settings(paths.settings_dir))
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitActive(window)
        created.append((window, services))
        if wait:
            with qtbot.waitSignal(window.controller.indexSynced, timeout=WINDOW_SYNC_TIMEOUT_MS):
                window.controller.start()
        return window

    yield make
    for window, services in created:
        window.controller.shut_down()
        services.close()
