"""Search as a reader meets it: ranking, symptom words, typos, tags, facets, odd input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mspain_kb.core.search.query import MAX_QUERY_CHARS
from mspain_kb.core.search.service import SearchService
from tests.conftest import FIXTURES, REAL_ARTICLES


def ids(result) -> list[str]:
    return [hit.id for hit in result.hits]


# query, tags, exactly these ids (in any order), or None; the first hit, or None
FIXTURE_TABLE = [
    ("spasticity", (), {"stiff-legs", "night-cramps"}, "stiff-legs"),
    ('"stiff legs"', (), None, "stiff-legs"),
    ("stiff AND legs", (), {"stiff-legs", "night-cramps"}, "stiff-legs"),
    ("stiff NOT night", (), {"stiff-legs"}, "stiff-legs"),
    ("quokka OR lesion", (), {"neck-shock"}, "neck-shock"),
    ("spas*", (), {"stiff-legs", "night-cramps"}, None),
    ("title:cramps", (), {"night-cramps"}, "night-cramps"),
    ("tag:lhermitte", (), {"neck-shock"}, "neck-shock"),
    ('tag:"Lhermitte\'s sign"', (), {"neck-shock"}, "neck-shock"),
    ("feet", ("neuropathic-pain", "leg-pain"), {"burning-feet"}, "burning-feet"),
    ("tag:neuropathic-pain tag:leg-pain", (), {"burning-feet"}, "burning-feet"),
    ("NOT tag:neuropathic-pain tag:leg-pain", (), {"stiff-legs"}, "stiff-legs"),
    ("zorbex", (), set(), None),
]


@pytest.mark.parametrize(("query", "tags", "expected", "first"), FIXTURE_TABLE)
def test_query_forms_on_the_fixture_collection(fixture_search, query, tags, expected, first):
    """Words, phrases, AND/OR/NOT, prefixes, title:, tag: and --tag find the right articles."""
    result = fixture_search.search(query, tags=tags)
    if expected is not None:
        assert set(ids(result)) == expected
        assert result.total == len(expected)
    if first is not None:
        assert ids(result)[0] == first


def test_lay_phrase_finds_the_topic_and_reports_it(fixture_search):
    """'pins and needles' never appears in the fixtures but finds the nerve-pain articles."""
    result = fixture_search.search("pins and needles")
    assert {"nerve-pain-basics", "burning-feet", "neck-shock"} <= set(ids(result))
    assert all("neuropathic-pain" in hit.tags for hit in result.hits)
    assert [(t.phrase, t.topic_id) for t in result.topics] == [
        ("pins and needles", "neuropathic-pain")
    ]


def test_a_removed_topic_reading_searches_the_words_as_typed(fixture_search):
    """Taking 'pins and needles' literally drops the nerve-pain topic and its highlights."""
    result = fixture_search.search("pins and needles", literal_phrases=["pins and needles"])
    assert result.topics == []
    assert result.hits == []  # the fixtures never use the words themselves
    terms = fixture_search.highlight_terms("pins and needles", ["pins and needles"])
    assert "neuropath" not in terms and "pin" in terms


def test_exact_words_outrank_topic_expansion(fixture_search):
    """An article with the user's own words ranks above one that only has the topic tag."""
    result = fixture_search.search("burning feet")
    assert ids(result)[0] == "burning-feet"


def test_misspelling_suggests_and_still_finds(fixture_search):
    """'spastisity' finds nothing as typed, so the corrected search is shown and said."""
    result = fixture_search.search("spastisity")
    assert result.suggestion == "spasticity"
    assert set(ids(result)) == {"stiff-legs", "night-cramps"}
    assert "Showing results for spasticity" in result.message


@pytest.mark.parametrize(
    ("typo", "word"), [("neuropatic", "neuropathic"), ("lhermite", "lhermitte")]
)
def test_suggestions_are_whole_words_not_stems(fixture_search, typo, word):
    """'Did you mean' offers real words ('neuropathic'), never index stems ('neuropath')."""
    assert fixture_search.search(typo).suggestion == word


def test_known_words_get_no_suggestion(fixture_search):
    """A correctly spelt search, or query syntax, is not 'corrected'."""
    for query in ("spasticity", "title:spasticity", "spas*", "stiffening"):
        assert fixture_search.search(query).suggestion is None, query


def test_facets_count_every_match_not_just_the_page(fixture_search):
    """Tag counts cover all matches even when only one hit is returned."""
    result = fixture_search.search("pins and needles", limit=1)
    assert len(result.hits) == 1 and result.total == 3
    assert result.facets["neuropathic-pain"] == 3
    assert result.facets["leg-pain"] == 1
    assert "spasticity" not in result.facets


def test_facets_follow_tag_filters(fixture_search):
    """With a tag filter, totals and counts cover only the filtered articles."""
    result = fixture_search.search("legs", tags=("spasticity",))
    assert result.total == sum(1 for hit in result.hits)
    assert result.facets["spasticity"] == result.total


def test_snippets_mark_matches_and_escape_the_rest(fixture_search):
    """Snippets are HTML with <b class="match"> around matched words."""
    hit = fixture_search.search("cramps").hits[0]
    assert '<b class="match">' in hit.snippet
    assert "<script" not in hit.snippet


def test_tag_only_search_falls_back_to_the_summary_snippet(fixture_search):
    """With nothing to highlight, the snippet is the article's summary."""
    hit = fixture_search.search("tag:lhermitte").hits[0]
    assert hit.snippet.startswith("Lhermitte")


def test_unknown_tag_is_explained(fixture_search):
    """A tag that is not a topic gives no hits and a plain message, not an error."""
    result = fixture_search.search("pain", tags=("not-a-topic",))
    assert result.hits == [] and "no topic called 'not-a-topic'" in result.message


HOSTILE = [
    '"unbalanced',
    "(((",
    ")))",
    "AND",
    "OR OR NOT",
    "*",
    "?",
    "tag:",
    'tag:"',
    "title:",
    "~",
    "spasm~9",
    "s*",
    "*a*",
    "x" * 10_000,
    "pain " * 3000,
    "😀 🦵 pain",
    "ألم الساق",
    "legs\x00pain",
    "\u202epain\u202c",
    "[1 TO 9]",
    "^2",
    "'",
    "",
    "   ",
]


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_malformed_queries_never_raise(fixture_search, query):
    """Any input returns a result (perhaps empty) with a plain message, never an exception."""
    result = fixture_search.search(query)
    assert isinstance(result.hits, list)
    assert len(result.query) <= MAX_QUERY_CHARS
    assert result.total >= len(result.hits)


def test_lone_operators_explain_instead_of_listing_everything(fixture_search):
    """A query with no words says what to type."""
    for query in ("AND", "(((", "*", ""):
        result = fixture_search.search(query)
        assert result.hits == [] and result.message, query


def test_search_recovers_from_an_index_damaged_while_open(tmp_path, vocabulary, make_index):
    """If the index files break after opening, the next search rebuilds and still answers."""
    index = make_index(tmp_path / "index", FIXTURES / "articles")
    index.sync()
    service = SearchService(index, vocabulary)
    for path in index._folder.iterdir():
        if path.suffix in (".pst", ".trm", ".seg"):
            path.write_bytes(b"garbage" * 10)
    result = service.search("cramps")
    assert ids(result) and ids(result)[0] == "night-cramps"
    assert "rebuilt" in result.message


def test_highlight_terms_include_topic_words(fixture_search):
    """Terms to mark are the query's stems plus the stems of topics its lay words stand for."""
    terms = fixture_search.highlight_terms("pins and needles")
    assert {"pin", "needl", "neuropath", "nerv"} <= terms
    assert "pain" not in terms


def test_completions_start_with_the_prefix(fixture_search):
    """Completions come from topic labels and lay phrases, prefix matches first."""
    completions = fixture_search.completions("pins")
    assert completions[0] == "pins and needles"
    assert "Lhermitte's sign" in fixture_search.completions("lherm")
    assert fixture_search.completions("") == []


def test_to_json_has_the_documented_keys(fixture_search):
    """The JSON form carries hits with id, title, path, source, tags, score, snippet, flags."""
    data = fixture_search.to_json(fixture_search.search("pins and needles"))
    assert {
        "query",
        "hits",
        "total",
        "suggestion",
        "topics",
        "facets",
        "glossary",
        "message",
    } <= set(data)
    assert {"id", "title", "path", "source", "tags", "score", "snippet", "flags", "summary"} <= set(
        data["hits"][0]
    )
    assert data["topics"][0]["topic"] == "neuropathic-pain"


# ---------------------------------------------------------------- the real articles

LEG = "ms-and-leg-pain"
SPASMS = "muscle-spasms-and-ms"
MANAGEMENT = "pain-management-for-ms"
BACK = "ms-lower-back-pain-and-lhermittes-sign"


def test_real_pins_and_needles_ranks_nerve_pain_articles_first(real_search):
    """The neuropathic-pain articles come before any other, and the topic is reported."""
    result = real_search.search("pins and needles")
    tagged = ["neuropathic-pain" in hit.tags for hit in result.hits]
    assert tagged[0] and tagged == sorted(tagged, reverse=True)
    assert any(t.topic_id == "neuropathic-pain" for t in result.topics)


@pytest.mark.parametrize("query", ["tag:lhermitte", 'tag:"Lhermitte\'s sign"'])
def test_real_lhermitte_tag_finds_only_the_back_pain_article(real_search, query):
    """Tag id and tag label both narrow to the one article about Lhermitte's sign."""
    assert ids(real_search.search(query)) == [BACK]


def test_real_spastisity_finds_the_spasm_articles(real_search):
    """The misspelling is corrected and the spasm and spasticity articles are shown."""
    result = real_search.search("spastisity")
    assert result.suggestion == "spasticity"
    assert SPASMS in ids(result)
    assert result.total >= 2


@pytest.mark.parametrize("word", ["stemedix", "soma"])
def test_real_words_only_in_promotional_blocks_find_nothing(real_search, word):
    """Drug advertising and clinic self-promotion do not count toward ranking at all."""
    result = real_search.search(word)
    assert result.hits == []


def test_real_advertised_drug_is_found_only_through_our_own_summary(real_search):
    """ "carisoprodol" finds the leg-pain article because its summary (our words) warns about
    the adverts; the adverts themselves are still not indexed."""
    from whoosh.query import Term

    assert ids(real_search.search("carisoprodol")) == [LEG]
    assert list(real_search.index.searcher().search(Term("body", "carisoprodol"))) == []


def test_real_exact_glossary_term_comes_with_its_entry(real_search):
    """Searching exactly a glossary term returns the entry beside the hits."""
    result = real_search.search("spasticity")
    assert result.glossary_entry is not None
    assert result.glossary_entry.term.lower() == "spasticity"
    assert real_search.search("spasticity legs").glossary_entry is None


def test_search_that_runs_too_long_shows_the_best_so_far(real_search, monkeypatch):
    """Past the time limit, Whoosh's word-by-word matching (here a phrase with slop) stops;
    the hits found so far are shown with a hint."""
    from mspain_kb.core.search import service as search_module
    from mspain_kb.core.search.fast import array_scoring

    query = 'body:"pain ms"~10'
    assert real_search.search(query).total == 4
    monkeypatch.setattr(search_module, "SEARCH_TIME_LIMIT", -1.0)
    monkeypatch.setattr(array_scoring, "TIME_CHECK_EVERY", 1)
    result = real_search.search(query)
    assert len(result.hits) == 1
    assert "stopped early" in result.message


def test_topics_no_article_carries_filter_plainly(fixture_search, vocabulary):
    """Requiring a topic no article has finds nothing; excluding it removes nothing."""
    used = {tag for hit in fixture_search.search("pain", limit=50).hits for tag in hit.tags}
    unused = next(topic.id for topic in vocabulary if topic.id not in used)
    everything = fixture_search.search("pain").total
    assert fixture_search.search(f'pain tag:"{unused}"').total == 0
    result = fixture_search.search(f'pain NOT tag:"{unused}"')
    assert result.total == everything and not result.message


def test_wildcards_inside_a_word_find_articles(real_search):
    """'spa?tic' and 'sp*m' match the words they spell (spastic, spasm)."""
    assert real_search.search("spa?tic").total == real_search.search("spastic").total > 0
    assert real_search.search("sp*m").total >= real_search.search("spasm").total > 0
    assert "unusual symbols" not in real_search.search("spas*c").message


def test_one_letter_wildcard_explains_itself(fixture_search):
    """'s*' would match half the words in the index; the user is told what to type."""
    result = fixture_search.search("s*")
    assert result.hits == [] and "two letters" in result.message


def test_search_follows_an_index_rebuilt_by_another_process(tmp_path, vocabulary, make_index):
    """A window keeps answering when another process rebuilds the index under it."""
    window = make_index(tmp_path / "index", FIXTURES / "articles")
    window.sync()
    service = SearchService(window, vocabulary)
    assert ids(service.search("cramps"))[0] == "night-cramps"
    make_index(tmp_path / "index", FIXTURES / "articles").sync(rebuild=True)
    result = service.search("cramps")
    assert ids(result)[0] == "night-cramps"
    assert "damaged" not in result.message


SYNTAX_PIECES = [
    "AND",
    "OR",
    "NOT",
    '"',
    "(",
    ")",
    "*",
    "?",
    "~",
    "~2",
    "^",
    ":",
    "tag:",
    "title:",
    "tag:lhermitte",
    "spas*",
    "pins and needles",
    "cramps",
    "[",
    "]",
    "TO",
    "-",
    "\\",
    "'",
]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=300) | st.lists(st.sampled_from(SYNTAX_PIECES), max_size=12).map(" ".join))
def test_any_text_returns_a_result(fixture_search, text):
    """Any Unicode or any mix of query syntax gives a result object, never an exception."""
    result = fixture_search.search(text)
    assert result.total >= len(result.hits)


def _collection_where_every_article_says(tmp_path, word: str, count: int = 6):
    from mspain_kb.core.collection.article import format_article

    folder = tmp_path / "common"
    folder.mkdir()
    for number in range(count):
        extra = " Her bladder was fine." if number == 0 else ""
        body = f"## Notes\n\nA note about {word} number {number}.{extra}"
        (folder / f"note-{number}.md").write_text(
            format_article(f"Note {number}", body), encoding="utf-8"
        )
    return folder


def test_a_word_in_every_article_still_finds_them_all(tmp_path, vocabulary, make_index):
    """A word found in every body is searched in bodies too, not only in titles."""
    folder = _collection_where_every_article_says(tmp_path, "burning")
    service = SearchService(make_index(tmp_path / "index", folder), vocabulary)
    service.index.sync()
    assert service.search("burning", limit=50).total == 6
    # The other word matches nothing: the common word is kept, so results stay.
    assert service.search("burning feet", limit=50).total == 6
    # A rarer word that matches leads; the common word is not scored.
    assert ids(service.search("burning bladder", limit=50))[0] == "note-0"
    service.close()
    service.index.close()


def test_an_article_about_the_topic_outranks_one_that_only_carries_its_tag(
    tmp_path, vocabulary, make_index
):
    """'pins and needles' puts the article titled on nerve pain above a merely tagged one."""
    from mspain_kb.core.collection.article import format_article

    folder = tmp_path / "topic"
    folder.mkdir()
    articles = {
        "a-living-well": ("Living well with MS", "Sleep, rest and pacing the day."),
        "b-nerve-pain": ("Nerve pain explained", "Why damaged nerves send odd signals."),
    }
    for name, (title, text) in articles.items():
        body = f"## About\n\n{text}"
        (folder / f"{name}.md").write_text(
            format_article(title, body, tags=["neuropathic-pain"]), encoding="utf-8"
        )
    service = SearchService(make_index(tmp_path / "index", folder), vocabulary)
    service.index.sync()
    assert ids(service.search("pins and needles")) == ["b-nerve-pain", "a-living-well"]
    service.close()
    service.index.close()


def test_real_articles_mentioning_a_glossary_term_agree_with_reading_them(real_search, glossary):
    """The index lists every article whose ranked text uses a term or an alias, up to a limit."""
    from mspain_kb.core.collection.files import load_collection

    articles, _problems = load_collection(REAL_ARTICLES)
    for name in (
        "spasticity",
        "Lhermitte's sign",
        "numbness and tingling",
        "myelin",
        "spinal cord",
    ):
        entry = glossary.lookup(name)
        read = {
            a.id
            for a in articles
            for match in glossary.find_terms(f"{a.title}\n\n{a.ranked_text()}")
            if match.entry == entry
        }
        found, total = real_search.mentioning(entry)
        assert read and read == {article_id for article_id, _title in found}, name
        assert total == len(found)
    few, total = real_search.mentioning(glossary.lookup("spasticity"), limit=2)
    assert len(few) == 2 and total > 2


def test_articles_mentioning_a_term_no_article_uses_is_empty(fixture_search, glossary):
    """A term that no article uses lists no article (and does not fail)."""
    assert fixture_search.mentioning(glossary.lookup("carisoprodol")) == ([], 0)


def test_totals_and_topic_counts_include_every_match_beyond_the_first_page(
    tmp_path, vocabulary, make_index
):
    """Articles that only weakly match still count in the total and the topic counts."""
    from mspain_kb.core.collection.article import format_article

    folder = tmp_path / "many"
    folder.mkdir()
    (folder / "quokka-guide.md").write_text(
        format_article("Quokka, quokka and quokka", "## Quokka\n\nQuokka quokka."),
        encoding="utf-8",
    )
    for number in range(40):
        word = ("otter", "quokka", "otter", "wombat")[number % 4]  # each under half
        body = f"## Notes\n\nA long note {number} that mentions {word} once, among other words."
        (folder / f"note-{number}.md").write_text(
            format_article(f"Note {number}", body, tags=["spasticity"]), encoding="utf-8"
        )
    service = SearchService(make_index(tmp_path / "index", folder), vocabulary)
    service.index.sync()
    result = service.search("quokka OR wombat", limit=1)
    assert result.total == 21
    assert result.facets.get("spasticity") == 20
    assert len(result.hits) == 1 and result.hits[0].id == "quokka-guide"
    service.close()
    service.index.close()
