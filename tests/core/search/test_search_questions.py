"""Search as people really type: questions, pasted paragraphs, rare words, lay words, ties.

Each test builds a few articles of its own, so what it checks is visible in the test.
"""

from __future__ import annotations

import pytest

from mspain_kb.core.collection.article import format_article
from mspain_kb.core.search.query import MAX_QUERY_CHARS, reading_strength
from mspain_kb.core.search.query_reading import (
    NOTE_LONE_OPERATOR,
    NOTE_SHORT_WILDCARD,
    NOTE_UNPAIRED_QUOTE,
    read,
)
from mspain_kb.core.search.service import SearchService


def _write(folder, name, title, text, tags=()):
    body = f"## About\n\n{text}"
    (folder / f"{name}.md").write_text(format_article(title, body, tags=tags), encoding="utf-8")


@pytest.fixture
def service_for(tmp_path, vocabulary, make_index):
    """service_for({id: (title, text, tags)}) -> a SearchService over just those articles."""
    made = []

    def make(articles: dict) -> SearchService:
        folder = tmp_path / f"articles-{len(made)}"
        folder.mkdir()
        for name, (title, text, *tags) in articles.items():
            _write(folder, name, title, text, tags[0] if tags else ())
        index = make_index(tmp_path / f"index-{len(made)}", folder)
        index.sync()
        service = SearchService(index, vocabulary)
        made.append(service)
        return service

    yield make
    for service in made:
        service.close()


def ids(result) -> list[str]:
    return [hit.id for hit in result.hits]


# ---------------------------------------------------------------- punctuation is punctuation

ABDOMEN = {
    "appendicitis": ("Appendicitis", "Appendicitis is swelling of the appendix, with pain."),
    "gallstones": ("Gallstones", "Gallstones can cause pain under the right ribs."),
    "wind": ("Trapped wind", "Trapped wind causes bloating and pain in the tummy."),
}


@pytest.mark.parametrize(
    "question",
    [
        "What pain is associated with appendicitis?",
        "what pain is associated with appendicitis ?",
        "Pain... appendicitis?!",
        "(appendicitis) pain, please?",
    ],
)
def test_a_question_mark_or_bracket_never_removes_the_word_before_it(service_for, question):
    """'appendicitis?' is the word appendicitis at the end of a question, not a wildcard."""
    service = service_for(ABDOMEN)
    result = service.search(question)
    assert ids(result)[0] == "appendicitis"
    assert ids(result) == ids(service.search("pain appendicitis")) and not result.message


LEAFLETS = {
    "support": (
        "Support lines",
        "The MS Trust at www.mstrust.org.uk answers questions; keep a pain_diary for the clinic.",
    ),
    "gallstones": ABDOMEN["gallstones"],
}


@pytest.mark.parametrize("typed", ["mstrust", "mstrust.org.uk", "pain diary", "pain_diary"])
def test_words_joined_by_dots_or_underscores_are_found_as_typed(service_for, typed):
    """The index splits words where the search box does: a web address or a joined word in
    an article is found by any of its parts, or by the whole of it typed as it stands."""
    service = service_for(LEAFLETS)
    assert ids(service.search(typed))[0] == "support"


def test_a_phrase_seen_in_a_summary_is_found_in_quotes(service_for):
    """The list shows an article's summary; quoting words from it must find the article
    (phrases were matched in titles and bodies only, and a summary is not in the body)."""
    service = service_for(ABDOMEN)
    summary = "Explains how an altered walk can strain the tummy muscles."
    folder = service.index.articles_dir
    text = format_article("Walking", "## About\n\nWalking and pain.", summary=summary)
    (folder / "walking.md").write_text(text, encoding="utf-8")
    service.index.sync()
    assert ids(service.search('"altered walk"')) == ["walking"]


def test_reading_keeps_words_and_only_deliberate_syntax():
    """Natural text becomes words; syntax survives only where it cannot be plain text."""
    assert read("Why do my legs cramp at night?").query == "legs cramp night"
    assert read("Whar are Schmorl's nodes?").query == "whar schmorl's nodes"
    assert read('"stiff legs" AND night').query == '"stiff legs" AND night'
    assert read("spas* title:cramps spasticity~1").query == "spas* title:cramps spasticity~1"
    assert read("stiff AND (legs OR arms)").query == "stiff AND ( legs OR arms )"
    assert read("What is (are) Kabuki syndrome ?").query == "kabuki syndrome"
    assert read("MS AND PAIN").query == "ms pain"  # a query in capitals is words, not syntax
    assert read("pain pain pain").query == "pain"


@pytest.mark.parametrize(
    ("typed", "note", "searched"),
    [
        ('"stiff legs', NOTE_UNPAIRED_QUOTE, "stiff legs"),
        ("sp*m s* cramps", NOTE_SHORT_WILDCARD, "sp*m cramps"),
        ("AND cramps OR", NOTE_LONE_OPERATOR.format(op="AND"), "cramps"),
    ],
)
def test_syntax_that_cannot_apply_is_said_and_its_words_kept(typed, note, searched):
    """An unpaired quote, a * after one letter or a lone AND is explained, never silent."""
    reading = read(typed)
    assert reading.notes[0] == note
    assert reading.query == searched


def test_notes_reach_the_result_message(service_for):
    """What the search set aside is in the message the window and the command line show."""
    service = service_for(ABDOMEN)
    result = service.search('"trapped wind')
    assert ids(result)[0] == "wind"
    assert NOTE_UNPAIRED_QUOTE in result.notes and NOTE_UNPAIRED_QUOTE in result.message
    unknown = service.search("colour:red gallstones")
    assert "'colour:' is not something the search knows" in unknown.message
    assert ids(unknown)[0] == "gallstones"


# ---------------------------------------------------------------- a pasted paragraph counts


def test_every_word_of_a_200_word_paragraph_counts(service_for):
    """The one telling word at the end of a long pasted paragraph still finds its article."""
    service = service_for(ABDOMEN)
    filler = " ".join(["I have been feeling unwell lately and wondered"] * 25)  # 200 words
    paragraph = f"{filler} about appendicitis"
    assert len(paragraph.split()) > 200
    result = service.search(paragraph)
    assert ids(result) == ["appendicitis"]
    assert not result.message


def test_text_beyond_the_limit_is_cut_and_said(service_for):
    """Past MAX_QUERY_CHARS the rest is not searched, and the message says so."""
    service = service_for(ABDOMEN)
    result = service.search("gallstones " * (MAX_QUERY_CHARS // 5))
    assert ids(result)[0] == "gallstones"
    assert f"first {MAX_QUERY_CHARS:,} characters" in result.message


# ---------------------------------------------------------------- did you mean

LEGS = {
    "heavy-legs": ("Heavy legs", "Legs can feel heavy and weak after walking."),
    "jerky-legs": ("Jerky legs at night", "Jerky legs and twitching muscles at night."),
    "schmorl": ("Schmorl's nodes", "Schmorl's nodes are small bulges of disc into a vertebra."),
    "spasticity": ("Spasticity", "Spasticity makes muscles stiff and tight."),
}


@pytest.mark.parametrize(
    "query", ["my legs feel heavy and jelly like", "Schmorl's nodes", "what are schmorl's nodes"]
)
def test_real_or_collection_words_are_never_corrected(service_for, query):
    """'jelly' is an English word and 'Schmorl's' is in an article: no 'did you mean'."""
    result = service_for(LEGS).search(query)
    assert result.suggestion is None
    assert "Also searched" not in result.message


def test_a_typo_beside_words_that_found_something_is_searched_too(service_for):
    """The user's own results stay; the correction of a non-word is added to them."""
    service = service_for(LEGS)
    result = service.search("spastisity heavy legs")
    assert result.suggestion == "spasticity heavy legs"
    assert {"heavy-legs", "spasticity", "jerky-legs"} <= set(ids(result))
    assert "Also searched for spasticity" in result.message


def test_a_typo_alone_shows_the_corrected_search(service_for):
    """When nothing matched the words as typed, the corrected search is shown, and said."""
    result = service_for(LEGS).search("Whar are Schmorl's nodse?")
    assert result.suggestion is not None and "nodes" in result.suggestion
    assert ids(result)[0] == "schmorl"


def test_a_correction_that_would_change_nothing_is_not_offered(service_for):
    """'whar' -> 'what' (a function word the search leaves out) and, beside words that
    matched, 'lgs' -> 'legs' (in most articles) would change nothing the search finds."""
    articles = {
        f"note-{n}": (f"Note {n}", f"What to do about topic{n} and legs.") for n in range(4)
    }
    articles["schmorl"] = LEGS["schmorl"]
    service = service_for(articles)
    for query in ("whar are schmorl's nodes", "schmorl's nodes in my lgs"):
        result = service.search(query)
        assert result.suggestion is None, query
        assert ids(result)[0] == "schmorl"
    assert service.search("lgs").suggestion == "legs"  # alone, it is the whole search


# ---------------------------------------------------------------- lay words add evidence


def test_a_generic_one_word_reading_never_outranks_the_users_own_words(service_for):
    """'tummy ache': 'ache' reads as musculoskeletal pain, but the articles about the tummy
    lead."""
    service = service_for(
        {
            "back-pain": (
                "Musculoskeletal pain in the back",
                "Aching muscles and sore joints in the back.",
                ["musculoskeletal-pain", "lower-back-pain"],
            ),
            "tummy-bug": ("Tummy bugs", "A tummy bug gives a dull ache in the tummy."),
            "tummy-wind": ("Wind in the tummy", "Wind can make the tummy swell."),
        }
    )
    result = service.search("tummy ache at night")
    assert [t.topic_id for t in result.topics] == ["musculoskeletal-pain"]
    assert ids(result)[:2] == ["tummy-bug", "tummy-wind"]
    assert "back-pain" in ids(result)  # still found: the reading adds evidence


def test_a_specific_phrase_counts_more_than_one_everyday_word(vocabulary):
    """'pins and needles' and 'electric shock down my spine' weigh more than 'ache'."""

    def strength(text):
        (match,) = vocabulary.match_lay_phrases(text)
        return reading_strength(match)

    assert (
        strength("ache") < strength("pins and needles") < strength("electric shock down my spine")
    )
    assert strength("ache") <= 0.34 and strength("electric shock down my spine") == 1.0
    assert strength("spasticity") == 1.0  # the topic's own name


def test_a_reading_ranks_topic_articles_between_strong_and_weak_literal_matches(service_for):
    """'pins and needles': an article about needles still leads (the user's own words), the
    nerve-pain article comes next, above one that mentions needles once in passing."""
    passing = " ".join(["Sewing, knitting and mending clothes at home."] * 12)
    service = service_for(
        {
            "needles": ("Needles", "Needles for injections; dispose of needles safely."),
            "nerve-pain": (
                "Nerve pain",
                "Tingling and burning from damaged nerves.",
                ["neuropathic-pain"],
            ),
            "sewing": ("Sewing", f"{passing} Keep the needles in a case."),
        }
    )
    assert ids(service.search("pins and needles")) == ["needles", "nerve-pain", "sewing"]


# ---------------------------------------------------------------- ties


def test_equal_scores_come_in_title_order_then_by_id_even_after_a_rebuild(service_for):
    """Articles that score the same are listed by title, then id, however they were indexed."""
    text = "Cramps at night can wake you."
    service = service_for(
        {
            "z-first-file": ("Alpha", text),
            "b-file": ("Charlie", text),
            "a-file": ("Bravo", text),
            "c-file": ("Bravo", text),
        }
    )
    expected = ["z-first-file", "a-file", "c-file", "b-file"]
    assert ids(service.search("cramps")) == expected
    service.index.sync(rebuild=True)
    assert ids(service.search("cramps")) == expected
    assert ids(service.search("cramps", limit=2)) == expected[:2]
