"""What a search adds so the reader sees why a result matched and is never at a dead end:
the glossary entry it is about, the passage with the user's words, the order hits are met
in, and the next steps when nothing was found."""

from __future__ import annotations

import re

import pytest


@pytest.mark.parametrize(
    ("query", "term"),
    [
        ("electric shock when I bend my neck", "Lhermitte's sign"),  # read as that topic
        ("spasticity in my legs", "Spasticity"),  # names the term
        ("pins and needles", "Numbness and tingling"),  # is an alias
        ("lhermite", "Lhermitte's sign"),  # a typo still reads as the topic
    ],
)
def test_the_glossary_entry_a_search_is_about(real_search, query, term):
    entry = real_search.search(query).context_entry
    assert entry is not None and entry.term == term


@pytest.mark.parametrize("query", ["mornings at work", "lower back pain"])
def test_a_search_naming_no_term_has_no_glossary_entry(real_search, query):
    """So the pane clears instead of keeping an entry from an earlier search; a topic with
    no entry of its name is not guessed at (lower back pain is not always musculoskeletal)."""
    assert real_search.search(query).context_entry is None


def test_hits_are_met_users_words_first_then_the_entry_then_the_topic(real_search):
    """For "pins and needles": pins/needles, then numbness/tingling, then nerve words."""
    typed, entry, topic = real_search.highlight_groups("pins and needles")
    assert {"pin", "needl"} <= typed
    assert entry == {"numb", "tingl"}
    assert "nerv" in topic and "neuropath" in topic
    assert not (typed & entry or entry & topic or typed & topic)


def test_the_passage_shown_has_the_words_the_query_stood_for(real_search):
    """No article says "pins and needles": the snippet is the passage with numbness and
    tingling, marked, not the summary."""
    hits = {hit.id: hit for hit in real_search.search("pins and needles").hits}
    snippet = hits["ms-and-leg-pain"].snippet
    assert re.findall(r'<b class="match">(\w+)</b>', snippet)[:2] == ["numbness", "tingling"]
    assert hits["ms-and-leg-pain"].summary[:40] not in snippet


def test_the_passage_shown_has_the_users_own_words_when_the_body_has_them(real_search):
    hit = real_search.search("electric shock").hits[0]
    assert '<b class="match">electric</b>' in hit.snippet


def test_nothing_found_offers_spellings_topics_and_close_glossary_terms(real_search):
    """ "migrane": no article has migraine, but the glossary does."""
    result = real_search.search("migrane")
    steps = result.next_steps
    assert result.total == 0 and steps is not None
    assert steps.spellings == ["migraine"]
    assert ("spasticity", "Spasticity", 4) in steps.topics
    assert all(count > 0 for _, _, count in steps.topics)
    assert [entry.term for entry in steps.glossary] == ["Migraine"]


def test_nothing_found_offers_no_made_up_spelling(real_search):
    """Only the speller's real suggestions: none for a word it cannot place."""
    steps = real_search.search("zzqx").next_steps
    assert steps.spellings == [] and steps.topics


def test_nothing_found_says_what_limited_the_search(real_search):
    """A topic filter and a phrase taken as words only are named, to be undone."""
    result = real_search.search(
        "pins and needles", tags=["injections"], literal_phrases=["pins and needles"]
    )
    assert result.total == 0
    assert result.next_steps.tags == ["injections"]
    assert result.next_steps.literal == ["pins and needles"]


def test_a_search_that_finds_something_has_no_next_steps(real_search):
    assert real_search.search("spasticity").next_steps is None
