"""Search services over the fixture collection (eight articles) and the bundled articles,
built once per test module."""

from __future__ import annotations

import pytest

from mspain_kb.core.search.index import KnowledgeIndex
from mspain_kb.core.search.service import SearchService
from tests.conftest import FIXTURES, REAL_ARTICLES


def _service(tmp_path_factory, articles, vocabulary, phrases, glossary=None) -> SearchService:
    index = KnowledgeIndex(tmp_path_factory.mktemp("index"), articles, vocabulary, phrases)
    index.sync()
    return SearchService(index, vocabulary, glossary)


@pytest.fixture(scope="module")
def fixture_search(tmp_path_factory, vocabulary, phrases):
    service = _service(tmp_path_factory, FIXTURES / "articles", vocabulary, phrases)
    yield service
    service.close()
    service.index.close()


@pytest.fixture(scope="module")
def real_search(tmp_path_factory, vocabulary, phrases, glossary):
    service = _service(tmp_path_factory, REAL_ARTICLES, vocabulary, phrases, glossary)
    yield service
    service.close()
    service.index.close()
