"""Words as every part of the app reads them: the one definition of folding, words and stems,
and the stems are the index's own."""

from __future__ import annotations

import pytest

from mspain_kb.core.search.schema import text_analyzer
from mspain_kb.core.vocabulary.text import (
    FUNCTION_WORDS,
    INDEX_STOP_WORDS,
    LETTER_WORD_RE,
    fold,
    stemmed_words,
    stems,
    word_stem,
    words,
)


def test_folding_ignores_case_accents_and_typographic_apostrophes():
    assert fold("Lhermitte’s SIGN") == fold("lhermitte's sign") == "lhermitte's sign"
    assert fold("Café Crème") == "cafe creme"


def test_words_keep_inner_apostrophes_and_digits_and_drop_punctuation():
    assert words("Can't sleep? Schmorl's nodes, B12 (low)!") == [
        "Can't",
        "sleep",
        "Schmorl's",
        "nodes",
        "B12",
        "low",
    ]
    assert LETTER_WORD_RE.findall("Schmorl's B12, vitamin-D") == ["Schmorl's", "B", "vitamin", "D"]


def test_stems_carry_their_place_in_the_text_and_possessives_fold():
    text = "Lhermitte's spasms"
    assert stemmed_words(text) == [("lhermitt", 0, 11), ("spasm", 12, 18)]
    assert text[12:18] == "spasms"
    assert stems("Burning feet at night") == ["burn", "feet", "at", "night"]
    assert word_stem("spasms") == "spasm" and word_stem("...") == ""


@pytest.mark.parametrize(
    "text", ["spasms spasticity stiffening", "burning tingling numbness", "walking bladder pain"]
)
def test_the_stems_are_the_ones_the_index_makes(text):
    """What highlighting and lay phrases compare is what the index stored."""
    indexed = [token.text for token in text_analyzer()(text)]
    assert stems(text) == indexed


def test_the_index_drops_its_stop_words_and_questions_drop_function_words():
    assert "and" in INDEX_STOP_WORDS and "and" in FUNCTION_WORDS
    assert INDEX_STOP_WORDS <= FUNCTION_WORDS | INDEX_STOP_WORDS
    assert {"what", "does", "my"} <= FUNCTION_WORDS
    assert not {"pain", "legs", "night"} & FUNCTION_WORDS
