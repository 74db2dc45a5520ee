"""Text cut into sentences for reading aloud, with offsets for the highlight."""

from __future__ import annotations

import pytest

from mspain_kb.core.read_aloud.sentences import MAX_SENTENCE_CHARS, split_sentences


def texts(text: str) -> list[str]:
    return [sentence.text for sentence in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Pain is common. It can be treated!", ["Pain is common.", "It can be treated!"]),
        ("Is it MS? Ask your nurse.", ["Is it MS?", "Ask your nurse."]),
        # "MS." in capitals is the disease: its full stop ends the sentence.
        (
            "Many people live with MS. Pain is common.",
            ["Many people live with MS.", "Pain is common."],
        ),
        # "Ms." is a title.
        ("Ms. Jones is a nurse. She helps.", ["Ms. Jones is a nurse.", "She helps."]),
        (
            "Ask Dr. Patel, e.g. About pain. Then rest.",
            ["Ask Dr. Patel, e.g. About pain.", "Then rest."],
        ),
        (
            "Some drugs (e.g. Baclofen) help. Others i.e. Tizanidine too.",
            ["Some drugs (e.g. Baclofen) help.", "Others i.e. Tizanidine too."],
        ),
        (
            "See Fig. 2 and No. 5 here. No. It is not.",
            ["See Fig. 2 and No. 5 here.", "No.", "It is not."],
        ),
        ("By J. R. Smith. Read it.", ["By J. R. Smith.", "Read it."]),
        ("Take 1.5 mg daily. Stop at 2.", ["Take 1.5 mg daily.", "Stop at 2."]),
        ("Stretch, rest, etc. Then walk.", ["Stretch, rest, etc.", "Then walk."]),
        ('She said "Rest." Then she left.', ['She said "Rest."', "Then she left."]),
        (
            "Visit www.mstrust.org.uk. The trust helps.",
            ["Visit www.mstrust.org.uk.", "The trust helps."],
        ),
        ("Wait... Then go.", ["Wait...", "Then go."]),
        ("lower case after a stop. continues here.", ["lower case after a stop. continues here."]),
    ],
)
def test_sentences_end_where_a_reader_would_stop(text, sentences):
    assert texts(text) == sentences


def test_a_line_break_always_ends_a_sentence():
    """Headings, list items and table rows have no full stop of their own."""
    text = "Muscle spasms\nWhat helps\n- stretching\n- warm baths\n\nRest. Drink water."
    assert texts(text) == [
        "Muscle spasms",
        "What helps",
        "- stretching",
        "- warm baths",
        "Rest.",
        "Drink water.",
    ]


def test_a_selection_separates_paragraphs_with_the_paragraph_separator():
    assert texts("First paragraph\u2029Second one. Third.") == [
        "First paragraph",
        "Second one.",
        "Third.",
    ]


def test_offsets_point_into_the_text_and_can_be_shifted():
    text = "  Pain is common.   It can be treated!\n\nAsk."
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
    shifted = split_sentences(text, offset=100)
    assert [(s.start, s.end) for s in shifted] == [
        (s.start + 100, s.end + 100) for s in split_sentences(text)
    ]


def test_a_very_long_run_without_a_full_stop_is_read_in_parts_at_commas():
    text = ", ".join(f"item number {n}" for n in range(120)) + "."
    sentences = split_sentences(text)
    assert len(sentences) > 1
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert all(s.text.endswith(",") for s in sentences[:-1])
    assert " ".join(s.text for s in sentences) == text
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_blank_text_has_no_sentences():
    assert split_sentences(" \n\n \u2029 ") == []
