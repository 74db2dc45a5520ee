"""'Did you mean' on its own: only words in no article that are not real words are corrected,
into real words of the collection, the vocabulary or the glossary."""

from __future__ import annotations

import pytest

from mspain_kb.core.search.spelling import MAX_CORRECTED_WORDS, Speller


@pytest.fixture(scope="module")
def speller(vocabulary, glossary):
    return Speller.from_sources(vocabulary, glossary)


def corrections(speller, service, words):
    return speller.corrections(words, service.index.searcher(), service.index.generation)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("spastisity", "spasticity"), ("lhermite", "lhermitte"), ("numbnes", "numbness")],
)
def test_a_typing_slip_is_corrected_into_a_real_word(speller, fixture_search, typed, meant):
    assert corrections(speller, fixture_search, [typed]) == {typed: meant}


@pytest.mark.parametrize("word", ["jelly", "Schmorl's", "legs", "spasms", "what"])
def test_real_words_and_words_in_the_collection_are_never_corrected(speller, fixture_search, word):
    assert corrections(speller, fixture_search, [word]) == {}


def test_a_correction_keeps_the_first_letter_and_is_never_a_function_word(speller, fixture_search):
    """ "xpasticity" is not "spasticity" (people rarely slip on the first letter); "whar" is
    closest to "what", which the search would leave out anyway, so nothing is offered."""
    assert speller.correct_word("xpasticity") is None
    assert speller.correct_word("whar") == "what"
    assert corrections(speller, fixture_search, ["whar"]) == {}


def test_a_typo_whose_stem_is_indexed_needs_no_correction(speller, fixture_search):
    """ "tingleing" stems as "tingling" does, so the search finds those articles as typed."""
    assert speller.correct_word("tingleing") == "tingling"
    assert corrections(speller, fixture_search, ["tingleing"]) == {}


def test_a_word_in_most_articles_is_common(fixture_search):
    searcher = fixture_search.index.searcher()
    assert Speller.is_common("the", searcher)  # a stop word: the search leaves it out
    assert not Speller.is_common("lhermitte", searcher)


def test_only_the_first_few_unknown_words_of_a_long_text_are_looked_at(speller, fixture_search):
    typed = [f"zqxvb{'k' * n}" for n in range(MAX_CORRECTED_WORDS + 5)] + ["spastisity"]
    assert "spastisity" not in corrections(speller, fixture_search, typed)
