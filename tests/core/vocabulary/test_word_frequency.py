"""Which glossary terms a reader knows without a mark: the English word frequency measure
the handout's short glossary uses too."""

from __future__ import annotations

import pytest

from mspain_kb.core.vocabulary.word_frequency import is_familiar


@pytest.mark.parametrize(
    ("form", "familiar"),
    [
        ("exhaustion", True),  # an alias of Fatigue
        ("imbalance", True),  # an alias of Balance
        ("tendons", True),
        ("ligaments", True),
        ("spasticity", False),
        ("demyelination", False),
        ("Lhermitte's sign", False),
        ("atrophying", False),
        ("musculoskeletal pain", False),
    ],
)
def test_everyday_words_are_familiar_and_clinical_terms_are_not(glossary, form, familiar):
    """The table of words a reader sees in the lower-back article."""
    entry = glossary.lookup(form)
    assert entry is not None, form
    assert is_familiar(entry, form) is familiar


def test_a_term_carrying_a_warning_is_never_familiar(glossary):
    """A warning in the first sentence must be seen, however common the words."""
    warned = [e for e in glossary.entries if "withdrawn" in e.short or "urgent" in e.short]
    assert warned
    assert not any(is_familiar(entry, entry.term) for entry in warned)
