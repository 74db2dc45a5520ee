"""Shared fixtures for the fault-injection tests: collections, indexes, folder fingerprints."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, REAL_ARTICLES

FIXTURE_ARTICLES = FIXTURES / "articles"
HERE = Path(__file__).resolve().parent


def folder_fingerprint(folder: Path) -> dict[str, str]:
    """{relative name: sha256} of every file under `folder` (hidden files included)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


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
