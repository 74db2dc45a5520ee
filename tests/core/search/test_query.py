"""Reading a query into what is searched: topic filters, lay readings and their weight, and
the words' query (one BM25F word per typed word, NOT kept apart)."""

from __future__ import annotations

import pytest
from whoosh import query as wq

from mspain_kb.core.search import query as query_module
from mspain_kb.core.search.fast.array_scoring import FieldedWord
from mspain_kb.core.search.query import (
    CUT_NOTE,
    MAX_QUERY_CHARS,
    TOPIC_BOOST,
    clean,
    extract_tags,
    lay_readings,
    reading_strength,
    replace_words,
)
from mspain_kb.core.search.word_query import FIELD_BOOSTS, SEARCH_FIELDS


def parse(service, text, literal_phrases=()):
    searcher = service.index.searcher()
    return query_module.parse(
        text, searcher.schema, service.vocabulary, searcher.reader(), literal_phrases
    )


def test_cleaning_drops_control_characters_and_cuts_long_text_at_a_word():
    assert clean("pins\x00and\u200bneedles\n\n") == ("pins and needles", False)
    long_text = "spasm " * (MAX_QUERY_CHARS // 6 + 10)
    text, cut = clean(long_text)
    assert cut and len(text) <= MAX_QUERY_CHARS and text.endswith("spasm")
    assert "5,000" in CUT_NOTE.format(chars=MAX_QUERY_CHARS)


def test_tag_clauses_become_filters_by_id_or_label(vocabulary):
    rest, required, excluded, unknown = extract_tags(
        'stiff tag:spasticity NOT tag:"Leg pain" -tag:lhermitte tags:nonsense', vocabulary
    )
    assert rest == "stiff"
    assert required == ["spasticity"] and excluded == ["leg-pain", "lhermitte"]
    assert unknown == ["nonsense"]


def test_a_phrase_taken_literally_is_not_read_as_its_topic(vocabulary):
    read = lay_readings(vocabulary, "pins and needles in my feet")
    assert "neuropathic-pain" in {t.id for m in read for t in m.topics}
    literal = lay_readings(vocabulary, "pins and needles in my feet", ["Pins and needles"])
    assert "pins and needles" not in {m.phrase for m in literal}


def test_a_reading_counts_by_its_content_words_and_fully_when_the_topic_is_named(vocabulary):
    def strength(text):
        return max(reading_strength(m) for m in vocabulary.match_lay_phrases(text))

    assert strength("spasticity") == 1.0
    assert strength("pins and needles") == pytest.approx(2 / 3)
    assert strength("tight") == pytest.approx(1 / 3)


def test_each_typed_word_is_one_fielded_word_over_the_four_fields(fixture_search):
    parsed = parse(fixture_search, "burning feet")
    assert isinstance(parsed.query, wq.Or)
    words = parsed.query.subqueries
    assert all(isinstance(word, FieldedWord) for word in words)
    assert {t.text for word in words for t in word.subqueries} == {"burn", "feet"}
    first = {t.fieldname: t.boost for t in words[0].subqueries}
    assert set(first) <= set(SEARCH_FIELDS) and all(FIELD_BOOSTS[f] == b for f, b in first.items())


def test_not_words_are_kept_apart_and_exclude_from_topic_readings_too(fixture_search):
    parsed = parse(fixture_search, "stiff NOT night")
    assert parsed.operators and parsed.excluded is not None
    assert {text for _, text in parsed.excluded.iter_all_terms()} == {"night"}
    assert "night" not in {text for _, text in parsed.query.iter_all_terms()}


def test_lay_phrases_become_weighted_topic_parts(fixture_search):
    parsed = parse(fixture_search, "pins and needles")
    parts = {part.topic_id: part for part in parsed.topic_parts}
    assert "neuropathic-pain" in parts
    tag = next(q for q in parts["neuropathic-pain"].query.subqueries if isinstance(q, wq.Term))
    assert (tag.fieldname, tag.text, tag.boost) == ("tags", "neuropathic-pain", TOPIC_BOOST)


def test_a_query_of_only_common_words_has_nothing_to_search(fixture_search):
    parsed = parse(fixture_search, "what is it?")
    assert parsed.query is None and parsed.words == ["what", "is", "it"]


def test_corrections_replace_whole_words_only():
    assert replace_words("spastisity and spas", {"spas": "spasm"}) == "spastisity and spasm"
