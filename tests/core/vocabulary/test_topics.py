"""The topic vocabulary's own behaviour: finding a topic by any of its names, reading lay
phrases in a query, suggesting tags, and a plain error for a broken file.

(The table of lay phrases and what each must be read as is in test_lay_phrases.py.)"""

from __future__ import annotations

import pytest

from mspain_kb.core.vocabulary.topics import (
    Topic,
    Vocabulary,
    VocabularyError,
    load_vocabulary,
)

SMALL = Vocabulary(
    [
        Topic("spasticity", "Spasticity", "Stiff muscles.", lay=("stiff legs", "stiff")),
        Topic("leg-pain", "Leg pain", "Pain in the legs.", lay=("aching legs", "stiff legs")),
        Topic("lhermitte", "Lhermitte's sign", "A shock down the spine."),
    ]
)


@pytest.mark.parametrize(
    "name",
    ["lhermitte", "Lhermitte's sign", "LHERMITTE'S SIGN", "Lhermitte’s sign", "lhermitte sign"],
)
def test_a_topic_is_found_by_id_or_label_whatever_the_case_and_apostrophes(name):
    assert SMALL.resolve(name).id == "lhermitte"


def test_unknown_names_resolve_to_nothing_and_labels_fall_back_to_the_id():
    assert SMALL.resolve("migraine") is None
    assert SMALL.label("leg-pain") == "Leg pain" and SMALL.label("made-up") == "made-up"


def test_the_longest_phrase_wins_and_a_shared_phrase_reads_as_each_topic():
    """ "stiff legs" belongs to two topics; "stiff" alone is not read again inside it."""
    text = "My stiff legs at night"
    matches = SMALL.match_lay_phrases(text)
    assert [(m.phrase, m.text) for m in matches] == [("stiff legs", "stiff legs")]
    assert {topic.id for topic in matches[0].topics} == {"spasticity", "leg-pain"}
    assert text[matches[0].start : matches[0].end] == "stiff legs"


def test_phrases_match_inflected_words_in_their_order_only():
    """ "ACHING LEGS" and "stiffness" (stem "stiff") are read; "legs aching" is not."""
    matches = SMALL.match_lay_phrases("legs aching? no, ACHING LEGS and stiffness")
    assert [(m.phrase, m.text) for m in matches] == [
        ("aching legs", "ACHING LEGS"),
        ("stiff", "stiffness"),
    ]


def test_tags_are_suggested_from_repeated_lay_words():
    text = "Stiff legs in the morning. Stiff legs at night. Aching legs too."
    assert SMALL.suggest_tags(text) == ["leg-pain", "spasticity"]
    assert SMALL.suggest_tags("Stiff once.") == []


def test_the_bundled_vocabulary_loads_with_unique_ids(vocabulary):
    ids = vocabulary.ids()
    assert len(ids) == len(set(ids)) > 10
    assert all(topic.label and topic.description for topic in vocabulary)


def test_a_broken_file_is_one_plain_error(tmp_path):
    path = tmp_path / "topics.toml"
    path.write_text('[[topic]]\nid = "x"\n', encoding="utf-8")
    with pytest.raises(VocabularyError, match="topic 1 .* has no label"):
        load_vocabulary(path)
    path.write_text("[[topic]\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match="cannot read the topic vocabulary"):
        load_vocabulary(path)
    with pytest.raises(VocabularyError, match="cannot read"):
        load_vocabulary(tmp_path / "missing.toml")


@pytest.mark.parametrize("typed", ["pins & needles", "pins and needles", "Pins&needles!"])
def test_pins_and_needles_typed_with_and_or_ampersand_reads_as_nerve_pain(vocabulary, typed):
    """With "&" for "and", "needles" alone matched and the search read it as injections."""
    [match] = vocabulary.match_lay_phrases(typed)
    assert [topic.id for topic in match.topics] == ["neuropathic-pain"]
    assert match.text.lower().startswith("pins") and match.text.endswith("needles")
