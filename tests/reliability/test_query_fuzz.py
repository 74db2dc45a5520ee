"""Whatever is typed into the search box, the search answers: no error, bounded time."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mspain_kb.core.search.search_result import SearchResult

# A hang shows up as minutes; a slow but working machine stays far below this.
DEADLINE_SECONDS = 5.0

SYNTAX = [
    '"',
    "(",
    ")",
    "AND",
    "OR",
    "NOT",
    "*",
    "?",
    "~",
    "^",
    ":",
    "tag:",
    "title:",
    "tags:",
    "[",
    "]",
    "{",
    "}",
    "\\",
    "-",
    "+",
    "TO",
    "~2",
    "^3",
    "'",
    "/",
    "<",
    ">",
    "=",
]
WORDS = [
    "pain",
    "spasticity",
    "spas",
    "neuro",
    "pins and needles",
    "burning",
    "a",
    "e",
    "s",
    "lhermitte",
    "trigeminal",
    "nerve",
    "cramp",
    "leg",
    "neuropathic-pain",
    "xyzzy",
    "Lhermitte's sign",
    "stiff",
    "MS",
    "ß",
    "ﬁ",
    "İ",
    "日本",
    "\u0301",
    "\U0001f600",
]
TOKENS = st.sampled_from(SYNTAX + WORDS)
SEPARATORS = st.sampled_from(["", " ", "  ", "\t", "\n", "\x00", "\u200b"])

syntax_mix = st.lists(st.tuples(TOKENS, SEPARATORS), max_size=60).map(
    lambda parts: "".join(token + sep for token, sep in parts)
)
# Prefixes, wildcards and fuzzy words built on short, common stems: the expensive cases.
expanding = st.lists(
    st.tuples(
        st.sampled_from(["s", "sp", "pa", "ne", "re", "co", "th", "in", "a", "e", "pain", "n"]),
        st.sampled_from(["*", "?", "*?", "?*", "~", "~1", "~2", "~9", "*~2", "**"]),
        st.sampled_from(["", "a", "in", "*"]),
    ),
    min_size=1,
    max_size=30,
).map(lambda parts: " ".join("".join(part) for part in parts))


# What a search says when the index was in trouble. Any other failure raises, and fails here.
INDEX_TROUBLE = ("could not be completed", "damaged", "rebuilt", "prepared for searching")


def assert_answered(result, query) -> None:
    """A result, with no word of index trouble: odd input is never mistaken for damage."""
    assert isinstance(result, SearchResult)
    message = (result.message or "").lower()
    assert not any(words in message for words in INDEX_TROUBLE), (query, result.message)


def search_within_deadline(service, query, **options) -> SearchResult:
    started = time.monotonic()
    result = service.search(query, **options)
    elapsed = time.monotonic() - started
    assert elapsed < DEADLINE_SECONDS, f"{query[:80]!r} took {elapsed:.1f} s"
    assert_answered(result, query)
    assert result.total >= len(result.hits)
    assert len(result.hits) <= options.get("limit", 10)
    return result


FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)


@FUZZ
@given(query=st.text(max_size=10_000))
@example(query="")
@example(query="\x00" * 10_000)
@example(query="a" * 10_000)
@example(query="(" * 5000 + ")" * 5000)
@example(query='"' * 10_000)
def test_any_unicode_text_gets_a_result(big_search, query):
    """Any Unicode string up to 10,000 characters returns a result (possibly empty)."""
    search_within_deadline(big_search, query)


@FUZZ
@given(query=syntax_mix)
@example(query="NOT NOT NOT (")
@example(query='title:"tag:(spas* OR ~^')
@example(query="[a TO z] {a TO z} body:[a TO]")
@example(query="tag:spasticity NOT tag:spasticity tag:")
def test_any_mix_of_query_syntax_gets_a_result(big_search, query):
    """Quotes, brackets, operators, fields and tags in any order never raise."""
    search_within_deadline(big_search, query)


@FUZZ
@given(query=expanding, tags=st.lists(st.sampled_from(["spasticity", "leg-pain", "x"]), max_size=2))
@example(query="s* e* a* n* p* c* t* i* o* r*", tags=[])
@example(query=" ".join(["sp*"] * 30), tags=[])
@example(query=" ".join(["pain~9"] * 30), tags=[])
def test_wildcard_and_fuzzy_queries_are_capped(big_search, query, tags):
    """Prefix, wildcard and fuzzy words on common stems answer within the deadline."""
    search_within_deadline(big_search, query, tags=tuple(tags))


@settings(max_examples=40, deadline=None, database=None)
@given(query=st.text(max_size=300), limit=st.integers(min_value=-5, max_value=10_000))
def test_odd_limits_and_no_snippets_still_answer(big_search, query, limit):
    """Zero, negative and huge result limits, with and without snippets, never raise."""
    result = big_search.search(query, limit=limit, snippets=limit % 2 == 0)
    assert_answered(result, query)
    assert len(result.hits) <= max(1, limit)


def test_worst_prefix_on_the_collection_is_bounded_and_still_finds(big_search):
    """'sp*' over a 300-article collection is capped but still finds spasticity articles."""
    result = search_within_deadline(big_search, "sp*")
    assert result.total > 0


def test_non_text_queries_are_treated_as_empty(big_search):
    """A query that is not even text (None, bytes, a number) gives an empty result, no error."""
    for query in (None, b"\xff\xfe", 12345, ["pain"]):
        result = big_search.search(query)
        assert_answered(result, query)


@pytest.mark.parametrize("text", ["co*", "re*", "co* re* pa* in*", "co*~2 re?*"])
def test_broad_prefixes_expand_to_a_capped_list_of_words(big_search, text):
    """A prefix matching hundreds of indexed words runs on at most the capped number of them."""
    from whoosh import query as whoosh_query

    from mspain_kb.core.search import expansion, word_query
    from mspain_kb.core.search import query as query_module

    searcher = big_search.index.searcher()
    reader = searcher.reader()
    words = len(text.split())
    cap = expansion.MAX_EXPANSIONS * len(word_query.SEARCH_FIELDS) * words
    stem = text[:2]
    assert sum(1 for term in reader.lexicon("body") if term.decode().startswith(stem)) > cap
    parsed = query_module.parse(text, searcher.schema, big_search.vocabulary, reader)
    leaves = list(parsed.query.leaves()) if parsed.query is not None else []
    assert 0 < sum(1 for leaf in leaves if isinstance(leaf, whoosh_query.Term)) <= cap
