"""Services: the one way both front ends, the benchmark and scripts open the core."""

from __future__ import annotations

from mspain_kb.config import resolve_paths
from mspain_kb.services import Services


def test_the_in_process_search_entry_point(fixture_articles):
    """`Services(paths).search.search(query, tags=(), limit=N, literal_phrases=())` syncs
    nothing itself, yet on a first use opens (here: builds) the index and answers."""
    services = Services(resolve_paths(fixture_articles))
    try:
        result = services.search.search("pins and needles", tags=(), limit=3, literal_phrases=())
        assert 0 < len(result.hits) <= 3 and result.total >= len(result.hits)
        assert "prepared for searching" in result.message
        literal = services.search.search(
            "pins and needles", tags=(), limit=3, literal_phrases=("pins and needles",)
        )
        assert not literal.topics and literal.message == ""
    finally:
        services.close()


def test_the_index_and_search_share_the_vocabulary_and_glossary_services_loaded(
    fixture_articles,
):
    services = Services(resolve_paths(fixture_articles))
    try:
        assert services.index.vocabulary is services.vocabulary
        assert services.search.glossary is services.glossary
        assert services.index.phrases == services.phrases
        assert services.search.log == services.error_log.write
    finally:
        services.close()
