"""The generated collection the fast paths are checked on: a few hundred articles in two
index segments, with deleted and replaced articles, so posting lists span many blocks and
segments (where reading Whoosh's blocks directly could go wrong)."""

from __future__ import annotations

import pytest

from bench import generate
from mspain_kb.core.search.fast.posting_arrays import BlockPostings
from mspain_kb.core.search.fast.segment_arrays import MappedPostings
from mspain_kb.core.search.index import KnowledgeIndex
from mspain_kb.core.search.service import SearchService


@pytest.fixture(scope="module")
def collection(tmp_path_factory, vocabulary, phrases):
    folder = tmp_path_factory.mktemp("generated")
    articles = folder / "articles"
    generate.write_collection(articles, 320, seed=11)
    index = KnowledgeIndex(folder / "index", articles, vocabulary, phrases)
    index.sync(rebuild=True)
    files = sorted(articles.glob("*.md"))
    for path in files[:6]:  # deleted
        path.unlink()
    for number, path in enumerate(files[10:16]):  # replaced: a second segment, deletions
        text, _ = generate.article_text(seed=99, number=number)
        path.write_text(text, encoding="utf-8")
    index.sync()
    searcher = index.searcher()
    assert len(searcher.reader().leaf_readers()) >= 2 or searcher.reader().has_deletions()
    assert MappedPostings(searcher).mapped  # the large segment from its array file
    yield index, SearchService(index, vocabulary)
    index.close()


@pytest.fixture(params=[BlockPostings, MappedPostings], ids=["blocks", "array-files"])
def fast_reader(request):
    """Each fast posting reader: Whoosh's blocks decoded, or the segments' array files."""
    return request.param


def walk(searcher, q) -> dict[int, float]:
    """Every document Whoosh's matcher tree matches, with its score (no collector)."""
    found = {}
    matcher = q.matcher(searcher, searcher.context())
    while matcher.is_active():
        found[matcher.id()] = matcher.score()
        matcher.next()
    return found
