"""Warming search up in small steps: the words people search first are ready before they
are typed, and a search between two steps answers as it would have."""

from __future__ import annotations

from mspain_kb.core.search import spelling
from mspain_kb.core.search.service import SearchService
from mspain_kb.core.search.warming import first_searched_words, warm_terms
from mspain_kb.core.vocabulary.text import stems


def test_warming_reads_the_topic_and_glossary_words_in_small_steps(
    tmp_path, articles_copy, make_index, vocabulary, glossary
):
    index = make_index(tmp_path / "index", articles_copy)
    index.sync()
    service = SearchService(index, vocabulary, glossary)
    expected = [hit.id for hit in service.search("burning feet at night").hits]
    warmed = SearchService(index, vocabulary, glossary)
    steps = 0
    while warmed.warm_step():
        steps += 1
        if steps == 3:  # a search between two steps
            assert [hit.id for hit in warmed.search("burning feet at night").hits] == expected
    texts = first_searched_words(vocabulary, glossary)
    terms = warm_terms(texts, index.searcher().schema)
    assert steps > len(terms) // 24
    decoded = warmed._data.postings._cache
    label = next(iter(vocabulary)).label
    assert ("body", stems(label)[0]) in decoded
    assert sum(("body", stems(entry.term)[0]) in decoded for entry in glossary) > 20
    assert not warmed.warm_step()  # nothing left for this generation
    assert [hit.id for hit in warmed.search("burning feet at night").hits] == expected


def test_warming_prepares_did_you_mean_in_steps_and_a_typo_then_reads_no_word_list(
    tmp_path, articles_copy, make_index, vocabulary, glossary, monkeypatch
):
    """The word list behind "did you mean" is read while nobody types, a thousand words a
    step; the first typo after warming answers without reading it."""
    monkeypatch.setattr(spelling, "REFRESH_BATCH", 5)
    index = make_index(tmp_path / "index", articles_copy)
    index.sync()
    service = SearchService(index, vocabulary, glossary)
    steps_without = 0
    unwarmed = SearchService(index, vocabulary, glossary)
    unwarmed.speller.refresh_steps = lambda searcher, generation: iter(())
    while unwarmed.warm_step():
        steps_without += 1
    steps = 0
    while service.warm_step():
        steps += 1
    assert steps > steps_without + 3  # the titles' words, five at a time
    reads = []
    real_refresh_steps = service.speller.refresh_steps

    def counted(searcher, generation):
        for step in real_refresh_steps(searcher, generation):
            reads.append(step)
            yield step

    monkeypatch.setattr(service.speller, "refresh_steps", counted)
    result = service.search("spastisity")
    assert "spasticity" in result.message and result.hits
    assert reads == []
