"""Known multi-word terms indexed as one token: which terms, where the token goes, and the
filter saved in an index's schema loading again."""

from __future__ import annotations

import pickle

from mspain_kb.core.search.phrase_tokens import (
    MAX_PHRASE_WORDS,
    PhraseTokenFilter,
    known_phrases_of,
    phrase_term,
)
from mspain_kb.core.search.schema import build_schema, collection_phrases, text_analyzer


def analyzer_with(filter_):
    return text_analyzer() | filter_


def test_the_phrases_are_the_multi_word_terms_of_the_vocabulary_and_glossary(
    vocabulary, glossary, phrases
):
    assert ("spinal", "cord") in phrases and ("pin", "needl") in phrases
    assert all(1 < len(words) <= MAX_PHRASE_WORDS for words in phrases)
    assert collection_phrases(vocabulary, glossary) == phrases
    assert collection_phrases(vocabulary, None) < phrases  # the glossary adds its own terms


def test_a_known_phrase_adds_one_token_at_its_first_word():
    filter_ = PhraseTokenFilter({("spinal", "cord")})
    tokens = [
        (t.text, t.pos, t.startchar)
        for t in analyzer_with(filter_)("the spinal cord", positions=True, chars=True)
    ]
    (spinal, cord, phrase) = tokens
    assert [text for text, _, _ in tokens] == ["spinal", "cord", "spinal cord"]
    assert phrase[1:] == spinal[1:] and cord[1] == spinal[1] + 1 and spinal[2] == 4


def test_queries_get_no_phrase_tokens():
    filter_ = PhraseTokenFilter({("spinal", "cord")})
    texts = [t.text for t in analyzer_with(filter_)("spinal cord", mode="query")]
    assert texts == ["spinal", "cord"]


def test_the_index_remembers_the_phrases_it_was_built_with(phrases):
    schema = build_schema(phrases)
    for field in ("title", "headings", "summary", "body"):
        assert known_phrases_of(schema, field) == phrases
    assert known_phrases_of(schema, "tags") == frozenset()
    assert phrase_term(("spinal", "cord")) == "spinal cord"


def test_phrase_filter_saved_in_an_index_loads_with_only_its_phrases():
    """The schema keeps only the phrase set, so an index built by another version (whose
    filter had other attributes) still indexes and searches."""
    saved = PhraseTokenFilter({("spinal", "cord")})
    older = pickle.loads(pickle.dumps(saved))
    del older.__dict__["_ending"]  # as if pickled by a version that did not have it
    older.__setstate__({"phrases": older.phrases})
    loaded = pickle.loads(pickle.dumps(saved))
    for filter_ in (older, loaded):
        assert filter_ == saved
        analyzer = analyzer_with(filter_)
        texts = [token.text for token in analyzer("the spinal cord", positions=True, chars=True)]
        assert texts == ["spinal", "cord", "spinal cord"]


def test_a_quoted_known_term_reads_no_positions_in_any_field(real_search, monkeypatch):
    """A quoted "spinal cord" is answered from its token in the title, headings, summary
    and body alike; reading positions (slow on large collections) is for other phrases."""
    from mspain_kb.core.search import postings

    read = []
    real = postings.Postings.phrase_documents

    def counted(self, fieldname, words, candidates):
        read.append((fieldname, tuple(words)))
        return real(self, fieldname, words, candidates)

    monkeypatch.setattr(postings.Postings, "phrase_documents", counted)
    known = real_search.search('"spinal cord"')
    assert known.hits and read == []
    other = real_search.search('"weakened muscles"')
    assert other.hits and read
