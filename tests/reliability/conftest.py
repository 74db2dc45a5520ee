"""Shared fixtures for the fault-injection tests: collections, indexes, folder fingerprints."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, REAL_ARTICLES

FIXTURE_ARTICLES = FIXTURES / "articles"
HERE = Path(__file__).resolve().parent

GOOD_ARTICLE = """title: {title}
tags: {tags}
summary: A short test article.
source: test
imported: 2026-11-21
flags:

## Heading

{body}
"""


def write_article(path: Path, title: str, body: str, tags: str = "spasticity") -> None:
    """Write a valid article and push its mtime forward so a sync always sees the change."""
    path.write_text(GOOD_ARTICLE.format(title=title, tags=tags, body=body), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def folder_fingerprint(folder: Path) -> dict[str, str]:
    """{relative name: sha256} of every file under `folder` (hidden files included)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture
def fixture_articles(tmp_path) -> Path:
    """A writable copy of the eight-article test collection."""
    target = tmp_path / "articles"
    shutil.copytree(FIXTURE_ARTICLES, target)
    return target


@pytest.fixture(scope="module")
def big_search(tmp_path_factory, vocabulary, glossary, phrases):
    """A search service over the real articles plus 300 generated ones, built once per module."""
    from bench import generate
    from mspain_kb.core.search.index import KnowledgeIndex
    from mspain_kb.core.search.service import SearchService

    root = tmp_path_factory.mktemp("big")
    articles = root / "articles"
    generate.write_collection(articles, 300, seed=11)
    for path in REAL_ARTICLES.glob("*.md"):
        shutil.copy(path, articles / path.name)
    index = KnowledgeIndex(root / "index", articles, vocabulary, phrases)
    index.sync()
    service = SearchService(index, vocabulary, glossary)
    yield service
    service.close()
    index.close()
